package org.netconform.selftest;

import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.SuiteLauncher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client suite passes the reference client and catches each broken client with the intended ID. */
class WsClientSuiteCatchesBrokenClientsTest {
    private static final String SUITES = "org.netconform.suites.wsclient";
    private static final List<String> TARGETS = List.of("reference", "broken-client-accepts-any-accept",
            "broken-client-unmasked", "broken-client-reused-mask-key", "broken-client-ignores-close");
    /** One run against all five targets: the suite's tests run a few at a time, so this is far quicker than five runs. */
    private static java.util.Map<String, List<PublishedResult>> runs;

    private static synchronized List<PublishedResult> resultsOf(String target) {
        if (runs == null) {
            runs = SuiteLauncher.run(String.join(",", TARGETS), SUITES).results().stream()
                    .collect(java.util.stream.Collectors.groupingBy(PublishedResult::target));
        }
        return runs.getOrDefault(target, List.of());
    }

    @Test
    void referenceClientPassesEveryRequirementItIsJudgedOn() {
        List<PublishedResult> results = resultsOf("reference");
        results.stream().filter(r -> !r.outcome().name().equals("PASS")).forEach(r -> System.out.println("  " + r));
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL");
            assertThat(r.matchesBaseline()).as(r.toString()).isTrue();
        });
        assertThat(results).extracting(r -> r.requirements().get(0))
                .contains("WS-HS-16", "WS-MASK-1", "WS-MASK-7", "WS-FRAME-2", "WS-CLOSE-11", "WS-UTF8-2");
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource({
            "broken-client-accepts-any-accept, WS-HS-16",
            "broken-client-unmasked,           WS-MASK-1",
            "broken-client-reused-mask-key,    WS-MASK-7",
            "broken-client-reused-mask-key,    WS-MASK-8",
            "broken-client-ignores-close,      WS-CLOSE-11",
    })
    void brokenClientIsCaughtWithTheIntendedId(String target, String id) {
        List<PublishedResult> results = resultsOf(target);
        assertThat(results).filteredOn(r -> r.requirements().contains(id))
                .as("results for %s", id).isNotEmpty()
                .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo("FAIL"));
        // and not everything fails: the break is pinned to what it breaks
        assertThat(results).filteredOn(r -> r.outcome().name().equals("PASS")).isNotEmpty();
        assertThat(results).filteredOn(r -> r.requirements().contains("WS-FRAME-11")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "FAIL"));
    }
}
