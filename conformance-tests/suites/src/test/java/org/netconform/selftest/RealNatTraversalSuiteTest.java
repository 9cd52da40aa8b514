package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netconform.harness.SuiteLauncher;
import org.netconform.harness.result.PublishedResult;
import org.netconform.netlab.NetLab;

/**
 * The traversal matrix behind real Linux NATs passes the reference peers and catches a puncher that
 * tries only the public candidate with TRAV-UDP-1 (two peers behind one masquerade that does not
 * hairpin never meet that way). Skipped where namespace labs cannot run. About 100 s for the reference
 * (14 labs), 15 s for the broken puncher (only its TRAV-UDP-1 cells are selected).
 */
class RealNatTraversalSuiteTest {
    static final String SUITE = "org.netconform.suites.realnat";

    @Test
    void referencePassesBehindRealNats() {
        assumeTrue(NetLab.unavailableReason().isEmpty(), () -> NetLab.unavailableReason().orElse(""));
        List<PublishedResult> all = SuiteLauncher.run("reference", SUITE).results();
        // the reference has no ICE agent: the real-NAT ICE suite is for third-party stacks (adapters/pion-ice tests it)
        assertThat(all).filteredOn(r -> r.test().startsWith("IceRealNatScenarios")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo("UNSUPPORTED"));
        List<PublishedResult> results = all.stream().filter(r -> !r.test().startsWith("IceRealNatScenarios")).toList();
        results.forEach(r -> System.out.println(r.outcome() + " " + r.requirements() + " " + r.reason()));
        assertThat(results).extracting(r -> r.requirements().get(0))
                .contains("TRAV-UDP-1", "TRAV-UDP-3", "TRAV-UDP-4", "TRAV-RDV-1", "TRAV-REV-1");
        assertThat(results).allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL"));
    }

    @Test
    void aPublicOnlyPuncherIsCaughtWithTravUdp1() {
        assumeTrue(NetLab.unavailableReason().isEmpty(), () -> NetLab.unavailableReason().orElse(""));
        List<PublishedResult> results = SuiteLauncher.run("broken-puncher-public-only", SUITE).results();
        assertThat(results).filteredOn(r -> r.requirements().contains("TRAV-UDP-1")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo("FAIL"));
        assertThat(results).filteredOn(r -> !r.outcome().name().matches("PASS|INFORMATIONAL|UNSUPPORTED"))
                .allSatisfy(r -> assertThat(r.requirements()).as(r.toString()).contains("TRAV-UDP-1"));
    }
}
