package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;

/**
 * Quota without eviction (NAT-CGN-3): random runs of new flows from two subscribers, well past the
 * quota; every mapping that was ever made still carries datagrams at the end.
 */
@ConformanceProperties
@AddLifecycleHook(NatPropertyHook.class)
public class NatCgnProperties {

    /** A new flow from subscriber {@code host} to server {@code server}: a fresh inside port each time. */
    public record NewFlow(int host, int server) {
        @Override
        public String toString() {
            return "X" + (host + 1) + " -> S" + (server + 1);
        }
    }

    /** Runs from short to about three quotas long (the quota is the adapter's; the list is cut to fit). */
    @Provide
    Arbitrary<List<NewFlow>> runs() {
        return Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 1))
                .as(NewFlow::new).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 20, realTime = 2)
    @Requirement("NAT-CGN-3")
    @RequiresCapability(NatAdapter.QUOTA)
    void mappingsSurviveFlowsBeyondTheQuota(NatAdapter nat, @ForAll("runs") List<NewFlow> run) {
        int quota = NatCgnScenarios.quota(nat);
        List<NewFlow> flows = run.subList(0, Math.min(run.size(), 3 * quota + 2));
        try (NatBench b = NatBench.open(nat)) {
            List<NatEndpoint> inside = new ArrayList<>();
            List<NatEndpoint> servers = new ArrayList<>();
            List<NatEndpoint> mappings = new ArrayList<>();
            for (NewFlow f : flows) {
                NatEndpoint x = b.inside(f.host(), b.fresh());
                NatEndpoint server = f.server() == 0 ? b.s1a() : b.s2a();
                b.map(x, server).ifPresent(m -> {
                    inside.add(x);
                    servers.add(server);
                    mappings.add(m);
                });
            }
            List<String> lost = new ArrayList<>();
            for (int i = 0; i < mappings.size(); i++) {
                if (!b.reaches(servers.get(i), mappings.get(i), inside.get(i))) {
                    lost.add(inside.get(i) + " via " + mappings.get(i));
                }
            }
            Check.that("all " + mappings.size() + " mappings made during " + flows.size() + " new flows (quota "
                    + quota + ") still carry datagrams", lost.isEmpty() ? "all alive" : "lost: " + lost, lost.isEmpty());
        }
    }
}
