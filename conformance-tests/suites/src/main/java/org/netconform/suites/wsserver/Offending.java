package org.netconform.suites.wsserver;

import java.util.List;

/**
 * What a failure case sent that should make the server fail the connection, and what the case found out
 * around it: whether the valid prefix came back first, and whether a probe after the timeout was answered.
 */
final class Offending {
    /** The offending octets as sent (whole client frames, possibly followed by more). */
    final byte[] octets;
    /** Why the valid messages before the offending frame did not come back; then the offending frame was not sent. */
    WsCase.Verdict prefixProblem;
    /** When the probe Ping went out (0: none), and whether a Pong answered it. */
    long probeSentNanos;
    boolean probeAnswered;

    Offending(byte[] octets) {
        this.octets = octets;
    }

    /** The status of each Close frame among the offending octets (-1 without status, -2 for a 1-octet payload). */
    List<Integer> closeCodes() {
        return ServerCases.clientFrames(octets).stream().filter(f -> f.opcode() == ServerCases.CLOSE)
                .map(InFrame::closeCode).toList();
    }
}
