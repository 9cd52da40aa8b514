package org.netconform.spi.nat;

/** The transport a NAT lab operation uses. */
public enum NatTransport {
    UDP,
    TCP
}
