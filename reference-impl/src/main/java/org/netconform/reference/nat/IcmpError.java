package org.netconform.reference.nat;

import java.util.Objects;

/**
 * An ICMP error (RFC 792): who sent it, to whom, what kind, and the 5-tuple of the packet that caused
 * it, as that packet looked where the error was generated. A NAT translates the destination and the
 * quoted source back to the inside (RFC 4787 REQ-12b, RFC 5382 REQ-9).
 */
public record IcmpError(String source, String destination, IcmpType type, FiveTuple quoted) implements Packet {

    public IcmpError {
        Ipv4.requireValid(source);
        Ipv4.requireValid(destination);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quoted, "quoted");
    }

    /** The error a node at {@code from} sends back for {@code cause}. */
    public static IcmpError about(TransportPacket cause, String from, IcmpType type) {
        return new IcmpError(from, cause.sourceAddress(), type, cause.tuple());
    }

    @Override
    public String sourceAddress() {
        return source;
    }

    @Override
    public String destinationAddress() {
        return destination;
    }

    public IcmpError withDestination(String newDestination, FiveTuple newQuoted) {
        return new IcmpError(source, newDestination, type, newQuoted);
    }

    @Override
    public String describe() {
        return "ICMP " + type.name().toLowerCase().replace('_', ' ') + " " + source + " -> " + destination
                + " quoting " + quoted;
    }
}
