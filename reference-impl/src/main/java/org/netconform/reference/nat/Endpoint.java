package org.netconform.reference.nat;

/**
 * An IPv4 transport address: a dotted-quad address and a port (0..65535). The model's own type, the
 * counterpart of the vendor interface's {@code NatEndpoint}, so that the reference depends on nothing.
 */
public record Endpoint(String address, int port) {

    public Endpoint {
        Ipv4.requireValid(address);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static Endpoint of(String address, int port) {
        return new Endpoint(address, port);
    }

    /** Parses {@code 203.0.113.1:40000}, the form {@link #toString()} writes. */
    public static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not ADDRESS:PORT: " + text);
        }
        return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    public Endpoint withPort(int newPort) {
        return new Endpoint(address, newPort);
    }

    @Override
    public String toString() {
        return address + ":" + port;
    }
}
