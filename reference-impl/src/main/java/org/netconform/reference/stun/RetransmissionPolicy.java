package org.netconform.reference.stun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a client sends a request over UDP and when it gives up (RFC 8489 §6.2.1): the first
 * transmission at 0, a retransmission after RTO, each interval doubling, {@code rc} transmissions in
 * all, then {@code rm} times the RTO without a response and the transaction has failed. The defaults
 * (500 ms, 7, 16) send at 0, 500, 1500, 3500, 7500, 15500 and 31500 ms and fail at 39500 ms.
 */
public record RetransmissionPolicy(Duration rto, int rc, int rm) {
    public static final RetransmissionPolicy RFC8489 = new RetransmissionPolicy(Duration.ofMillis(500), 7, 16);

    public RetransmissionPolicy {
        if (rto.isNegative() || rto.isZero() || rc < 1 || rm < 1) {
            throw new IllegalArgumentException("RTO > 0, Rc >= 1, Rm >= 1: " + rto + ", " + rc + ", " + rm);
        }
    }

    /** The offsets from the first transmission at which each of the rc transmissions is sent. */
    public List<Duration> sendTimes() {
        List<Duration> out = new ArrayList<>();
        Duration at = Duration.ZERO;
        Duration interval = rto;
        for (int i = 0; i < rc; i++) {
            out.add(at);
            at = at.plus(interval);
            interval = interval.multipliedBy(2);
        }
        return out;
    }

    /** When the transaction fails without a response: Rm times the RTO after the last transmission. */
    public Duration giveUpAfter() {
        List<Duration> t = sendTimes();
        return t.get(t.size() - 1).plus(rto.multipliedBy(rm));
    }

    /**
     * The RFC schedule (RTO 500 ms, doubling) cut short so that an unanswered transaction fails within
     * {@code budget}: as many transmissions as fit, then as long a final wait as fits (at least one RTO).
     * For tests and tools that must not wait 39.5 s for each unanswered probe.
     */
    public static RetransmissionPolicy within(Duration budget) {
        Duration rto = RFC8489.rto();
        RetransmissionPolicy best = new RetransmissionPolicy(rto, 1, 1);
        for (int rc = 1; rc <= RFC8489.rc(); rc++) {
            for (int rm = RFC8489.rm(); rm >= 1; rm--) {
                RetransmissionPolicy p = new RetransmissionPolicy(rto, rc, rm);
                if (p.giveUpAfter().compareTo(budget) <= 0) {
                    if (rc > best.rc() || rc == best.rc() && rm > best.rm()) {
                        best = p;
                    }
                    break;
                }
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "RTO " + rto.toMillis() + " ms, Rc " + rc + ", Rm " + rm + " (gives up after " + giveUpAfter().toMillis() + " ms)";
    }
}
