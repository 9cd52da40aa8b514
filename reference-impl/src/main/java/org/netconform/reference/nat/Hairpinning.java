package org.netconform.reference.nat;

/** What a NAT does with a packet from inside to one of its own external endpoints (RFC 4787 section 6). */
public enum Hairpinning {
    /** No hairpinning: the packet is treated like any packet addressed to the NAT itself. Breaks REQ-9. */
    OFF,
    /**
     * Translates the source too, so the receiver sees the sender's external endpoint and the filtering
     * of the receiving mapping applies: RFC 4787 REQ-9a, RFC 5382 REQ-8a.
     */
    EXTERNAL_SOURCE,
    /** Forwards with the sender's internal endpoint as source (older NATs). Breaks REQ-9a. */
    INTERNAL_SOURCE
}
