package org.netconform.reference.nat;

/** Which side of a NAT a packet leaves on. */
public enum Side {
    /** Towards the private realm (translated inbound traffic, hairpinned traffic, errors for inside hosts). */
    INSIDE,
    /** Towards the public realm. */
    OUTSIDE
}
