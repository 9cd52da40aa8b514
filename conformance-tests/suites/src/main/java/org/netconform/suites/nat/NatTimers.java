package org.netconform.suites.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netconform.spec.Layer;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLabOptions;
import org.opentest4j.TestAbortedException;

/**
 * How the NAT checks deal with time. In virtual time a check waits the full RFC timer. In real time no
 * single check waits more than {@link #BOUNDED_WAIT} (35 s: Linux conntrack's one-way UDP timeout is
 * 30 s, so a 35 s wait exposes it) unless {@code -Dnetconform.nat.longTimers=true}: a mapping gone
 * within the bounded wait decides a minimum-timer requirement at once, a mapping still alive proves
 * nothing yet and the check is UNSUPPORTED with that reason.
 */
final class NatTimers {
    static final String LONG_TIMERS = "netconform.nat.longTimers";
    static final Duration BOUNDED_WAIT = Duration.ofSeconds(35);
    /** How long a virtual-time lifetime search looks before it calls a mapping unexpiring. */
    static final Duration HORIZON = Duration.ofHours(24);
    /** The short UDP timer asked for through {@link NatLabOptions} to watch refresh in real time. */
    static final Duration SHORT_REAL = Duration.ofSeconds(8);
    /** The same in virtual time, where any value costs nothing. */
    static final Duration SHORT_VIRTUAL = Duration.ofSeconds(60);

    private NatTimers() {
    }

    static boolean longTimers() {
        return Boolean.getBoolean(LONG_TIMERS);
    }

    /** Which flow a lifetime is measured for: the outside endpoint never replied, or replied at once. */
    enum Flow {
        ONE_WAY("one-way"), REPLIED("after a reply");

        private final String label;

        Flow(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * What was seen of a mapping's life: alive after {@code aliveAt} of idleness (zero when never seen
     * alive), expired after {@code expiredAt} (empty when never seen expired). {@code exact} when the two
     * are a second apart (virtual time).
     */
    record Lifetime(Duration aliveAt, Optional<Duration> expiredAt, boolean exact) {
        boolean expiredWithin(Duration d) {
            return expiredAt.isPresent() && expiredAt.get().compareTo(d) <= 0;
        }

        boolean aliveAfter(Duration d) {
            return aliveAt.compareTo(d) >= 0;
        }

        /** Compact, comparable across targets: {@code 300 s}, {@code 30-35 s}, {@code > 35 s}. */
        String compact() {
            if (expiredAt.isEmpty()) {
                return "> " + show(aliveAt);
            }
            if (exact) {
                return show(expiredAt.get());
            }
            return aliveAt.isZero() ? "< " + show(expiredAt.get())
                    : show(aliveAt) + " - " + show(expiredAt.get());
        }

        String describe() {
            if (expiredAt.isEmpty()) {
                return "alive after " + show(aliveAt) + " of idleness (not waited longer)";
            }
            if (aliveAt.isZero()) {
                return "expired after " + show(expiredAt.get()) + " of idleness (the shortest wait tried)";
            }
            return "alive after " + show(aliveAt) + ", expired after " + show(expiredAt.get()) + " of idleness";
        }
    }

    /**
     * Measures how long a UDP mapping lives without traffic, in default labs. In virtual time: a
     * doubling then a binary search, one fresh lab per probe, to the second, up to {@link #HORIZON}. In
     * real time: mappings made together at the start of one lab, each probed once at its own point of a
     * schedule (every 5 s up to the bounded wait, then further points when long timers are allowed), so
     * one lab and one wait give the bracket.
     */
    static Lifetime measureUdp(NatAdapter nat, Flow flow) {
        // the model layer is virtual time, the endpoint layer real time (NatAdapter's contract)
        boolean virtual = nat.layer() == Layer.MODEL;
        Lifetime l = virtual ? searchVirtual(nat, flow) : scheduleReal(nat, flow);
        NatEvidence.line("UDP mapping " + flow + ": " + l.describe()
                + (virtual ? " (virtual time, one lab per probe, to the second)" : " (real time, one lab)"));
        return l;
    }

    /** The UDP mapping lifetime, measured once per target and run (see {@link NatFacts}). */
    static Lifetime lifetime(NatAdapter nat, Flow flow) {
        return NatFacts.get(nat, "udp-lifetime-" + flow.name() + (longTimers() ? "-long" : ""),
                () -> measureUdp(nat, flow));
    }

