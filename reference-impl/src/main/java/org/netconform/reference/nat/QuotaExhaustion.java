package org.netconform.reference.nat;

/** What a NAT does with a new flow of a subscriber that holds its whole port quota (RFC 6888 REQ-11). */
public enum QuotaExhaustion {
    /** The packet is dropped and existing mappings stay (REQ-11a, REQ-11d). */
    DROP_NEW,
    /** The subscriber's oldest mapping is removed to make room. Breaks REQ-11d (a broken option). */
    EVICT_OLDEST
}
