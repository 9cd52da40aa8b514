package org.netconform.reference.nat;

/** Which packets share a mapping (RFC 4787 section 4.1). RFC 4787 REQ-1 and RFC 5382 REQ-1 require EIM. */
public enum MappingBehavior {
    /** Endpoint-independent: one mapping per internal endpoint, whatever the destination. */
    EIM,
    /** Address-dependent: one mapping per internal endpoint and destination address. */
    ADM,
    /** Address-and-port-dependent: one mapping per internal endpoint and destination endpoint ("symmetric"). */
    APDM
}
