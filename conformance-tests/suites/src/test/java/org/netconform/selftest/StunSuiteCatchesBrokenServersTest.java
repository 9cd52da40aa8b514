package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netconform.harness.SuiteLauncher;
import org.netconform.harness.result.PublishedResult;

/**
 * The STUN suites pass the reference (server, codec and discovery client) and catch each broken
 * server and the broken discovery client with the intended requirement ID.
 */
class StunSuiteCatchesBrokenServersTest {
    static final String SUITE = "org.netconform.suites.stun";
    private static final String[] KNOBS = {"netconform.stun.silenceMs", "netconform.stun.probeTimeoutMs"};
    private static final String[] SHORT = {"300", "2000"};
    private static final String[] before = new String[KNOBS.length];

    @BeforeAll
    static void shortWaits() {
        // broken targets make the suite wait for what never comes: keep the waits short here
        for (int i = 0; i < KNOBS.length; i++) {
            before[i] = System.getProperty(KNOBS[i]);
            System.setProperty(KNOBS[i], SHORT[i]);
        }
    }

    @AfterAll
    static void restore() {
        for (int i = 0; i < KNOBS.length; i++) {
            if (before[i] == null) {
                System.clearProperty(KNOBS[i]);
            } else {
                System.setProperty(KNOBS[i], before[i]);
            }
        }
    }

    @Test
    void referencePassesEveryMustAndShould() {
        List<PublishedResult> results = SuiteLauncher.run("reference", SUITE).results();
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL", "UNSUPPORTED");
            assertThat(r.matchesBaseline()).as(r.toString()).isTrue();
        });
        // only what needs a long run is skipped
        assertThat(results).filteredOn(r -> r.outcome().name().equals("UNSUPPORTED"))
                .allSatisfy(r -> assertThat(r.reason()).as(r.toString()).contains("longTimers"));
        assertThat(results).extracting(r -> r.requirements().get(0)).contains("STUN-HDR-1", "STUN-XOR-1", "STUN-XOR-3",
                "STUN-FP-3", "STUN-UNK-2", "STUN-ERR-3", "STUN-TXN-1", "STUN-RETX-1", "DISC-CHANGE-3", "DISC-CHANGE-5",
                "DISC-RPORT-1", "DISC-SRC-1", "DISC-MAP-3", "DISC-FILT-2", "DISC-HAIR-1", "DISC-LIFE-2", "DISC-INFO-2");
    }

    @Test
    void brokenDiscoveryClientIsCaughtBehindTheNineEmulatedNats() {
        // its filtering tests reuse the port its mapping tests sent to A2 from: every filter admits A2:ap, so EIF everywhere
        List<PublishedResult> results = SuiteLauncher.run("broken-discovery-one-port", SUITE).results();
        assertThat(results).filteredOn(r -> r.test().endsWith("filteringBehindEveryEmulatedNat")).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome().name()).as(r.toString()).isEqualTo("FAIL");
                    assertThat(r.requirements()).contains("DISC-FILT-2");
                    assertThat(r.observed()).contains("EIM+ADF: expected ADF, reported EIF", "APDM+APDF: expected APDF, reported EIF")
                            .doesNotContain("EIF: expected EIF");
                });
        // the break is in filtering only: its mapping verdicts are right behind all nine
        assertThat(results).filteredOn(r -> r.test().endsWith("mappingBehindEveryEmulatedNat")).singleElement()
                .satisfies(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo("PASS"));
    }

    @ParameterizedTest(name = "{0} is caught by {1} as {2}")
    @CsvSource({
            "broken-stun-wrong-xor,              STUN-XOR-1,    FAIL",
            "broken-stun-wrong-xor,              STUN-XOR-2,    FAIL",
            "broken-stun-ignores-change-request, DISC-CHANGE-1, FAIL",
            "broken-stun-ignores-change-request, DISC-CHANGE-2, FAIL",
            "broken-stun-ignores-change-request, DISC-CHANGE-3, FAIL",
            "broken-stun-wrong-transaction-id,   STUN-TXN-1,    FAIL",
            "broken-discovery-one-port,          DISC-SRC-1,    FAIL",
            "broken-discovery-one-port,          DISC-FILT-2,   FAIL",
    })
    void brokenTargetIsCaughtWithTheIntendedId(String target, String id, String outcome) {
        List<PublishedResult> results = SuiteLauncher.run(target, SUITE).results();
        assertThat(results).filteredOn(r -> r.requirements().contains(id)).as("results for %s", id).isNotEmpty()
                .anySatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo(outcome));
        // the break is pinned to what it breaks: most of what the target can run still passes
        List<PublishedResult> ran = results.stream().filter(r -> !r.outcome().name().equals("UNSUPPORTED")).toList();
        assertThat(ran).filteredOn(r -> r.outcome().name().equals("PASS") || r.outcome().name().equals("INFORMATIONAL"))
                .hasSizeGreaterThan(ran.size() / 2);
        assertThat(results).filteredOn(r -> !r.outcome().name().matches("PASS|INFORMATIONAL"))
                .allSatisfy(r -> assertThat(r.reason()).as(r.toString()).isNotBlank());
    }
}
