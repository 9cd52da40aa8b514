package org.netconform.netlab;

/** Where a datagram or a connection's first bytes arrived, and the source the receiving socket saw. */
public record Arrival(Endpoint receivedAt, Endpoint seenSource) {
}
