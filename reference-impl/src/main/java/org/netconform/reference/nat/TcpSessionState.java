package org.netconform.reference.nat;

/**
 * The state a NAT tracks for one TCP connection: the simplified state machine of RFC 7857 section 2
 * (Figure 1, adapted from RFC 6146), with the side that spoke first kept so the table reads well.
 */
public enum TcpSessionState {
    /** Partially open: a SYN went out (RFC 7857 "INIT" for a client inside). Transitory timer. */
    SYN_OUTBOUND,
    /** Partially open: a SYN came in and the filter admitted it. Transitory timer. */
    SYN_INBOUND,
    /** The other side's SYN (a SYN-ACK, or a crossing SYN in a simultaneous open) was seen. Established timer. */
    ESTABLISHED,
    /** The inside host sent a FIN ("C FIN RCV"): still the established phase (RFC 5382 section 5). */
    FIN_OUTBOUND,
    /** The outside host sent a FIN ("S FIN RCV"): still the established phase. */
    FIN_INBOUND,
    /** FINs went both ways: the closing phase, transitory timer. */
    FIN_BOTH,
    /** A RST was seen ("TRANS"): kept for the RST timer in case it was lost (RFC 7857 section 2.2). */
    RESET
}
