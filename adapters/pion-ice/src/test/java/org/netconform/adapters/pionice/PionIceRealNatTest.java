package org.netconform.adapters.pionice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netconform.harness.SuiteLauncher;
import org.netconform.harness.result.PublishedResult;
import org.netconform.netlab.NetLab;
import org.netconform.spi.traversal.IceAgentAdapter;

/**
 * pion-ice through the real-NAT ICE suite (two agents behind pairs of real Linux NATs): every result
 * matches its baseline; the suite catches a broken stack (host candidates only) with TRAV-UDP-3; and a
 * peer that dies is ERROR, not a verdict.
 * Needs root (network namespaces), Go and pion's ICE sources: otherwise the tests are skipped, and the
 * suite reports UNSUPPORTED with the reason.
 */
class PionIceRealNatTest {
    static final String SUITE = "org.netconform.suites.realnat";

    private static void assumeRunnable() {
        Optional<String> lab = NetLab.unavailableReason();
        assumeTrue(lab.isEmpty(), () -> "namespace labs unavailable: " + lab.orElse(""));
        Optional<String> pion = new PionIceTarget().adapter(IceAgentAdapter.class).orElseThrow().unavailableReason();
        assumeTrue(pion.isEmpty(), () -> "pion-ice unavailable: " + pion.orElse(""));
    }

    private static List<PublishedResult> iceResults(String target) {
        long start = System.nanoTime();
        List<PublishedResult> results = SuiteLauncher.run(target, SUITE).results().stream()
                .filter(r -> r.test().startsWith("IceRealNatScenarios")).toList();
        System.out.println(target + ": the real-NAT ICE suite took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        results.forEach(r -> System.out.println(r.outcome() + " " + r.requirements() + " " + r.test() + "\n" + r.observed()));
        return results;
    }

    @Test
    void pionMatchesItsBaselineAcrossEveryPairOfNats() {
        assumeRunnable();
        List<PublishedResult> results = iceResults("pion-ice");
        assertThat(results).extracting(r -> r.requirements().get(0)).containsExactlyInAnyOrder("TRAV-UDP-3", "TRAV-UDP-4");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.toString()).isNotEqualTo("ERROR");
            assertThat(r.matchesBaseline()).as(r.toString()).isTrue();
        });
    }

    @Test
    void hostCandidatesOnlyAreCaughtByTravUdp3() {
        assumeRunnable();
        List<PublishedResult> results = iceResults("broken-pion-ice-host-only");
        assertThat(results).filteredOn(r -> r.requirements().contains("TRAV-UDP-3")).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome().name()).as(r.toString()).isEqualTo("FAIL");
                    assertThat(r.reason()).as(r.toString()).contains("A behind masquerade (EIM+APDF) / B behind masquerade (EIM+APDF): predicted yes, observed no");
                });
        assertThat(results).filteredOn(r -> r.requirements().contains("TRAV-UDP-4")).singleElement()
                .satisfies(r -> assertThat(r.outcome().name()).isEqualTo("INFORMATIONAL"));
    }

    @Test
    void aPeerThatDiesWithoutAWordIsErrorNotAVerdict() {
        assumeRunnable();
        List<PublishedResult> results = iceResults("broken-ice-dead-peer");
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.toString()).isEqualTo("ERROR");
            assertThat(r.reason()).as(r.toString()).contains("9 of 9 cells have no outcome", "peer A ended (exit 3) without a result line");
        });
    }
}
