package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.suites.nat.NatClassification.Filtering;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.opentest4j.TestAbortedException;

/** Mapping, port assignment and filtering (nat.md "Mapping and port assignment", "Filtering"). */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatMappingScenarios {

    @ConformanceTest
    @Requirement("NAT-MAP-1")
    void oneMappingForEveryDestination(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            Map<NatEndpoint, String> seen = new LinkedHashMap<>();
            for (NatEndpoint d : List.of(b.s1a(), b.s1b(), b.s2a(), b.s2b(), b.o())) {
                seen.put(d, b.map(x, d).map(NatEndpoint::toString).orElse("nothing arrived"));
            }
            Set<String> distinct = new LinkedHashSet<>(seen.values());
            Check.that("one external endpoint for " + x + " towards S1:a, S1:b, S2:a, S2:b and O", seen,
                    distinct.size() == 1 && !distinct.contains("nothing arrived"));
        }
    }

    @ConformanceTest
    @Requirement("NAT-MAP-2")
    void twoHostsWithOnePortAreNotOverloaded(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            int p = b.fresh();
            NatEndpoint x1 = b.x1(p);
            NatEndpoint x2 = b.x2(p);
            NatEndpoint m1 = b.mapOrAbort(x1, b.s1a());
            NatEndpoint m2 = b.mapOrAbort(x2, b.s1a());
            String back1 = NatBench.show(b.udp(b.s1a(), m1));
            String back2 = NatBench.show(b.udp(b.s1a(), m2));
            List<String> observed = List.of("X1 via " + m1 + ", X2 via " + m2, "reply to " + m1 + " " + back1,
                    "reply to " + m2 + " " + back2);
            Check.that("different external endpoints for X1:" + p + " and X2:" + p + " towards S1:a, each reply reaching"
                    + " only its own host", observed, !m1.equals(m2) && back1.equals("at " + x1 + " from " + b.s1a())
                    && back2.equals("at " + x2 + " from " + b.s1a()));
        }
    }

    @ConformanceTest
    @Requirement("NAT-MAP-3")
    void portRangeIsKept(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            List<Integer> ports = List.of(b.freshLow(), b.freshLow(), b.fresh(), b.fresh());
            List<String> wrong = new ArrayList<>();
            List<String> all = new ArrayList<>();
            // X1 first (a preserving NAT keeps these), then X2 from the same ports: the NAT must choose
            for (int host = 0; host < 2; host++) {
                for (int p : ports) {
                    NatEndpoint m = b.mapOrAbort(b.inside(host, p), b.s1a());
                    all.add("X" + (host + 1) + ":" + p + "->" + m.port());
                    if ((p < 1024) != (m.port() < 1024)) {
                        wrong.add("X" + (host + 1) + ":" + p + "->" + m.port());
                    }
                }
            }
            Check.that("every external port in its inside port's range (0-1023 or 1024-65535)",
                    wrong.isEmpty() ? all : "out of range: " + wrong, wrong.isEmpty());
        }
    }

    @ConformanceTest
    @Requirement("NAT-MAP-4")
    void portParityIsKept(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            // sixteen collisions: a NAT that chooses at random keeps every parity with a chance of 2^-16
            List<Integer> ports = NatClassifier.parityPairs(b, 16);
            List<NatEndpoint> peers = b.serverEndpoints();
            List<String> wrong = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (int host = 0; host < 2; host++) {
                for (int i = 0; i < ports.size(); i++) {
                    int p = ports.get(i);
                    NatEndpoint m = b.mapOrAbort(b.inside(host, p), peers.get(i % peers.size()));
                    all.add("X" + (host + 1) + ":" + p + "->" + m.port());
                    if (p % 2 != m.port() % 2) {
                        wrong.add("X" + (host + 1) + ":" + p + "->" + m.port());
                    }
                }
            }
            Check.that("every external port with its inside port's parity, also where the NAT had to choose",
                    wrong.isEmpty() ? all : "parity changed: " + wrong, wrong.isEmpty());
        }
    }

    @ConformanceTest
    @Requirement("NAT-MAP-5")
    void addressPoolingIsPaired(NatAdapter nat) {
        NatClassifier.PoolSample pool = pooledOrAbort(nat);
        Check.that("one external address per inside host", "external addresses per inside host "
                + pool.addressesPerHost(), pool.addressesPerHost().stream().allMatch(s -> s.size() == 1));
    }

    static NatClassifier.PoolSample pooledOrAbort(NatAdapter nat) {
        if (nat.topology().externalAddresses().size() < 2) {
            throw new TestAbortedException("the NAT has one external address " + nat.topology().externalAddresses()
                    + ": pooling does not apply (RFC 4787 REQ-2)");
        }
        return NatClassifier.pooling(nat);
    }

    @ConformanceTest
    @Requirement("NAT-MAP-6")
    void chosenPortsAreNotSequential(NatAdapter nat) {
        NatClassifier.PortSample s = NatClassifier.ports(nat);
        if (s.chosen().size() < 3) {
            throw new TestAbortedException("the NAT chose fewer than three ports in the sample (" + s.describe()
                    + "), so their sequence cannot be judged");
        }
        Check.that("the ports the NAT chose are not in equal steps", s.chosen(), !NatClassifier.equalSteps(s.chosen()));
    }

    @ConformanceTest
    @Requirement("NAT-FILT-1")
    void filteringIsEndpointIndependentOrAddressDependent(NatAdapter nat) {
        Filtering f = NatClassifier.filtering(nat);
        Check.that("EIF or ADF", f, f == Filtering.EIF || f == Filtering.ADF);
    }
}
