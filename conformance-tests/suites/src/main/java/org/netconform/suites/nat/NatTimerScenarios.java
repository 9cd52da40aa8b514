package org.netconform.suites.nat;

import java.time.Duration;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.suites.nat.NatTimers.Flow;
import org.netconform.suites.nat.NatTimers.Lifetime;
import org.netconform.spi.nat.NatAdapter;

/**
 * UDP mapping timers and refresh (nat.md "Timers and refresh"). The lifetimes are measured once per
 * target (exactly in virtual time, within the bounded wait in real time; see {@link NatTimers}) and
 * judged here against the RFC minimums; refresh is watched with a short timer.
 */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatTimerScenarios {

    @ConformanceTest
    @Requirement("NAT-TIMER-1")
    void mappingLivesAtLeastTwoMinutes(NatAdapter nat) {
        judgeMinimum(nat, Duration.ofMinutes(2));
    }

    @ConformanceTest
    @Requirement("NAT-TIMER-2")
    void defaultMappingLivesAtLeastFiveMinutes(NatAdapter nat) {
        judgeMinimum(nat, Duration.ofMinutes(5));
    }

    @ConformanceTest
    @Requirement("NAT-TIMER-3")
    void outboundTrafficRefreshesTheMapping(NatAdapter nat) {
        boolean refreshed = NatTimers.refreshes(nat, false);
        Check.that("the mapping that X1 sent through at T/2 still carries S1:a's datagram at 5T/4",
                refreshed ? "alive" : "gone", refreshed);
    }

    /**
     * "Does not expire in less than {@code minimum}": broken when either flow was seen expired after
     * less idleness, shown when both were seen alive just under it, and otherwise not decided yet.
     */
    private static void judgeMinimum(NatAdapter nat, Duration minimum) {
        Duration justUnder = minimum.minusSeconds(1);
        Lifetime oneWay = NatTimers.lifetime(nat, Flow.ONE_WAY);
        Lifetime replied = NatTimers.lifetime(nat, Flow.REPLIED);
        String observed = "one-way: " + oneWay.describe() + "; after a reply: " + replied.describe();
        boolean broken = oneWay.expiredWithin(justUnder) || replied.expiredWithin(justUnder);
        if (!broken && !(oneWay.aliveAfter(justUnder) && replied.aliveAfter(justUnder))) {
            throw NatTimers.notWaitedOut("the UDP mapping", oneWay.aliveAt().compareTo(replied.aliveAt()) < 0
                    ? oneWay.aliveAt() : replied.aliveAt(), minimum);
        }
        Check.that("a UDP mapping is still alive after " + NatTimers.show(justUnder)
                + " of idleness, one-way and after a reply", observed, !broken);
    }
}