    private static Lifetime searchVirtual(NatAdapter nat, Flow flow) {
        long alive = 0;
        long dead = -1;
        for (long d = 1; d <= HORIZON.toSeconds(); d *= 2) {
            if (aliveAfterIdle(nat, flow, Duration.ofSeconds(d))) {
                alive = d;
            } else {
                dead = d;
                break;
            }
        }
        if (dead < 0) {
            long h = HORIZON.toSeconds();
            if (aliveAfterIdle(nat, flow, HORIZON)) {
                return new Lifetime(HORIZON, Optional.empty(), false);
            }
            dead = h;
        }
        while (dead - alive > 1) {
            long mid = (alive + dead) / 2;
            if (aliveAfterIdle(nat, flow, Duration.ofSeconds(mid))) {
                alive = mid;
            } else {
                dead = mid;
            }
        }
        return new Lifetime(Duration.ofSeconds(alive), Optional.of(Duration.ofSeconds(dead)), true);
    }

    private static boolean aliveAfterIdle(NatAdapter nat, Flow flow, Duration idle) {
        return NatEvidence.quietly(() -> {
            try (NatBench b = NatBench.open(nat)) {
                NatEndpoint x = b.x1(b.fresh());
                NatEndpoint m = b.mapOrAbort(x, b.s1a());
                if (flow == Flow.REPLIED && !b.reaches(b.s1a(), m, x)) {
                    throw new TestAbortedException("cannot measure: the reply from " + b.s1a()
                            + " did not reach " + x + " (see NAT-XLATE-2)");
                }
                b.idle(idle);
                return b.reaches(b.s1a(), m, x);
            }
        });
    }

    private static List<Duration> realSchedule() {
        List<Duration> points = new ArrayList<>();
        for (int s = 5; s <= BOUNDED_WAIT.toSeconds(); s += 5) {
            points.add(Duration.ofSeconds(s));
        }
        if (longTimers()) {
            for (int s : new int[] {60, 119, 180, 299, 360}) {
                points.add(Duration.ofSeconds(s));
            }
        }
        return points;
    }

    private static Lifetime scheduleReal(NatAdapter nat, Flow flow) {
        List<Duration> points = realSchedule();
        try (NatBench b = NatBench.open(nat)) {
            List<NatEndpoint> inside = new ArrayList<>();
            List<NatEndpoint> mappings = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                NatEndpoint x = b.x1(b.fresh());
                NatEndpoint m = b.mapOrAbort(x, b.s1a());
                if (flow == Flow.REPLIED) {
                    b.reaches(b.s1a(), m, x);
                }
                inside.add(x);
                mappings.add(m);
            }
            Duration waited = Duration.ZERO;
            Duration alive = Duration.ZERO;
            for (int i = 0; i < points.size(); i++) {
                b.idle(points.get(i).minus(waited));
                waited = points.get(i);
                if (b.reaches(b.s1a(), mappings.get(i), inside.get(i))) {
                    alive = waited;
                } else {
                    return new Lifetime(alive, Optional.of(waited), false);
                }
            }
            return new Lifetime(alive, Optional.empty(), false);
        }
    }

    /**
     * A mapping timer short enough to watch refresh: asked for through {@link NatLabOptions} when the
     * adapter declares {@code set-timers}; otherwise, in virtual time, the default timer as measured.
     * Anything else cannot be watched within a bounded wait: UNSUPPORTED.
     */
    record ShortTimer(NatLabOptions options, Duration timer, String how) {
    }

    static ShortTimer shortTimer(NatAdapter nat, Flow flow) {
        if (nat.capabilities().contains(NatAdapter.SET_TIMERS)) {
            Duration t = nat.layer() == Layer.MODEL ? SHORT_VIRTUAL : SHORT_REAL;
            return new ShortTimer(NatLabOptions.defaults().withUdpIdleTimeout(t), t,
                    "a UDP timer of " + show(t) + " asked for through set-timers");
        }
        if (nat.layer() == Layer.MODEL) {
            Lifetime l = lifetime(nat, flow);
            Duration t = l.expiredAt().orElseThrow(() -> new TestAbortedException("the mapping did not expire within "
                    + show(HORIZON) + " of idleness, so refreshing it cannot be observed"));
            return new ShortTimer(NatLabOptions.defaults(), t, "the default timer, measured: " + show(t));
        }
        throw new TestAbortedException("refresh is watched with a short mapping timer: the adapter does not declare '"
                + NatAdapter.SET_TIMERS + "' and time is real, so the default timer cannot be waited out");
    }

