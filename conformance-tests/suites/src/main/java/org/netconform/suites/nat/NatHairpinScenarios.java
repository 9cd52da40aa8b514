package org.netconform.suites.nat;

import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.suites.nat.NatClassification.Mapping;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.opentest4j.TestAbortedException;

/**
 * Hairpinning (nat.md "Hairpinning"): every inside host reaches every other through its external
 * endpoint, as {@link NatHairpinning} observes it once per target. Where the probes cannot tell "no
 * hairpinning" from "hairpinning, filtered" (neither the mapping nor the filtering is endpoint-independent)
 * the checks are UNSUPPORTED with that reason.
 */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatHairpinScenarios {

    @ConformanceTest
    @Requirement("NAT-HAIR-1")
    void udpIsHairpinned(NatAdapter nat) {
        abortIf(NatHairpinning.udpUndecidable(nat).orElse(null));
        List<NatHairpinning.Attempt> attempts = NatHairpinning.udp(nat);
        Check.that("each inside host's datagram to another inside host's external endpoint arrives there",
                attempts.stream().map(NatHairpinning.Attempt::describe).toList(),
                attempts.stream().allMatch(a -> a.arrived().isPresent()));
    }

    @ConformanceTest
    @Requirement("NAT-HAIR-2")
    void hairpinnedUdpShowsTheExternalSource(NatAdapter nat) {
        boolean eim = NatClassifier.mapping(nat) == Mapping.EIM;
        List<NatHairpinning.Attempt> arrived = NatHairpinning.udp(nat).stream().filter(a -> a.arrived().isPresent())
                .toList();
        if (arrived.isEmpty()) {
            throw new TestAbortedException("no hairpinned datagram arrived (NAT-HAIR-1), so its source cannot be judged");
        }
        List<Seen> seen = arrived.stream().map(a -> new Seen(a.describe(), a.sender(), a.senderMapping(),
                a.arrived().orElseThrow().seenSource())).toList();
        judgeSources(nat, seen, eim);
    }

    @ConformanceTest
    @Requirement("NAT-HAIR-3")
    @RequiresCapability(NatAdapter.TCP)
    void tcpIsHairpinned(NatAdapter nat) {
        abortIf(NatHairpinning.tcpUndecidable(nat).orElse(null));
        List<NatHairpinning.TcpAttempt> attempts = NatHairpinning.tcp(nat);
        Check.that("each inside host's connection to another inside host's external endpoint is established there",
                attempts.stream().map(NatHairpinning.TcpAttempt::describe).toList(),
                attempts.stream().allMatch(NatHairpinning.TcpAttempt::established));
    }

    @ConformanceTest
    @Requirement("NAT-HAIR-4")
    @RequiresCapability(NatAdapter.TCP)
    void hairpinnedTcpShowsTheExternalSource(NatAdapter nat) {
        boolean eim = NatClassifier.tcp(nat).mapping() == Mapping.EIM;
        List<NatHairpinning.TcpAttempt> established = NatHairpinning.tcp(nat).stream()
                .filter(NatHairpinning.TcpAttempt::established).toList();
        if (established.isEmpty()) {
            throw new TestAbortedException("no hairpinned connection was established (NAT-HAIR-3), so its source"
                    + " cannot be judged");
        }
        List<Seen> seen = established.stream().map(a -> new Seen(a.describe(), a.sender(), a.senderMapping(),
                a.outcome().delivery().orElseThrow().seenSource())).toList();
        judgeSources(nat, seen, eim);
    }

    private static void abortIf(String undecidable) {
        if (undecidable != null) {
            throw new TestAbortedException(undecidable);
        }
    }

    /** What one hairpinned packet showed its receiver: the source it saw, and what it should have been. */
    private record Seen(String what, NatEndpoint sender, NatEndpoint senderMapping, NatEndpoint source) {
    }

    /**
     * The source must be external. Under endpoint-independent mapping it is exactly the sender's known
     * mapping; otherwise the NAT may have made a new one for this destination, which the lab cannot know.
     */
    private static void judgeSources(NatAdapter nat, List<Seen> seen, boolean eim) {
        List<String> wrong = seen.stream().filter(s -> eim ? !s.source().equals(s.senderMapping())
                : !nat.topology().externalAddresses().contains(s.source().address()))
                .map(s -> s.what() + " (the sender is " + s.sender() + ", its mapping " + s.senderMapping() + ")").toList();
        Check.that(eim ? "each receiver saw the sender's external endpoint (its mapping), never its inside endpoint"
                        : "each receiver saw an external endpoint of the NAT " + nat.topology().externalAddresses()
                        + ", never the sender's inside endpoint",
                wrong.isEmpty() ? seen.stream().map(Seen::what).toList() : wrong, wrong.isEmpty());
    }
}
