package org.netconform.reference.nat;

/** A packet with ports: what a NAPT rewrites and keeps mappings for. */
public sealed interface TransportPacket extends Packet permits UdpDatagram, TcpSegment {

    Transport transport();

    Endpoint source();

    Endpoint destination();

    Payload payload();

    TransportPacket withSource(Endpoint newSource);

    TransportPacket withDestination(Endpoint newDestination);

    default FiveTuple tuple() {
        return new FiveTuple(transport(), source(), destination());
    }

    @Override
    default String sourceAddress() {
        return source().address();
    }

    @Override
    default String destinationAddress() {
        return destination().address();
    }
}
