package org.netconform.suites.nat;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;

/** ICMP errors through a mapping (nat.md "ICMP"). Outside hosts answer a closed port with port unreachable. */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatIcmpScenarios {

    @ConformanceTest
    @Requirement("NAT-ICMP-1")
    @RequiresCapability(NatAdapter.ICMP)
    void icmpErrorsLeaveTheMappingAlive(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            NatEndpoint m = b.mapOrAbort(x, b.s1a());
            b.udpToClosedPort(x, b.closed(b.topology().primaryServer()));
            b.udpToClosedPort(x, b.closed(b.topology().otherOutsideHost()));
            Check.equal("S1:a's datagram to " + m + " after two ICMP port unreachables for X1:x",
                    "at " + x + " from " + b.s1a(), NatBench.show(b.udp(b.s1a(), m)));
        }
    }

    @ConformanceTest
    @Requirement("NAT-ICMP-2")
    @RequiresCapability(NatAdapter.ICMP)
    void portUnreachableReachesTheInsideSender(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            b.mapOrAbort(x, b.s1a());
            boolean told = b.udpToClosedPort(x, b.closed(b.topology().primaryServer()));
            Check.that("the port unreachable S1 sends for X1:x's datagram reaches X1:x",
                    told ? "it arrived" : "nothing arrived", told);
        }
    }
}
