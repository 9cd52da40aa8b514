package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.suites.nat.NatClassification.Filtering;
import org.netconform.suites.nat.NatClassification.Mapping;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;

/**
 * NAT-DET-1 by the two cases RFC 4787 §8 describes, each judged against the behaviour the classification
 * found without conflicts (the "Primary" behaviour):
 * <ul>
 * <li>hosts that collide with a first host on a port towards the same destination ("Secondary" X2,
 *     "Tertiary" X3) must show the same mapping and filtering behaviour; as in RFC 5780 the mapping is
 *     learned on one colliding port and the filtering on another, so that the filtering probes (which a
 *     Linux router answers, leaving an entry that holds their tuple) cannot change the mapping probes;</li>
 * <li>a host that got the first host's external port towards another destination (port overlapping,
 *     RFC 7857 §3) and then goes to the first host's destination must keep the mapping behaviour: an
 *     endpoint-independent NAT that overlaps cannot, which is the "EIM until two endpoints meet in the same
 *     external direction, then APDM" NAT of RFC 4787 §8. A port-preserving NAT overlaps the first host's
 *     very port; one that draws from a small pool (a declared quota) is made to by the first host holding
 *     the pool's worth first.</li>
 * </ul>
 * The random model comparison ({@link NatModelProperties}) looks further.
 */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatDeterminismScenarios {

    @ConformanceTest
    @Requirement("NAT-DET-1")
    void behaviourAfterPortCollisionsIsTheClassifiedOne(NatAdapter nat) {
        Mapping mapping = NatClassifier.mapping(nat);
        Filtering filtering = NatClassifier.filtering(nat);
        Check.that("one mapping and one filtering behaviour explain the classification probes", mapping + "/"
                + filtering, mapping != Mapping.UNCLASSIFIED && filtering != Filtering.UNCLASSIFIED);
        try (NatBench b = NatBench.open(nat)) {
            int c = b.fresh();
            int d = b.fresh();
            b.mapOrAbort(b.x1(c), b.s1a());
            b.mapOrAbort(b.x1(d), b.s1a());
            List<String> expected = new ArrayList<>();
            List<String> observed = new ArrayList<>();
            for (int host = 1; host < b.topology().insideHosts().size(); host++) {
                // mapping, on port c: the first destination is X1's, the next ones other addresses and ports
                NatEndpoint x = b.inside(host, c);
                Mapping mm = mappingOf(b.mapOrAbort(x, b.s1a()), b.map(x, b.s2a()), b.map(x, b.s2b()));
                // filtering, on port d: probes from endpoints that socket never sent to
                NatEndpoint y = b.inside(host, d);
                NatEndpoint my = b.mapOrAbort(y, b.s1a());
                boolean otherAddressAndPort = b.reaches(b.s2b(), my, y);
                boolean otherPort = b.reaches(b.s1b(), my, y);
                Filtering f = otherAddressAndPort && otherPort ? Filtering.EIF : otherPort ? Filtering.ADF
                        : !otherAddressAndPort ? Filtering.APDF : Filtering.UNCLASSIFIED;
                expected.add("X" + (host + 1) + ", colliding with X1: " + mapping + "/" + filtering);
                observed.add("X" + (host + 1) + ", colliding with X1: " + mm + "/" + f);
            }
            // X2 first goes where X1 does not (an overlapping NAT gives it a port X1 holds), then to X1's
            // destination. A NAT that picks from a small pool (a declared quota) meets X1's ports only by
            // chance, so X1 first holds a quota's worth towards S1:a, as for NAT-INFO-12.
            int e = b.fresh();
            b.mapOrAbort(b.x1(e), b.s1a());
            int quota = b.quota().orElse(1);
            for (int i = 1; i < quota; i++) {
                b.map(b.x1(b.fresh()), b.s1a());
            }
            NatEndpoint z = b.x2(e);
            Mapping overlapped = mappingOf(b.mapOrAbort(z, b.s2a()), b.map(z, b.s1a()), b.map(z, b.s1b()));
            expected.add("X2, then meeting X1's port towards X1's destination: " + mapping);
            observed.add("X2, then meeting X1's port towards X1's destination: " + overlapped);
            Check.equal("the mapping/filtering of hosts that met X1's port (as classified without conflicts)",
                    expected, observed);
        }
    }

    /**
     * RFC 5780 §4.3's reading of three mappings of one socket: the first towards some destination, the
     * second towards another address, the third towards that other address's other port.
     */
    private static Mapping mappingOf(NatEndpoint first, Optional<NatEndpoint> otherAddress,
                                     Optional<NatEndpoint> otherPort) {
        if (otherAddress.isEmpty() || otherPort.isEmpty()) {
            return Mapping.UNCLASSIFIED;
        }
        if (first.equals(otherAddress.get())) {
            return Mapping.EIM;
        }
        return otherAddress.equals(otherPort) ? Mapping.ADM : Mapping.APDM;
    }
}
