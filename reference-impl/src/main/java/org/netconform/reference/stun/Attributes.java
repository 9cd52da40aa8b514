package org.netconform.reference.stun;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed values of the attributes discovery needs: addresses in the MAPPED-ADDRESS format (RFC 8489
 * §14.1, RFC 5780 §7.1) and its XOR form (§14.2), UNKNOWN-ATTRIBUTES (§14.13), RESPONSE-PORT and
 * PADDING (RFC 5780 §7.5, §7.6), SOFTWARE (§14.14).
 */
public final class Attributes {
    public static final int FAMILY_IPV4 = 0x01;
    public static final int FAMILY_IPV6 = 0x02;

    private Attributes() {
    }

    /** An attribute of the MAPPED-ADDRESS format: MAPPED-ADDRESS, OTHER-ADDRESS, RESPONSE-ORIGIN, ... */
    public static StunAttribute address(int type, InetSocketAddress address) {
        return new StunAttribute(type, addressValue(address));
    }

    public static byte[] addressValue(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] v = new byte[4 + ip.length];
        v[1] = (byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
        Bytes.put16(v, 2, address.getPort());
        System.arraycopy(ip, 0, v, 4, ip.length);
        return v;
    }

    /** Reads a MAPPED-ADDRESS-format value; the first octet is ignored (§14.1). */
    public static InetSocketAddress readAddress(byte[] v) {
        int family = checkFamily(v);
        byte[] ip = new byte[family == FAMILY_IPV4 ? 4 : 16];
        System.arraycopy(v, 4, ip, 0, ip.length);
        return new InetSocketAddress(inet(ip), Bytes.u16(v, 2));
    }

    public static InetSocketAddress readAddress(StunAttribute a) {
        return readAddress(a.value());
    }

    /** XOR-MAPPED-ADDRESS for an address, as a message with this transaction ID carries it. */
    public static StunAttribute xorAddress(int type, InetSocketAddress address, TransactionId id) {
        return new StunAttribute(type, xor(addressValue(address), id));
    }

    public static StunAttribute xorMapped(InetSocketAddress address, TransactionId id) {
        return xorAddress(AttributeType.XOR_MAPPED_ADDRESS, address, id);
    }

    public static InetSocketAddress readXorAddress(byte[] v, TransactionId id) {
        checkFamily(v);
        return readAddress(xor(v, id));
    }

    public static InetSocketAddress readXorAddress(StunAttribute a, TransactionId id) {
        return readXorAddress(a.value(), id);
    }

    /**
     * XORs the port with the cookie's top 16 bits and the address with the cookie (IPv4) or with the
     * cookie and the 96-bit transaction ID (IPv6); the same operation encodes and decodes.
     */
    static byte[] xor(byte[] value, TransactionId id) {
        byte[] v = value.clone();
        byte[] key = new byte[16];
        Bytes.put32(key, 0, StunCodec.MAGIC_COOKIE);
        byte[] tid = id.bytes();
        if (tid.length == 12) {
            System.arraycopy(tid, 0, key, 4, 12);
        } else if (v.length > 8) {
            throw new StunFormatException("an IPv6 XOR address needs a 96-bit transaction ID");
        }
        v[2] ^= key[0];
        v[3] ^= key[1];
        for (int i = 4; i < v.length; i++) {
            v[i] ^= key[i - 4];
        }
        return v;
    }

    private static int checkFamily(byte[] v) {
        if (v.length < 4) {
            throw new StunFormatException("an address attribute has at least 4 octets, not " + v.length);
        }
        int family = v[1] & 0xFF;
        if (family == FAMILY_IPV4 && v.length == 8 || family == FAMILY_IPV6 && v.length == 20) {
            return family;
        }
        throw new StunFormatException("address family 0x" + Integer.toHexString(family) + " with " + v.length
                + " octets (IPv4 0x01 has 8, IPv6 0x02 has 20)");
    }

    private static InetAddress inet(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new StunFormatException("bad address: " + e.getMessage());
        }
    }

    public static boolean isIpv4(InetSocketAddress a) {
        return a.getAddress() instanceof Inet4Address;
    }

    public static boolean isIpv6(InetSocketAddress a) {
        return a.getAddress() instanceof Inet6Address;
    }

    /** UNKNOWN-ATTRIBUTES: the types as 16-bit values, padded normally (§14.13). */
    public static StunAttribute unknownAttributes(List<Integer> types) {
        byte[] v = new byte[2 * types.size()];
        for (int i = 0; i < types.size(); i++) {
            Bytes.put16(v, 2 * i, types.get(i));
        }
        return new StunAttribute(AttributeType.UNKNOWN_ATTRIBUTES, v);
    }

    public static List<Integer> readUnknownAttributes(StunAttribute a) {
        byte[] v = a.value();
        if (v.length % 2 != 0) {
            throw new StunFormatException("UNKNOWN-ATTRIBUTES has an even length, not " + v.length);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.length; i += 2) {
            out.add(Bytes.u16(v, i));
        }
        return out;
    }

    /** RESPONSE-PORT: a 16-bit port and two octets of padding inside the value (RFC 5780 §7.5). */
    public static StunAttribute responsePort(int port) {
        byte[] v = new byte[4];
        Bytes.put16(v, 0, port);
        return new StunAttribute(AttributeType.RESPONSE_PORT, v);
    }

    public static int readResponsePort(StunAttribute a) {
        byte[] v = a.value();
        if (v.length != 4) {
            throw new StunFormatException("RESPONSE-PORT has 4 octets, not " + v.length);
        }
        return Bytes.u16(v, 0);
    }

    /** PADDING of this many octets (RFC 5780 §7.6: the value does not matter). */
    public static StunAttribute padding(int length) {
        return new StunAttribute(AttributeType.PADDING, new byte[length]);
    }

    public static StunAttribute software(String text) {
        return new StunAttribute(AttributeType.SOFTWARE, text.getBytes(StandardCharsets.UTF_8));
    }
}
