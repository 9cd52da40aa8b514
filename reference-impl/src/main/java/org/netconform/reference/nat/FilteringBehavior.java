package org.netconform.reference.nat;

/** Which inbound packets a mapping lets through (RFC 4787 section 5, RFC 5382 section 4.3). */
public enum FilteringBehavior {
    /** Endpoint-independent: any external endpoint may send to the mapping. */
    EIF,
    /** Address-dependent: only addresses the internal endpoint has sent to through the mapping. */
    ADF,
    /** Address-and-port-dependent: only endpoints the internal endpoint has sent to through the mapping. */
    APDF
}
