package org.netconform.reference.nat;

/**
 * The TCP state machine a NAT tracks per session: RFC 7857 section 2, Figure 1 (from RFC 6146
 * section 3.5.2.2), which the RFC says a NAT SHOULD implement. It is driven by flags only; it accepts
 * every valid sequence of segments, the simultaneous open included (RFC 5382 REQ-2): a SYN from the
 * other side, with or without ACK, makes a partially open session established.
 */
final class TcpTracker {
    private TcpTracker() {
    }

    /**
     * The state after {@code segment}, sent {@code outbound} (from inside) or not, in {@code current}
     * (null: no session yet; only an initial SYN makes one).
     */
    static TcpSessionState next(TcpSessionState current, TcpSegment segment, boolean outbound) {
        if (segment.has(TcpFlag.RST)) {
            return TcpSessionState.RESET; // RFC 7857 section 2.2: kept for the RST timer, not removed at once
        }
        TcpSessionState opening = outbound ? TcpSessionState.SYN_OUTBOUND : TcpSessionState.SYN_INBOUND;
        if (current == null) {
            return opening;
        }
        boolean syn = segment.has(TcpFlag.SYN);
        boolean fin = segment.has(TcpFlag.FIN);
        return switch (current) {
            case SYN_OUTBOUND -> syn && !outbound ? TcpSessionState.ESTABLISHED : current;
            case SYN_INBOUND -> syn && outbound ? TcpSessionState.ESTABLISHED : current;
            case ESTABLISHED -> fin ? (outbound ? TcpSessionState.FIN_OUTBOUND : TcpSessionState.FIN_INBOUND) : current;
            case FIN_OUTBOUND -> fin && !outbound ? TcpSessionState.FIN_BOTH : current;
            case FIN_INBOUND -> fin && outbound ? TcpSessionState.FIN_BOTH : current;
            // A new SYN on a closed 4-tuple opens a new connection (TIME_WAIT reuse).
            case FIN_BOTH -> segment.isInitialSyn() ? opening : current;
            // Figure 1: a packet after a RST ("data pkt") brings TRANS back to ESTABLISHED.
            case RESET -> segment.isInitialSyn() ? opening : TcpSessionState.ESTABLISHED;
        };
    }
}
