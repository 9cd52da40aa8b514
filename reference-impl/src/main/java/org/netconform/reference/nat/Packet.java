package org.netconform.reference.nat;

/**
 * A packet in the model: a UDP datagram, a TCP segment or an ICMP error. Packets are immutable values;
 * a NAT translates one by returning a copy with other addresses.
 */
public sealed interface Packet permits TransportPacket, IcmpError {

    String sourceAddress();

    String destinationAddress();

    /** One readable line for event logs, e.g. {@code UDP 198.51.100.10:5000 -> 203.0.113.100:3478 "n1"}. */
    String describe();
}
