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
 * hairpin never meet that way); coturn's and stun-client's discovery clients get a verdict behind each
 * real NAT. Skipped where namespace labs cannot run. Measured on a shared 2-core machine: about 2 min
 * for the reference (14 traversal labs, 3 discovery labs), as much for the broken puncher, 40 s for
 * coturn, 5 s for stun-client.
 */
class RealNatTraversalSuiteTest {
    static final String SUITE = "org.netconform.suites.realnat";

    @Test
    void referencePassesBehindRealNats() {
        assumeTrue(NetLab.unavailableReason().isEmpty(), () -> NetLab.unavailableReason().orElse(""));
        List<PublishedResult> results = SuiteLauncher.run("reference", SUITE).results();
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

    /** Third-party discovery clients get a verdict behind every real NAT (right or wrong: that is the suite's to judge). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"coturn-natdiscovery", "stun-client"})
    void thirdPartyDiscoveryClientsAreJudgedBehindRealNats(String target) {
        assumeTrue(NetLab.unavailableReason().isEmpty(), () -> NetLab.unavailableReason().orElse(""));
        List<PublishedResult> results = SuiteLauncher.run(target, SUITE).results();
        results.forEach(r -> System.out.println(target + " " + r.outcome() + " " + r.requirements() + " " + r.reason()));
        assertThat(results).filteredOn(r -> r.requirements().contains("DISC-MAP-2")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "FAIL"));
    }
}
