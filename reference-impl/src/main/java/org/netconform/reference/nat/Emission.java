package org.netconform.reference.nat;

/** A packet a NAT sends, and the side it leaves on. */
public record Emission(Side side, Packet packet) {
}
