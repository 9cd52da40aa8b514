package org.netconform.suites.nat;

import java.util.Optional;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.suites.nat.NatClassification.Mapping;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.TcpOutcome;
import org.opentest4j.TestAbortedException;

/**
 * Hairpinning (nat.md "Hairpinning"): two inside hosts reach each other through their external
 * endpoints. Before the judged packet the receiving host sends once to the sender's external endpoint,
 * as hole-punching peers do, so a NAT whose filtering applies to hairpinned packets too is not
 * mistaken for one that does not hairpin.
 */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatHairpinScenarios {

    /** What one UDP hairpin attempt showed. */
    private record Udp(NatEndpoint sender, NatEndpoint receiver, NatEndpoint senderMapping, Optional<Delivery> arrived) {
    }

    private static Udp udpHairpin(NatBench b) {
        NatEndpoint x = b.x1(b.fresh());
        NatEndpoint y = b.x2(b.fresh());
        NatEndpoint m1 = b.mapOrAbort(x, b.s1a());
        NatEndpoint m2 = b.mapOrAbort(y, b.s1a());
        b.udp(y, m1);
        return new Udp(x, y, m1, b.udp(x, m2).filter(d -> d.receivedAt().equals(y)));
    }

    @ConformanceTest
    @Requirement("NAT-HAIR-1")
    void udpIsHairpinned(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            Udp h = udpHairpin(b);
            Check.that("X1's datagram to X2's external endpoint arrives at " + h.receiver(), NatBench.show(h.arrived()),
                    h.arrived().isPresent());
        }
    }

    @ConformanceTest
    @Requirement("NAT-HAIR-2")
    void hairpinnedUdpShowsTheExternalSource(NatAdapter nat) {
        boolean eim = NatClassifier.mapping(nat) == Mapping.EIM;
        try (NatBench b = NatBench.open(nat)) {
            Udp h = udpHairpin(b);
            Delivery d = h.arrived().orElseThrow(() -> new TestAbortedException(
                    "no hairpinned datagram arrived (NAT-HAIR-1), so its source cannot be judged"));
            judgeSource(b, d.seenSource(), h.sender(), h.senderMapping(), eim);
        }
    }

    @ConformanceTest
    @Requirement("NAT-HAIR-3")
    @RequiresCapability(NatAdapter.TCP)
    void tcpIsHairpinned(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            Tcp h = tcpHairpin(b);
            Check.that("X1's connection to X2's external endpoint is established at " + h.receiver(),
                    NatBench.show(h.outcome()), NatClassifier.admitted(h.outcome(), h.receiver()));
        }
    }

    @ConformanceTest
    @Requirement("NAT-HAIR-4")
    @RequiresCapability(NatAdapter.TCP)
    void hairpinnedTcpShowsTheExternalSource(NatAdapter nat) {
        boolean eim = NatClassifier.tcp(nat).mapping() == Mapping.EIM;
        try (NatBench b = NatBench.open(nat)) {
            Tcp h = tcpHairpin(b);
            if (!NatClassifier.admitted(h.outcome(), h.receiver())) {
                throw new TestAbortedException("no hairpinned connection was established (NAT-HAIR-3), so its source"
                        + " cannot be judged");
            }
            judgeSource(b, h.outcome().delivery().orElseThrow().seenSource(), h.sender(), h.senderMapping(), eim);
        }
    }

    private record Tcp(NatEndpoint sender, NatEndpoint receiver, NatEndpoint senderMapping, TcpOutcome outcome) {
    }

    private static Tcp tcpHairpin(NatBench b) {
        NatEndpoint x = b.x1(b.fresh());
        NatEndpoint y = b.x2(b.fresh());
        NatEndpoint m1 = b.tcpMapOrAbort(x, b.s1a());
        NatEndpoint m2 = b.tcpMapOrAbort(y, b.s1b());
        b.listen(y);
        b.tcp(y, m1);
        return new Tcp(x, y, m1, b.tcp(x, m2));
    }

    /**
     * The source must be external. Under endpoint-independent mapping it is exactly the sender's known
     * mapping; otherwise the NAT may have made a new one for this destination, which the lab cannot know.
     */
    private static void judgeSource(NatBench b, NatEndpoint seen, NatEndpoint sender, NatEndpoint senderMapping,
                                    boolean eim) {
        if (eim) {
            Check.equal("the source the receiver saw (the sender's external endpoint, not " + sender + ")",
                    senderMapping, seen);
        } else {
            Check.that("an external endpoint of the NAT " + b.topology().externalAddresses() + ", not " + sender,
                    seen, b.isExternal(seen));
        }
    }
}
