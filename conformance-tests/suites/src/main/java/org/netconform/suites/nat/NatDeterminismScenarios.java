package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.List;
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
 * NAT-DET-1 by the case RFC 4787 §8 describes: hosts that collide on a port with a first host must see
 * the same mapping and filtering behaviour the classification found without collisions (the "Primary"
 * behaviour), for the second host ("Secondary") and the third ("Tertiary"). The random model comparison
 * ({@link NatModelProperties}) looks further.
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
            b.mapOrAbort(b.x1(c), b.s1a());
            List<String> expected = new ArrayList<>();
            List<String> observed = new ArrayList<>();
            for (int host = 1; host < b.topology().insideHosts().size(); host++) {
                NatEndpoint x = b.inside(host, c);
                NatEndpoint m = b.mapOrAbort(x, b.s1a());
                // filtering first, from endpoints x has not sent to; then the mapping probes (RFC 5780 order)
                boolean otherAddressAndPort = b.reaches(b.s2b(), m, x);
                boolean otherPort = b.reaches(b.s1b(), m, x);
                Filtering f = otherAddressAndPort && otherPort ? Filtering.EIF : otherPort ? Filtering.ADF
                        : !otherAddressAndPort ? Filtering.APDF : Filtering.UNCLASSIFIED;
                NatEndpoint m2 = b.map(x, b.s2a()).orElse(null);
                NatEndpoint m3 = b.map(x, b.s2b()).orElse(null);
                Mapping mm = m.equals(m2) ? Mapping.EIM : m2 != null && m2.equals(m3) ? Mapping.ADM
                        : m2 != null && m3 != null ? Mapping.APDM : Mapping.UNCLASSIFIED;
                expected.add("X" + (host + 1) + " " + mapping + "/" + filtering);
                observed.add("X" + (host + 1) + " " + mm + "/" + f);
            }
            Check.equal("mapping/filtering of the hosts that collided with X1 on port " + c + " (as classified)",
                    expected, observed);
        }
    }
}
