package org.netconform.reference.nat;

import java.util.Objects;

/** A UDP datagram. */
public record UdpDatagram(Endpoint source, Endpoint destination, Payload payload) implements TransportPacket {

    public UdpDatagram {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public UdpDatagram withSource(Endpoint newSource) {
        return new UdpDatagram(newSource, destination, payload);
    }

    @Override
    public UdpDatagram withDestination(Endpoint newDestination) {
        return new UdpDatagram(source, newDestination, payload);
    }

    @Override
    public String describe() {
        return "UDP " + source + " -> " + destination + (payload.isEmpty() ? "" : " " + payload);
    }
}
