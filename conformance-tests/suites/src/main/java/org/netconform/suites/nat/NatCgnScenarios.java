package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.suites.nat.NatClassification.Filtering;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.opentest4j.TestAbortedException;

/**
 * Carrier-grade NAT requirements (nat.md "Carrier-grade NATs"), judged on a target whose adapter
 * declares {@code quota}: that is how a lab says its NAT is run for subscribers, with a per-subscriber
 * port quota. The inside hosts play the subscribers.
 */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatCgnScenarios {

    static int quota(NatAdapter nat) {
        return nat.portQuota().orElseThrow(() -> new TestAbortedException("the adapter declares '" + NatAdapter.QUOTA
                + "' but gives no portQuota()"));
    }

    @ConformanceTest
    @Requirement("NAT-CGN-1")
    @RequiresCapability(NatAdapter.QUOTA)
    void eachSubscriberIsHeldToItsQuota(NatAdapter nat) {
        int n = quota(nat);
        try (NatBench b = NatBench.open(nat)) {
            Set<NatEndpoint> x1Ports = new LinkedHashSet<>();
            for (int i = 0; i < n + 2; i++) {
                b.map(b.x1(b.fresh()), b.s1a()).ifPresent(x1Ports::add);
            }
            Optional<NatEndpoint> x2 = b.map(b.x2(b.fresh()), b.s1a());
            Check.that("X1 holds at most " + n + " external ports after " + (n + 2) + " new flows, and X2 still gets"
                    + " a mapping", "X1 holds " + x1Ports.size() + "; X2 " + x2.map(m -> "via " + m).orElse("refused"),
                    x1Ports.size() <= n && x2.isPresent());
        }
    }

    @ConformanceTest
    @Requirement("NAT-CGN-2")
    @RequiresCapability(NatAdapter.QUOTA)
    void aFlowBeyondTheQuotaIsDropped(NatAdapter nat) {
        int n = quota(nat);
        try (NatBench b = NatBench.open(nat)) {
            for (int i = 0; i < n; i++) {
                b.map(b.x1(b.fresh()), b.s1a());
            }
            NatEndpoint extra = b.x1(b.fresh());
            Check.equal("X1's flow number " + (n + 1) + " (" + extra + " -> S1:a)", "nothing arrived",
                    NatBench.show(b.udp(extra, b.s1a())));
        }
    }

    @ConformanceTest
    @Requirement("NAT-CGN-3")
    @RequiresCapability(NatAdapter.QUOTA)
    void noMappingIsEvictedForANewOne(NatAdapter nat) {
        int n = quota(nat);
        try (NatBench b = NatBench.open(nat)) {
            List<NatEndpoint> inside = new ArrayList<>();
            List<NatEndpoint> mappings = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                NatEndpoint x = b.x1(b.fresh());
                b.map(x, b.s1a()).ifPresent(m -> {
                    inside.add(x);
                    mappings.add(m);
                });
            }
            b.udp(b.x1(b.fresh()), b.s1a());
            b.udp(b.x1(b.fresh()), b.s2a());
            List<String> lost = new ArrayList<>();
            for (int i = 0; i < mappings.size(); i++) {
                if (!b.reaches(b.s1a(), mappings.get(i), inside.get(i))) {
                    lost.add(inside.get(i) + " via " + mappings.get(i));
                }
            }
            Check.that("all " + mappings.size() + " mappings X1 held at its quota still carry S1:a's datagrams after two"
                    + " more flows", lost.isEmpty() ? "all alive" : "lost: " + lost, lost.isEmpty());
        }
    }

    /**
     * A port is freed by letting its mapping expire (a short timer, as for refresh); right after, new
     * mappings are made, among them X2's from the same inside port, which a preserving NAT would like to
     * give the freed port. Only under EIF: REQ-8c lets a NAT with ADF or APDF reuse at once.
     */
    @ConformanceTest
    @Requirement("NAT-CGN-4")
    @RequiresCapability(NatAdapter.QUOTA)
    void aFreedPortWaitsBeforeReuse(NatAdapter nat) {
        Filtering f = NatClassifier.filtering(nat);
        if (f != Filtering.EIF) {
            throw new TestAbortedException("the NAT's filtering is " + f + ", and RFC 6888 REQ-8c lets such a NAT reuse"
                    + " a port at once");
        }
        NatTimers.ShortTimer st = NatTimers.shortTimer(nat, NatTimers.Flow.ONE_WAY);
        try (NatBench b = NatBench.open(nat, st.options())) {
            int c = b.fresh();
            NatEndpoint x = b.x1(c);
            NatEndpoint freed = b.mapOrAbort(x, b.s1a());
            b.idle(st.timer().multipliedBy(5).dividedBy(4));
            if (b.reaches(b.s1a(), freed, x)) {
                throw new TestAbortedException("the mapping " + freed + " had not expired after 5/4 of "
                        + st.how() + ", so no port was freed");
            }
            // the freed port's own number from every other inside host (what a preserving NAT would like to
            // give them, on whichever address it pairs them with), then new ports of X1, paired with its address
            List<NatEndpoint> fresh = new ArrayList<>();
            for (int host = 1; host < b.topology().insideHosts().size(); host++) {
                b.map(b.inside(host, c), b.s1a()).ifPresent(fresh::add);
            }
            for (int i = 0; i < Math.min(4, quota(nat) - 1); i++) {
                b.map(b.x1(b.fresh()), b.s1a()).ifPresent(fresh::add);
            }
            Check.that("no new mapping of another inside endpoint gets the freed " + freed + " within 120 s",
                    fresh, !fresh.contains(freed));
        }
    }

    @ConformanceTest
    @Requirement("NAT-CGN-5")
    @RequiresCapability(NatAdapter.QUOTA)
    void addressPoolingIsPaired(NatAdapter nat) {
        NatClassifier.PoolSample pool = NatMappingScenarios.pooledOrAbort(nat);
        Check.that("one external address per inside host", "external addresses per inside host "
                + pool.addressesPerHost(), pool.addressesPerHost().stream().allMatch(s -> s.size() == 1));
    }

    @ConformanceTest
    @Requirement("NAT-CGN-6")
    @RequiresCapability(NatAdapter.QUOTA)
    void filteringIsEndpointIndependent(NatAdapter nat) {
        Filtering f = NatClassifier.filtering(nat);
        Check.equal("UDP filtering", Filtering.EIF, f);
    }
}
