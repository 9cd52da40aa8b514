package org.netconform.selftest;

import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.SuiteLauncher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The byte-order suite passes the reference and catches each broken codec with the intended ID. */
class ByteOrderSuiteCatchesBrokenCodecsTest {
    private static final String SUITES = "org.netconform.suites.byteorder";

    @Test
    void referencePassesEveryRequirementItIsJudgedOn() {
        List<PublishedResult> results = SuiteLauncher.run("reference", SUITES).results();
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL");
            assertThat(r.matchesBaseline()).isTrue();
        });
        assertThat(results).extracting(r -> r.requirements().get(0))
                .contains("BO-ORDER-1", "BO-VEC-1", "BO-VIEW-1", "BO-BITS-1", "BO-LE-1");
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource({
            "broken-little-endian-writer,  BO-ORDER-1",
            "broken-little-endian-writer,  BO-VEC-1",
            "broken-sign-extending-reader, BO-UNSIGNED-1",
            "broken-ignores-missing-bytes, BO-TRUNC-1",
            "broken-truncating-writer,     BO-WIDTH-2",
    })
    void brokenCodecIsCaughtWithTheIntendedId(String target, String id) {
        List<PublishedResult> results = SuiteLauncher.run(target, SUITES).results();
        assertThat(results).filteredOn(r -> r.requirements().contains(id))
                .as("results for %s", id).isNotEmpty()
                .anySatisfy(r -> assertThat(r.outcome().name()).isEqualTo("FAIL"));
        // and not everything fails: the break is pinned to what it breaks
        assertThat(results).filteredOn(r -> r.outcome().name().equals("PASS")).isNotEmpty();
    }

    @Test
    void aCapabilityTheTargetLacksIsUnsupportedNeverPass() {
        List<PublishedResult> results = SuiteLauncher.run("broken-truncating-writer", SUITES).results();
        assertThat(results).filteredOn(r -> r.requirements().contains("BO-BITS-1"))
                .isNotEmpty().allSatisfy(r -> {
                    assertThat(r.outcome().name()).isEqualTo("UNSUPPORTED");
                    assertThat(r.reason()).contains("does not declare capability 'bit-fields'");
                });
    }
}
