package org.netconform.reference.nat;

/** What an inbound ICMP error does to the mapping it quotes. */
public enum IcmpErrorHandling {
    /** Translated to the inside host; the mapping stays (RFC 4787 REQ-12, RFC 5382 REQ-10). */
    KEEP_MAPPING,
    /** Translated, then the mapping is removed. Breaks RFC 4787 REQ-12 (a broken option). */
    TEAR_DOWN_MAPPING
}
