package org.netconform.reference.nat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Unsolicited inbound SYNs a NAT holds before answering (RFC 5382 REQ-4): each waits until its release
 * time; an outbound SYN for the same connection in the meantime removes it without an answer.
 */
final class HeldSyns {

    /** A held SYN, where its answer would go and when it is released. */
    record Held(TcpSegment syn, Side answerSide, long releaseAt) {
    }

    private final List<Held> held = new ArrayList<>();

    void hold(TcpSegment syn, Side answerSide, long releaseAt) {
        held.add(new Held(syn, answerSide, releaseAt));
    }

    /** Removes and returns the held SYNs from {@code remote} to {@code external}. */
    List<Held> cancel(Endpoint external, Endpoint remote) {
        List<Held> cancelled = new ArrayList<>();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.syn().destination().equals(external) && h.syn().source().equals(remote)) {
                cancelled.add(h);
                it.remove();
            }
        }
        return cancelled;
    }

    /** Removes and returns the SYNs due at {@code now}, in the order they were held. */
    List<Held> due(long now) {
        List<Held> due = new ArrayList<>();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.releaseAt() <= now) {
                due.add(h);
                it.remove();
            }
        }
        return due;
    }

    OptionalLong nextRelease() {
        return held.stream().mapToLong(Held::releaseAt).min();
    }

    List<Held> all() {
        return List.copyOf(held);
    }
}
