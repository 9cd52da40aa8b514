package org.netconform.reference.nat;

/** Transport, source and destination of a packet: what an ICMP error quotes of the packet that caused it. */
public record FiveTuple(Transport transport, Endpoint source, Endpoint destination) {

    @Override
    public String toString() {
        return transport + " " + source + " -> " + destination;
    }
}
