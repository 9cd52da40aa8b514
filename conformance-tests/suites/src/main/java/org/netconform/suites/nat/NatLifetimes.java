package org.netconform.suites.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netconform.suites.nat.NatTimers.Flow;
import org.netconform.suites.nat.NatTimers.Lifetime;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.opentest4j.TestAbortedException;

/**
 * How long a UDP mapping lives without traffic, one-way (the outside endpoint never replied) and after a
 * reply, measured together in default labs. NAT-TIMER-1, NAT-TIMER-2, NAT-INFO-7 and NAT-INFO-8 all read
 * this one measurement (through {@link NatLongWaits}, once per target and run).
 *
 * <p>In virtual time: for each flow a doubling then a binary search, one fresh lab per probe, to the
 * second, up to {@link NatTimers#HORIZON}. In real time: one lab, where for every point of the schedule
 * (every 5 s up to the bounded wait, further points when long timers are allowed) one one-way and one
 * replied mapping are made together at the start, and each is probed once, at its point; so one wait
 * brackets both flows. A probe goes out a tenth of a second after its point, so that a timer of exactly a
 * point's length (Linux's 30 s) is seen expired there rather than by the luck of the scheduler.
 */
final class NatLifetimes {
    /** Sent this long after a probe's point: never right on a timer's edge. */
    private static final Duration PAST_THE_POINT = Duration.ofMillis(100);

    private NatLifetimes() {
    }

    /** Both flows' lifetimes. */
    record Both(Lifetime oneWay, Lifetime replied) {
        Lifetime of(Flow flow) {
            return flow == Flow.ONE_WAY ? oneWay : replied;
        }
    }

    static Both measure(NatAdapter nat, boolean longTimers) {
        boolean virtual = NatClock.virtual(nat);
        Both both = virtual ? new Both(searchVirtual(nat, Flow.ONE_WAY), searchVirtual(nat, Flow.REPLIED))
                : scheduleReal(nat, longTimers);
        String how = virtual ? " (virtual time, one lab per probe, to the second)" : " (real time, both flows in one lab)";
        for (Flow f : Flow.values()) {
            NatEvidence.line("UDP mapping " + f + ": " + both.of(f).describe() + how);
        }
        return both;
    }

    private static Lifetime searchVirtual(NatAdapter nat, Flow flow) {
        long alive = 0;
        long dead = -1;
        for (long d = 1; d <= NatTimers.HORIZON.toSeconds(); d *= 2) {
            if (aliveAfterIdle(nat, flow, Duration.ofSeconds(d))) {
                alive = d;
            } else {
                dead = d;
                break;
            }
        }
        if (dead < 0) {
            if (aliveAfterIdle(nat, flow, NatTimers.HORIZON)) {
                return new Lifetime(NatTimers.HORIZON, Optional.empty(), false);
            }
            dead = NatTimers.HORIZON.toSeconds();
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

    static List<Duration> realSchedule(boolean longTimers) {
        List<Duration> points = new ArrayList<>();
        for (int s = 5; s <= NatTimers.BOUNDED_WAIT.toSeconds(); s += 5) {
            points.add(Duration.ofSeconds(s));
        }
        if (longTimers) {
            for (int s : new int[] {60, 119, 180, 299, 360}) {
                points.add(Duration.ofSeconds(s));
            }
        }
        return points;
    }

    /** One mapping that is probed once: its inside endpoint, its external endpoint and the outside endpoint it was made towards. */
    private record Probe(NatEndpoint inside, NatEndpoint mapping, NatEndpoint peer) {
    }

    private static Both scheduleReal(NatAdapter nat, boolean longTimers) {
        List<Duration> points = realSchedule(longTimers);
        try (NatBench b = NatBench.open(nat)) {
            List<NatEndpoint> peers = b.serverEndpoints();
            List<Probe> oneWay = new ArrayList<>();
            List<Probe> replied = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                NatEndpoint px = peers.get(2 * i % peers.size());
                NatEndpoint x = b.x1(b.fresh());
                oneWay.add(new Probe(x, b.mapOrAbort(x, px), px));
                NatEndpoint py = peers.get((2 * i + 1) % peers.size());
                NatEndpoint y = b.x1(b.fresh());
                NatEndpoint my = b.mapOrAbort(y, py);
                if (!b.reaches(py, my, y)) {
                    throw new TestAbortedException("cannot measure: the reply from " + py + " did not reach " + y
                            + " (see NAT-XLATE-2)");
                }
                replied.add(new Probe(y, my, py));
            }
            // every mapping is at least this old at each point: the clock starts once the last one is made
            LabClock clock = new LabClock(b);
            Watch one = new Watch();
            Watch rep = new Watch();
            for (int i = 0; i < points.size() && !(one.expired() && rep.expired()); i++) {
                Duration point = points.get(i);
                Duration sleep = point.plus(PAST_THE_POINT).minus(clock.elapsed());
                if (!sleep.isNegative()) {
                    clock.idle(sleep);
                }
                one.probe(b, oneWay.get(i), point);
                rep.probe(b, replied.get(i), point);
            }
            return new Both(one.lifetime(), rep.lifetime());
        }
    }

    /**
     * The lab's time since the clock started: the waits asked of the lab plus the wall-clock time of
     * everything else (the probes). Between namespaces that is the wall clock; a stand-in of a real NAT
     * whose waits are virtual (the suite's own fakes) is timed right too.
     */
    private static final class LabClock {
        private final NatBench b;
        private final long start = System.nanoTime();
        private long idleAsked;
        private long idleTook;

        LabClock(NatBench b) {
            this.b = b;
        }

        void idle(Duration d) {
            long before = System.nanoTime();
            b.idle(d);
            idleTook += System.nanoTime() - before;
            idleAsked += d.toNanos();
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start - idleTook + idleAsked);
        }
    }

    /** One flow's bracket as its probes come in: alive at the last point seen alive, gone at the first seen gone. */
    private static final class Watch {
        private Duration alive = Duration.ZERO;
        private Duration gone;

        boolean expired() {
            return gone != null;
        }

        void probe(NatBench b, Probe p, Duration point) {
            if (gone != null) {
                return;
            }
            if (b.reaches(p.peer(), p.mapping(), p.inside())) {
                alive = point;
            } else {
                gone = point;
            }
        }

        Lifetime lifetime() {
            return new Lifetime(alive, Optional.ofNullable(gone), false);
        }
    }
}
