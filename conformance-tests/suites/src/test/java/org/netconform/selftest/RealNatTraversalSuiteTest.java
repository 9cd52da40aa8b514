package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.netconform.harness.RunOptions;
import org.netconform.harness.SuiteLauncher;
import org.netconform.harness.result.PublishedResult;
import org.netconform.netlab.NetLab;

/**
 * The traversal suite behind real Linux NATs catches a puncher that tries only the public candidate with
 * TRAV-UDP-1 (two peers behind one masquerade that does not hairpin never meet that way). Only TRAV-UDP-1 is
 * selected, so the run builds its two labs and not the whole matrix; the reference and the third-party
 * discovery clients are judged against their baselines by the conformance run. Skipped where namespace labs
 * cannot run.
 */
@Isolated("selects one requirement through a system property")
class RealNatTraversalSuiteTest {
    static final String SUITE = "org.netconform.suites.realnat";

    @Test
    void aPublicOnlyPuncherIsCaughtWithTravUdp1() {
        assumeTrue(NetLab.unavailableReason().isEmpty(), () -> NetLab.unavailableReason().orElse(""));
        String before = System.getProperty(RunOptions.REQUIREMENT);
        System.setProperty(RunOptions.REQUIREMENT, "TRAV-UDP-1");
        try {
            List<PublishedResult> results = SuiteLauncher.run("broken-puncher-public-only", SUITE).results();
            assertThat(results).filteredOn(r -> r.requirements().contains("TRAV-UDP-1")).isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.outcome().name()).as(r.toString()).isEqualTo("FAIL");
                        assertThat(r.reason()).as(r.toString()).contains("both behind one");
                    });
            assertThat(results).filteredOn(r -> !r.outcome().name().matches("PASS|INFORMATIONAL|UNSUPPORTED"))
                    .allSatisfy(r -> assertThat(r.requirements()).as(r.toString()).contains("TRAV-UDP-1"));
        } finally {
            if (before == null) {
                System.clearProperty(RunOptions.REQUIREMENT);
            } else {
                System.setProperty(RunOptions.REQUIREMENT, before);
            }
        }
    }
}
