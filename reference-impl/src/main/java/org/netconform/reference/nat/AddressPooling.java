package org.netconform.reference.nat;

/** How a NAT with several external addresses spreads mappings over them (RFC 4787 section 4.1). */
public enum AddressPooling {
    /**
     * Every mapping of one internal address uses the same external address (RFC 4787 REQ-2, RECOMMENDED;
     * RFC 6888 REQ-2 makes it the MUST default for a CGN). When that address has no free port, the new
     * flow is dropped rather than moved to another address (RFC 7857 section 4, strict pairing).
     */
    PAIRED,
    /** Each new mapping takes the next external address in turn, whichever internal address asks. */
    ARBITRARY
}
