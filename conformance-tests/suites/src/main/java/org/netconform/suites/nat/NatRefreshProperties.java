package org.netconform.suites.nat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLabException;

/**
 * Outbound refresh over random schedules (NAT-TIMER-3): a mapping kept busy from inside at gaps
 * shorter than its timer T outlives a control mapping made with it and left idle. T is short (see
 * {@link NatTimers#shortTimer}); gaps are fractions of it, and a schedule always runs past 5T/4.
 */
@ConformanceProperties
@AddLifecycleHook(NatPropertyHook.class)
public class NatRefreshProperties {

    /**
     * Gaps in percent of T: each at most 70 %, together (with the last) past 125 % and at most 160 %, so a
     * try in real time waits between 5T/4 and 8T/5.
     */
    @Provide
    Arbitrary<List<Integer>> schedules() {
        return Arbitraries.integers().between(20, 70).list().ofMinSize(2).ofMaxSize(4)
                .filter(gaps -> gaps.stream().mapToInt(Integer::intValue).sum() >= 125)
                .filter(gaps -> gaps.stream().mapToInt(Integer::intValue).sum() <= 160);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 25, realTime = 1, needs = NatTries.Need.SHORT_TIMER)
    @Requirement("NAT-TIMER-3")
    void aMappingKeptBusyFromInsideNeverExpires(NatAdapter nat, @ForAll("schedules") List<Integer> gapsPercent) {
        // in real time the schedule waits seconds: every real-time target runs the same one at once
        Outcome o = NatTriesAhead.run(nat, "NatRefreshProperties.aMappingKeptBusyFromInsideNeverExpires", gapsPercent,
                n -> keepBusy(n, gapsPercent));
        Check.that("the mapping refreshed from inside at gaps of " + gapsPercent + " % of T = " + NatTimers.show(o.timer())
                + " still carries S1:a's datagram (the idle control is gone)", o.alive() ? "alive" : "gone", o.alive());
    }

    /** Whether the mapping kept busy was alive at the end, under which timer. */
    private record Outcome(boolean alive, Duration timer) {
    }

    private static Outcome keepBusy(NatAdapter nat, List<Integer> gapsPercent) {
        NatTimers.ShortTimer st = NatTimers.shortTimer(nat, NatTimers.Flow.ONE_WAY);
        Duration t = st.timer();
        try (NatBench b = NatBench.open(nat, st.options())) {
            NatEndpoint x = b.x1(b.fresh());
            NatEndpoint control = b.x1(b.fresh());
            NatEndpoint m = b.mapOrAbort(x, b.s1a());
            NatEndpoint mc = b.mapOrAbort(control, b.s1a());
            for (int i = 0; i < gapsPercent.size(); i++) {
                b.idle(t.multipliedBy(gapsPercent.get(i)).dividedBy(100));
                if (i < gapsPercent.size() - 1) {
                    b.map(x, b.s1a());
                }
            }
            // the mapping first: its margin (at least 30 % of T after its last refresh) must not go to the
            // control's delivery wait
            boolean alive = b.reaches(b.s1a(), m, x);
            if (b.reaches(b.s1a(), mc, control)) {
                // the timer asked for (or measured) was not in force: the lab, not the NAT, is at fault
                throw new NatLabException("the control mapping outlived " + st.how() + " by a quarter: the short"
                        + " timer was not in force");
            }
            return new Outcome(alive, t);
        }
    }
}
