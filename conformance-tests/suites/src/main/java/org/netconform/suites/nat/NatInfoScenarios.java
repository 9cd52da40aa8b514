package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.suites.nat.NatTimers.Flow;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

/**
 * What each NAT is (nat.md "What each NAT is"): one compact value per INFO requirement, the same
 * words for every target so the report's table compares them. Each value is learned once per target
 * by {@link NatClassifier} and shown with the probes that found it.
 */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatInfoScenarios {

    @ConformanceTest
    @Requirement("NAT-INFO-1")
    void udpMapping(NatAdapter nat) {
        Check.record("UDP mapping behaviour", NatClassifier.mapping(nat));
    }

    @ConformanceTest
    @Requirement("NAT-INFO-2")
    void udpFiltering(NatAdapter nat) {
        Check.record("UDP filtering behaviour", NatClassifier.filtering(nat));
    }

    @ConformanceTest
    @Requirement("NAT-INFO-3")
    void portAssignment(NatAdapter nat) {
        Check.record("port assignment", NatClassifier.ports(nat).assignment());
    }

    @ConformanceTest
    @Requirement("NAT-INFO-4")
    void portParity(NatAdapter nat) {
        Check.record("port parity", NatClassifier.ports(nat).parity() ? "preserved" : "not preserved");
    }

    @ConformanceTest
    @Requirement("NAT-INFO-5")
    void collisionHandling(NatAdapter nat) {
        Check.record("a second host using the first one's port towards the same server", NatClassifier.collision(nat));
    }

    @ConformanceTest
    @Requirement("NAT-INFO-6")
    void udpHairpinning(NatAdapter nat) {
        NatClassification.Hairpin h = NatClassifier.hairpin(nat);
        if (h == NatClassification.Hairpin.PARTIAL) {
            List<NatHairpinning.Attempt> attempts = NatHairpinning.udp(nat);
            Check.record("UDP hairpinning", h + " (" + attempts.stream().filter(a -> a.arrived().isPresent())
                    .map(a -> "X" + (a.from() + 1) + " -> X" + (a.to() + 1)).toList() + " of " + attempts.size()
                    + " host pairs)");
        } else {
            Check.record("UDP hairpinning", h);
        }
    }

    @ConformanceTest
    @Requirement("NAT-INFO-7")
    void udpTimerOneWay(NatAdapter nat) {
        Check.record("UDP mapping timer, one-way", NatTimers.lifetime(nat, Flow.ONE_WAY).compact());
    }

    @ConformanceTest
    @Requirement("NAT-INFO-8")
    void udpTimerAfterReplies(NatAdapter nat) {
        Check.record("UDP mapping timer after a reply", NatTimers.lifetime(nat, Flow.REPLIED).compact());
    }

    @ConformanceTest
    @Requirement("NAT-INFO-9")
    void inboundRefresh(NatAdapter nat) {
        Check.record("inbound traffic alone", NatTimers.refreshes(nat, true) ? "refreshes" : "does not refresh");
    }

    @ConformanceTest
    @Requirement("NAT-INFO-10")
    @RequiresCapability(NatAdapter.TCP)
    void unsolicitedSyn(NatAdapter nat) {
        TcpOutcome.Kind k = NatClassifier.unsolicitedSyn(nat);
        Check.record("answer to an unsolicited SYN, within the lab's wait", switch (k) {
            case NO_ANSWER -> "no answer";
            case RESET -> "RST";
            case ICMP_UNREACHABLE -> "ICMP unreachable";
            case ESTABLISHED -> "accepted";
        });
    }

    @ConformanceTest
    @Requirement("NAT-INFO-11")
    void addressPooling(NatAdapter nat) {
        Check.record("address pooling", NatClassifier.pooling(nat).pooling());
    }

    @ConformanceTest
    @Requirement("NAT-INFO-12")
    void portOverlapping(NatAdapter nat) {
        Check.record("two hosts, one port, different destinations", NatClassifier.overlapping(nat));
    }

    @ConformanceTest
    @Requirement("NAT-INFO-13")
    @RequiresCapability(NatAdapter.TCP)
    void tcpMappingAndFiltering(NatAdapter nat) {
        Check.record("TCP mapping/filtering", NatClassifier.tcp(nat));
    }

    @ConformanceTest
    @Requirement("NAT-INFO-14")
    void addressRanges(NatAdapter nat) {
        NatTopology t = nat.topology();
        List<String> inside = new ArrayList<>();
        t.insideHosts().forEach(a -> inside.add(a + " " + AddressRanges.name(a)));
        List<String> external = new ArrayList<>();
        t.externalAddresses().forEach(a -> external.add(a + " " + AddressRanges.name(a)));
        Check.record("inside hosts; external addresses", "inside " + inside + "; external " + external);
    }
}
