package org.netconform.adapters.usermodenat.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code "198.51.100.10:40000"} to a socket address and back, without any name lookup. */
final class Endpoints {
    private Endpoints() {
    }

    static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not ADDRESS:PORT: " + text);
        }
        String host = text.substring(0, colon);
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 address: " + host);
        }
        try {
            // a literal: getByName parses it and never asks a resolver
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(text.substring(colon + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not ADDRESS:PORT: " + text, e);
        }
    }

    static String format(java.net.SocketAddress address) {
        InetSocketAddress a = (InetSocketAddress) address;
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
