package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The WebSocket codec suite passes the reference and catches each broken codec with the intended ID. */
class WebSocketSuiteCatchesBrokenCodecsTest {
    private static final String SUITES = "org.netconform.suites.websocket";

    @Test
    void referencePassesEveryRequirementItIsJudgedOn() {
        List<SuiteRun.Result> results = SuiteRun.run(SUITES, "reference");
        results.stream().sorted(java.util.Comparator.comparingLong(r -> -Long.parseLong(r.fields().getOrDefault("netconform.durationMs", "0"))))
                .limit(8).forEach(r -> System.out.println("TIMING " + r.fields().get("netconform.durationMs") + " " + r.test()));
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome()).as(r.toString()).isIn("PASS", "INFORMATIONAL");
            assertThat(r.matchesBaseline()).isTrue();
        });
        assertThat(results).extracting(r -> r.requirements().get(0))
                .contains("WS-FRAME-2", "WS-MASK-7", "WS-UTF8-2", "WS-CLOSE-7", "WS-LIMIT-1", "WS-HS-26");
    }
}
