package org.netconform.suites.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.netconform.suites.nat.NatTimers.Flow;
import org.netconform.suites.nat.NatTimers.ShortTimer;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.opentest4j.TestAbortedException;

/**
 * Whether traffic in one direction alone refreshes a UDP mapping: outbound (NAT-TIMER-3, RFC 4787 REQ-6)
 * and inbound (NAT-INFO-9, REQ-6a), watched together in one lab with a short timer T per direction
 * ({@link NatTimers#shortTimer}). For each direction a mapping and a control mapping are made at the start
 * (for inbound, each with a reply at once, so both run on the timer after replies); at T/2 the mapping
 * gets one datagram in the direction asked about; at 5T/4 the mapping is alive exactly when that datagram
 * refreshed it, and the control must be gone (else T was not in force and nothing can be concluded). The
 * two directions use different inside ports, so neither sees the other's traffic. Read through
 * {@link NatLongWaits}, once per target and run.
 */
final class NatRefresh {

    private NatRefresh() {
    }

    /** One direction's finding: whether a datagram that way alone kept the mapping alive, or why it is unknown. */
    record Seen(Optional<Boolean> refreshes, String undecided) {
        static Seen of(boolean refreshes) {
            return new Seen(Optional.of(refreshes), null);
        }

        static Seen undecided(String why) {
            return new Seen(Optional.empty(), why);
        }

        /** The finding, or UNSUPPORTED with the reason it could not be made. */
        boolean orAbort() {
            return refreshes.orElseThrow(() -> new TestAbortedException(undecided));
        }
    }

    record Both(Seen outbound, Seen inbound) {
        Seen of(boolean inbound) {
            return inbound ? this.inbound : outbound;
        }
    }

    static Both observe(NatAdapter nat) {
        Optional<ShortTimer> out = timer(nat, Flow.ONE_WAY);
        Optional<ShortTimer> in = timer(nat, Flow.REPLIED);
        if (out.isEmpty() && in.isEmpty()) {
            String why = reasonWhyNot(nat);
            return new Both(Seen.undecided(why), Seen.undecided(why));
        }
        ShortTimer any = out.or(() -> in).orElseThrow();
        NatEvidence.line("refresh watched with " + any.how());
        try (NatBench b = NatBench.open(nat, any.options())) {
            Direction outbound = out.map(t -> new Direction(b, false, t)).orElse(null);
            Direction inbound = in.map(t -> new Direction(b, true, t)).orElse(null);
            List<Direction> directions = new ArrayList<>();
            for (Direction d : new Direction[] {outbound, inbound}) {
                if (d != null) {
                    d.start();
                    directions.add(d);
                }
            }
            // at the same moment, every mapping is probed before any control: the mappings' margin (T/4
            // before they would expire, if refreshed) is the one that must not go to a control's delivery wait
            List<Event> timeline = new ArrayList<>();
            directions.forEach(d -> timeline.add(new Event(d.timer.timer().dividedBy(2), d::refresh)));
            directions.forEach(d -> timeline.add(new Event(d.end(), d::probeMapping)));
            directions.forEach(d -> timeline.add(new Event(d.end(), d::probeControl)));
            timeline.sort(Comparator.comparing(Event::at));
            Duration now = Duration.ZERO;
            for (Event e : timeline) {
                if (e.at().compareTo(now) > 0) {
                    b.idle(e.at().minus(now));
                    now = e.at();
                }
                e.action().run();
            }
            return new Both(outbound == null ? Seen.undecided(reasonWhyNot(nat)) : outbound.seen,
                    inbound == null ? Seen.undecided(reasonWhyNot(nat)) : inbound.seen);
        }
    }

    private static Optional<ShortTimer> timer(NatAdapter nat, Flow flow) {
        try {
            return Optional.of(NatTimers.shortTimer(nat, flow));
        } catch (TestAbortedException e) {
            return Optional.empty();
        }
    }

    private static String reasonWhyNot(NatAdapter nat) {
        try {
            NatTimers.shortTimer(nat, Flow.ONE_WAY);
            NatTimers.shortTimer(nat, Flow.REPLIED);
            return "the short timer could not be had";
        } catch (TestAbortedException e) {
            return e.getMessage();
        }
    }

    private record Event(Duration at, Runnable action) {
    }

    /** The mapping and the control of one direction, and what was seen of them. */
    private static final class Direction {
        private final NatBench b;
        private final boolean inbound;
        private final ShortTimer timer;
        private NatEndpoint subject;
        private NatEndpoint subjectMapping;
        private NatEndpoint control;
        private NatEndpoint controlMapping;
        private boolean alive;
        private Seen seen;

        Direction(NatBench b, boolean inbound, ShortTimer timer) {
            this.b = b;
            this.inbound = inbound;
            this.timer = timer;
        }

        void start() {
            subject = b.x1(b.fresh());
            control = b.x1(b.fresh());
            subjectMapping = b.mapOrAbort(subject, b.s1a());
            controlMapping = b.mapOrAbort(control, b.s1a());
            if (inbound) {
                b.reaches(b.s1a(), subjectMapping, subject);
                b.reaches(b.s1a(), controlMapping, control);
            }
        }

        void refresh() {
            if (inbound) {
                if (!b.reaches(b.s1a(), subjectMapping, subject)) {
                    seen = Seen.undecided("cannot decide: the inbound datagram at T/2 did not arrive");
                }
            } else {
                b.map(subject, b.s1a());
            }
        }

        Duration end() {
            return timer.timer().multipliedBy(5).dividedBy(4);
        }

        void probeMapping() {
            if (seen == null) {
                alive = b.reaches(b.s1a(), subjectMapping, subject);
            }
        }

        void probeControl() {
            if (seen != null) {
                return;
            }
            Duration t = timer.timer();
            if (b.reaches(b.s1a(), controlMapping, control)) {
                seen = Seen.undecided("cannot decide: the control mapping, never refreshed, was still alive "
                        + NatTimers.show(end()) + " after it was made, so the timer was not " + NatTimers.show(t)
                        + " (" + timer.how() + ")");
                return;
            }
            NatEvidence.line((inbound ? "inbound" : "outbound") + " refresh: the mapping that got a datagram at T/2 was "
                    + (alive ? "alive" : "gone") + " at 5T/4, the control gone (T = " + NatTimers.show(t) + ")");
            seen = Seen.of(alive);
        }
    }
}
