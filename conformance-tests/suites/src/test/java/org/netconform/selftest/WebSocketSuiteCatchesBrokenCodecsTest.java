package org.netconform.selftest;

import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.SuiteLauncher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The WebSocket codec suite passes the reference and catches each broken codec with the intended ID. */
class WebSocketSuiteCatchesBrokenCodecsTest {
    private static final String SUITES = "org.netconform.suites.websocket";
    /** One suite run per broken target, shared by the cases that look at it. */
    private static final java.util.Map<String, List<PublishedResult>> RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void referencePassesEveryRequirementItIsJudgedOn() {
        List<PublishedResult> results = SuiteLauncher.run("reference", SUITES).results();
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL");
            assertThat(r.matchesBaseline()).isTrue();
        });
        assertThat(results).extracting(r -> r.requirements().get(0))
                .contains("WS-FRAME-2", "WS-MASK-7", "WS-UTF8-2", "WS-CLOSE-7", "WS-LIMIT-1", "WS-HS-26");
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource({
            "broken-ws-accepts-rsv,               WS-FRAME-2",
            "broken-ws-skips-utf8,                WS-UTF8-2",
            "broken-ws-skips-utf8,                WS-UTF8-4",
            "broken-ws-masks-server-frames,       WS-MASK-3",
            "broken-ws-accepts-126-byte-ping,     WS-CTRL-3",
            "broken-ws-passes-fragmented-control, WS-CTRL-4",
            "broken-ws-trusts-huge-length,        WS-LIMIT-1",
    })
    void brokenCodecIsCaughtWithTheIntendedId(String target, String id) {
        List<PublishedResult> results = RUNS.computeIfAbsent(target, t -> SuiteLauncher.run(t, SUITES).results());
        assertThat(results).filteredOn(r -> r.requirements().contains(id))
                .as("results for %s", id).isNotEmpty()
                .anySatisfy(r -> assertThat(r.outcome().name()).isEqualTo("FAIL"));
        // and not everything fails: the break is pinned to what it breaks
        assertThat(results).filteredOn(r -> r.outcome().name().equals("PASS")).hasSizeGreaterThan(results.size() / 2);
    }
}
