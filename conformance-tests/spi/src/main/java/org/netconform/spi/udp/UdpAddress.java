package org.netconform.spi.udp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 address and a UDP port, as plain values (no name resolution, no I/O).
 *
 * @param ip   the IPv4 address as an unsigned 32-bit value held in an int (127.0.0.1 is 0x7F000001)
 * @param port 0..65535; 0 means "any port" in a bind and "no port" in a local address
 */
public record UdpAddress(int ip, int port) {
    public static final int WILDCARD_IP = 0;
    public static final int LOOPBACK_IP = 0x7F000001;

    public UdpAddress {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses dotted-quad notation, e.g. {@code of("127.0.0.1", 5000)}. */
    public static UdpAddress of(String dottedQuad, int port) {
        String[] parts = dottedQuad.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dottedQuad);
        }
        int ip = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dottedQuad, e);
            }
            if (octet < 0 || octet > 255 || part.isEmpty() || part.length() > 3) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dottedQuad);
            }
            ip = (ip << 8) | octet;
        }
        return new UdpAddress(ip, port);
    }

    /** 127.0.0.1 with the given port. */
    public static UdpAddress loopback(int port) {
        return new UdpAddress(LOOPBACK_IP, port);
    }

    /** 0.0.0.0 with the given port. */
    public static UdpAddress wildcard(int port) {
        return new UdpAddress(WILDCARD_IP, port);
    }

    public static UdpAddress from(InetSocketAddress address) {
        byte[] b = address.getAddress().getAddress();
        if (b.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return new UdpAddress(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF),
                address.getPort());
    }

    public InetSocketAddress toInetSocketAddress() {
        byte[] b = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(b), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("four octets are always a valid address", e);
        }
    }

    public boolean isWildcard() {
        return ip == WILDCARD_IP;
    }

    /** In 127.0.0.0/8. */
    public boolean isLoopback() {
        return (ip >>> 24) == 127;
    }

    public UdpAddress withPort(int newPort) {
        return new UdpAddress(ip, newPort);
    }

    public UdpAddress withIp(int newIp) {
        return new UdpAddress(newIp, port);
    }

    public String ipString() {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
    }

    @Override
    public String toString() {
        return ipString() + ":" + port;
    }
}
