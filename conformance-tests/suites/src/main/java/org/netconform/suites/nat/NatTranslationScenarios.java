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
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;

/** Basic translation both ways, and what happens to traffic no mapping asked for (nat.md "Translation", NAT-FILT-2). */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatTranslationScenarios {

    @ConformanceTest
    @Requirement("NAT-XLATE-1")
    void outboundSourceIsAnExternalEndpoint(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            Optional<Delivery> d = b.udp(x, b.s1a());
            Check.that("X1's datagram arrives at S1:a with a source on one of the NAT's external addresses "
                            + b.topology().externalAddresses(), NatBench.show(d),
                    d.isPresent() && d.get().receivedAt().equals(b.s1a()) && b.isExternal(d.get().seenSource()));
        }
    }

    @ConformanceTest
    @Requirement("NAT-XLATE-2")
    void repliesReachTheInsideEndpoint(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            NatEndpoint m = b.mapOrAbort(x, b.s1a());
            Check.equal("S1:a's reply to " + m, "at " + x + " from " + b.s1a(), NatBench.show(b.udp(b.s1a(), m)));
        }
    }

    /**
     * Unsolicited datagrams to external ports no mapping holds. The lab delivers only to sockets it has
     * opened, so the inside sockets that exist (X1:x, X2:y) are the ones a NAT forwarding by port number
     * would hit: their own port numbers are among the targets, unless a mapping holds that port.
     */
    @ConformanceTest
    @Requirement("NAT-FILT-2")
    void unsolicitedDatagramsReachNoInsideHost(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            int x = b.fresh();
            int y = b.fresh();
            NatEndpoint mx = b.mapOrAbort(b.x1(x), b.s1a());
            NatEndpoint my = b.mapOrAbort(b.x2(y), b.s1a());
            Set<Integer> held = Set.of(mx.port(), my.port());
            Set<Integer> targets = new LinkedHashSet<>(List.of(x, y, b.fresh(), b.fresh(), mx.port() + 1));
            targets.removeAll(held);
            List<String> arrived = new ArrayList<>();
            for (String address : b.topology().externalAddresses()) {
                for (int port : targets) {
                    for (NatEndpoint from : List.of(b.o(), b.s1a())) {
                        b.udp(from, NatEndpoint.of(address, port))
                                .ifPresent(d -> arrived.add(from + " -> " + address + ":" + port + " " + NatBench.show(d)));
                    }
                }
            }
            Check.that("nothing arrives inside from O or S1:a sent to external ports no mapping holds " + targets,
                    arrived.isEmpty() ? "nothing arrived" : arrived, arrived.isEmpty());
        }
    }
}
