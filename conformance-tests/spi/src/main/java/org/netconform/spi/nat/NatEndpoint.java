package org.netconform.spi.nat;

import java.util.Objects;

/**
 * An IPv4 transport address in a NAT lab: a dotted-quad address and a port. Addresses are textual so
 * the same value travels through an in-process model, a namespace agent and the stdio protocol alike.
 */
public record NatEndpoint(String address, int port) {

    public NatEndpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static NatEndpoint of(String address, int port) {
        return new NatEndpoint(address, port);
    }

    /** {@code 203.0.113.1:40000}, parsed back by {@link #parse}. */
    @Override
    public String toString() {
        return address + ":" + port;
    }

    public static NatEndpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not ADDRESS:PORT: " + text);
        }
        return new NatEndpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
}
