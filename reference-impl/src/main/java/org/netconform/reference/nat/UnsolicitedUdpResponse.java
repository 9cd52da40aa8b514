package org.netconform.reference.nat;

/**
 * How a NAT answers an inbound UDP datagram that no mapping admits. The RFCs leave it open; silence
 * reveals nothing, and a Linux router without an input filter answers with its own ICMP port unreachable.
 */
public enum UnsolicitedUdpResponse {
    DROP,
    ICMP_PORT_UNREACHABLE
}
