package org.netconform.reference.nat;

/** Which packets restart a mapping's idle timer (RFC 4787 section 4.3). */
public enum RefreshDirection {
    /** Packets from inside only: what RFC 4787 REQ-6 requires, and the safe default (RFC 7857 section 7). */
    OUTBOUND,
    /** Packets from outside only: breaks RFC 4787 REQ-6 (a broken option for the suite's self-tests). */
    INBOUND,
    /** Both directions: REQ-6 plus REQ-6a, which allows inbound refresh. */
    BOTH;

    public boolean outbound() {
        return this != INBOUND;
    }

    public boolean inbound() {
        return this != OUTBOUND;
    }
}
