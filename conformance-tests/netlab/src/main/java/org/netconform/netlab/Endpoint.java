package org.netconform.netlab;

import java.util.Objects;

/**
 * An IPv4 address and a port in a lab. The lab's own type rather than the vendor interface's, so this
 * module (and the agent that runs from its classes alone) needs nothing but the JDK.
 */
public record Endpoint(String address, int port) {

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static Endpoint of(String address, int port) {
        return new Endpoint(address, port);
    }

    /** {@code ADDRESS:PORT}, the form the agent protocol carries and {@link #parse} reads back. */
    @Override
    public String toString() {
        return address + ":" + port;
    }

    public static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not ADDRESS:PORT: " + text);
        }
        return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
}