    /**
     * Whether traffic in one direction alone refreshes a mapping (NAT-TIMER-3 outbound, NAT-INFO-9
     * inbound), watched with a short timer T: a mapping and a control mapping are made together (for
     * inbound, each with a reply at once, so both run on the timer after replies); at T/2 the mapping gets
     * one datagram in the direction asked about; at 5T/4 the control must be gone (else T was not in force
     * and nothing can be concluded: UNSUPPORTED) and the mapping is alive exactly when that datagram
     * refreshed it. Learned once per target and run.
     */
    static boolean refreshes(NatAdapter nat, boolean inbound) {
        return NatFacts.get(nat, inbound ? "refresh-inbound" : "refresh-outbound", () -> {
            ShortTimer st = shortTimer(nat, inbound ? Flow.REPLIED : Flow.ONE_WAY);
            Duration t = st.timer();
            NatEvidence.line("refresh watched with " + st.how());
            try (NatBench b = NatBench.open(nat, st.options())) {
                NatEndpoint x = b.x1(b.fresh());
                NatEndpoint y = b.x1(b.fresh());
                NatEndpoint mx = b.mapOrAbort(x, b.s1a());
                NatEndpoint my = b.mapOrAbort(y, b.s1a());
                if (inbound) {
                    b.reaches(b.s1a(), mx, x);
                    b.reaches(b.s1a(), my, y);
                }
                b.idle(t.dividedBy(2));
                if (inbound) {
                    if (!b.reaches(b.s1a(), mx, x)) {
                        throw new TestAbortedException("cannot decide: the inbound datagram at T/2 did not arrive");
                    }
                } else {
                    b.map(x, b.s1a());
                }
                b.idle(t.multipliedBy(3).dividedBy(4));
                if (b.reaches(b.s1a(), my, y)) {
                    throw new TestAbortedException("cannot decide: the control mapping, never refreshed, was still alive "
                            + show(t.multipliedBy(5).dividedBy(4)) + " after it was made, so the timer was not "
                            + show(t) + " (" + st.how() + ")");
                }
                boolean alive = b.reaches(b.s1a(), mx, x);
                NatEvidence.line((inbound ? "inbound" : "outbound") + " refresh: the mapping that got a datagram at T/2 was "
                        + (alive ? "alive" : "gone") + " at 5T/4, the control gone (T = " + show(t) + ")");
                return alive;
            }
        });
    }

    /** As {@link #refreshes}, empty where it cannot be observed. */
    static Optional<Boolean> refreshSeen(NatAdapter nat, boolean inbound) {
        try {
            return Optional.of(refreshes(nat, inbound));
        } catch (TestAbortedException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits out a minimum idle time for a check of a minimum timer: the full time in virtual time or
     * with long timers allowed, otherwise at most {@link #BOUNDED_WAIT}. Returns what was waited.
     */
    static Duration boundedIdle(NatBench b, Duration full) {
        Duration wait = b.virtualTime() || longTimers() || full.compareTo(BOUNDED_WAIT) <= 0 ? full : BOUNDED_WAIT;
        b.idle(wait);
        return wait;
    }

    /** The reason a minimum-timer check that waited less than the full time cannot pass. */
    static TestAbortedException notWaitedOut(String what, Duration waited, Duration full) {
        return new TestAbortedException(what + " was still alive after " + show(waited) + " of real time; proving "
                + show(full) + " needs -D" + LONG_TIMERS + "=true");
    }

    static String show(Duration d) {
        long s = d.toSeconds();
        long ms = d.toMillisPart();
        if (ms != 0 && s < 60) {
            return String.format("%.1f s", d.toMillis() / 1000.0);
        }
        if (s < 60 || s % 60 != 0 && s < 600) {
            return s + " s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long rest = s % 60;
        String text = (h > 0 ? h + " h " : "") + (m > 0 ? m + " min " : "") + (rest > 0 ? rest + " s" : "");
        return text.strip();
    }

    static String show(NatLabOptions o) {
        List<String> parts = new ArrayList<>();
        o.udpIdleTimeout().ifPresent(d -> parts.add("UDP timer " + show(d)));
        o.tcpTransitoryTimeout().ifPresent(d -> parts.add("TCP transitory timer " + show(d)));
        o.tcpEstablishedTimeout().ifPresent(d -> parts.add("TCP established timer " + show(d)));
        return String.join(", ", parts);
    }
}
