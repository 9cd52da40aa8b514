package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netconform.harness.SuiteLauncher;
import org.netconform.harness.result.PublishedResult;

/**
 * The traversal suites (discovery accuracy, the traversal matrix) pass the reference and catch each
 * broken target with the intended requirement ID.
 */
class TraversalSuiteCatchesBrokenPeersTest {
    static final String SUITE = "org.netconform.suites.traversal";

    @Test
    void referencePassesEveryMustAndShould() {
        List<PublishedResult> results = SuiteLauncher.run("reference", SUITE).results();
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL");
            assertThat(r.matchesBaseline()).as(r.toString()).isTrue();
        });
        assertThat(results).extracting(r -> r.requirements().get(0)).contains("DISC-MAP-1", "DISC-MAP-2", "DISC-FILT-1",
                "DISC-HAIR-1",
                "TRAV-UDP-1", "TRAV-UDP-2", "TRAV-UDP-3", "TRAV-UDP-4", "TRAV-KA-1", "TRAV-REV-1", "TRAV-RDV-2", "TRAV-TCP-3", "TRAV-TCP-4");
    }

    @ParameterizedTest(name = "{0} is caught by {1} as {2}")
    @CsvSource({
            "broken-model-discovery-no-test-iii, DISC-MAP-3, FAIL",
            "broken-puncher-public-only,         TRAV-UDP-1, FAIL",
            "broken-puncher-no-keepalive,        TRAV-KA-1,  FAIL",
    })
    void brokenTargetIsCaughtWithTheIntendedId(String target, String id, String outcome) {
        List<PublishedResult> results = SuiteLauncher.run(target, SUITE).results();
        assertThat(results).filteredOn(r -> r.requirements().contains(id)).as("results for %s", id).isNotEmpty()
                .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo(outcome));
        assertThat(results).filteredOn(r -> !r.outcome().name().matches("PASS|INFORMATIONAL|UNSUPPORTED"))
                .allSatisfy(r -> assertThat(r.requirements()).as(r.toString()).contains(id));
    }

    @Test
    void peersThatCrashAreAnErrorOfTheMatrixNeverAFail() {
        List<PublishedResult> results = SuiteLauncher.run("broken-puncher-crashes", SUITE).results();
        assertThat(results).filteredOn(r -> r.requirements().contains("TRAV-UDP-3")).as("results for TRAV-UDP-3").isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.outcome().name()).as(r.toString()).isEqualTo("ERROR");
                    assertThat(r.reason()).as(r.toString()).contains("the peers threw in").contains("crashes when asked to connect");
                });
    }
}
