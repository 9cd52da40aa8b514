package org.netconform.suites.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netconform.spi.nat.NatAdapter;
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
    /**
     * The short UDP timer asked for through {@link NatLabOptions} to watch refresh in real time: whole
     * seconds (Linux conntrack's timeouts are), and long enough that the quarter of it a refresh check keeps
     * as its margin (T/4, 5T/4) is more than a second of a loaded machine's scheduling.
     */
    static final Duration SHORT_REAL = Duration.ofSeconds(5);
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

    /** The UDP mapping lifetime of one flow, measured once per target and run ({@link NatLifetimes}). */
    static Lifetime lifetime(NatAdapter nat, Flow flow) {
        NatLifetimes.Both both = NatLongWaits.collect(nat, NatLongWaits.LIFETIMES);
        return both.of(flow);
    }

    /**
     * A mapping timer short enough to watch refresh: asked for through {@link NatLabOptions} when the
     * adapter declares {@code set-timers}; otherwise, in virtual time, the default timer as measured.
     * Anything else cannot be watched within a bounded wait: UNSUPPORTED.
     */
    record ShortTimer(NatLabOptions options, Duration timer, String how) {
    }

    static ShortTimer shortTimer(NatAdapter nat, Flow flow) {
        boolean virtual = NatClock.virtual(nat);
        if (nat.capabilities().contains(NatAdapter.SET_TIMERS)) {
            Duration t = virtual ? SHORT_VIRTUAL : SHORT_REAL;
            return new ShortTimer(NatLabOptions.defaults().withUdpIdleTimeout(t), t,
                    "a UDP timer of " + show(t) + " asked for through set-timers");
        }
        if (virtual) {
            Lifetime l = lifetime(nat, flow);
            Duration t = l.expiredAt().orElseThrow(() -> new TestAbortedException("the mapping did not expire within "
                    + show(HORIZON) + " of idleness, so refreshing it cannot be observed"));
            return new ShortTimer(NatLabOptions.defaults(), t, "the default timer, measured: " + show(t));
        }
        throw new TestAbortedException("refresh is watched with a short mapping timer: the adapter does not declare '"
                + NatAdapter.SET_TIMERS + "' and time is real, so the default timer cannot be waited out");
    }

    /**
     * Whether traffic in one direction alone refreshes a mapping (NAT-TIMER-3 outbound, NAT-INFO-9 inbound),
     * observed once per target and run ({@link NatRefresh}); UNSUPPORTED with the reason when it cannot be.
     */
    static boolean refreshes(NatAdapter nat, boolean inbound) {
        NatRefresh.Both both = NatLongWaits.collect(nat, NatLongWaits.REFRESH);
        return both.of(inbound).orAbort();
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
