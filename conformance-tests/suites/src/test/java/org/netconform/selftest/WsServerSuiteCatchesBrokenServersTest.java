package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netconform.harness.SuiteLauncher;
import org.netconform.harness.result.PublishedResult;

/**
 * The endpoint suite catches each deliberately broken server with the intended requirement ID, still judges
 * every other test (a report is written for all of them), and does not fail everything. Each judge the suite
 * gained has a server here that only that judge catches: a Close answered as if valid, a Pong to a fragmented
 * Ping, an invalid close code in a case the sender checks used not to see, a valid prefix never echoed (not
 * blamed on the offending frame), a slow server (never a FAIL), a server that dies mid-run (said once), frames
 * corrupted by a heartbeat written from another thread, the seed's crash on concurrent writes, declared limits.
 */
@Isolated("sets the suite's global knobs")
class WsServerSuiteCatchesBrokenServersTest {
    private static final Map<String, String> KNOBS = Map.of(
            "netconform.ws.timeoutMs", "500",
            "netconform.ws.idleMs", "300",
            "netconform.ws.learnMs", "400",
            "netconform.ws.scale", "0.002",
            "netconform.ws.parallel", "8");
    private static final Map<String, String> BEFORE = new java.util.HashMap<>();
    private static final Map<String, List<PublishedResult>> RUNS = new ConcurrentHashMap<>();

    @BeforeAll
    static void fastTimeouts() {
        // broken servers make the suite wait out its timeouts: keep them short here
        KNOBS.forEach((k, v) -> {
            BEFORE.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
    }

    @AfterAll
    static void restore() {
        BEFORE.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    static List<PublishedResult> run(String target) {
        return RUNS.computeIfAbsent(target, t -> SuiteLauncher.run(t, WsServerSuiteReferenceTest.SUITE).results());
    }

    static List<PublishedResult> of(List<PublishedResult> results, String id) {
        return results.stream().filter(r -> r.requirements().contains(id)).toList();
    }

    @ParameterizedTest(name = "{0} is caught by {1} ({2})")
    @CsvSource({
            "broken-ws-echoes-reserved-bits,  WS-FRAME-2,  FAIL",
            "broken-ws-echoes-reserved-bits,  WS-FRAME-1,  FAIL",
            "broken-ws-skips-utf8-validation, WS-UTF8-2,   FAIL",
            "broken-ws-accepts-unmasked,      WS-MASK-2,   FAIL",
            "broken-ws-never-pongs,           WS-CTRL-5,   FAIL",
            "broken-ws-wrong-accept,          WS-HS-26,    FAIL",
            "broken-ws-sends-1005,            WS-CLOSE-4,  FAIL",
            // a server that stalls is a timeout, never a verdict on the size it stalled on
            "broken-ws-hangs-mid-frame,       WS-FRAME-8,  ERROR",
            // a Close answered as if it were valid is not failing the connection (Close 999 for 999 ...)
            "broken-ws-closes-normally-on-invalid-close, WS-CLOSE-7, FAIL",
            "broken-ws-closes-normally-on-invalid-close, WS-CLOSE-2, FAIL",
            "broken-ws-closes-normally-on-invalid-close, WS-CLOSE-8, NON_STRICT",
            // ... and the codes it echoes are invalid on the wire: the sender checks see every case
            "broken-ws-closes-normally-on-invalid-close, WS-CLOSE-5, FAIL",
            // a Pong to a fragmented Ping is an answer to the offending frame
            "broken-ws-pongs-fragmented-ping, WS-CTRL-4,   FAIL",
            // 1016 in the invalid UTF-8 cases, which the sender checks did not look at before
            "broken-ws-fails-utf8-with-1016,  WS-CLOSE-5,  FAIL",
            "broken-ws-fails-utf8-with-1016,  WS-CLOSE-23, NON_STRICT",
            // a heartbeat written into an echo frame; the seed's crash on concurrent writes
            "broken-ws-heartbeat-interleaves, WS-FRAME-12, FAIL",
            "broken-ws-seed-like,             WS-FRAME-12, FAIL",
    })
    void brokenServerIsCaughtWithTheIntendedId(String target, String id, String outcome) {
        List<PublishedResult> results = run(target);
        assertThat(of(results, id)).as("results for %s", id).isNotEmpty()
                .anySatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo(outcome));
        // every test still produced a judged result (the report covers them all), with a one-line reason where not
        // PASS, and never a stack trace in it
        Set<String> tests = results.stream().map(PublishedResult::test).collect(Collectors.toSet());
        assertThat(tests).hasSizeGreaterThan(60);
        assertThat(results).filteredOn(r -> !r.outcome().name().equals("PASS") && !r.outcome().name().equals("INFORMATIONAL"))
                .allSatisfy(r -> assertThat(r.reason()).as(r.toString()).isNotBlank().doesNotContain("\tat "));
        if (!target.equals("broken-ws-wrong-accept")) {
            // the break is pinned to what it breaks
            assertThat(results).filteredOn(r -> r.outcome().name().equals("PASS")).hasSizeGreaterThan(20);
        }
        // every broken server accepts any Origin, like the seed: a security finding, marked as such (where a
        // client can connect at all)
        if (!target.equals("broken-ws-wrong-accept")) {
            assertThat(of(results, "WS-SEC-5")).allSatisfy(r -> assertThat(r.observed()).startsWith("SECURITY FINDING: "));
        }
    }

    @Test
    void aFailureCaseWhoseValidPrefixIsNotEchoedBlamesThePrefixNotTheOffendingFrame() {
        List<PublishedResult> results = run("broken-ws-hangs-on-short-text");
        for (String id : List.of("WS-MASK-2", "WS-FRAME-2", "WS-FRAME-4", "WS-CTRL-3", "WS-FRAG-5")) {
            assertThat(of(results, id)).as(id).isNotEmpty().allSatisfy(r -> {
                assertThat(r.outcome().name()).as(r.toString()).isEqualTo("ERROR");
                assertThat(r.reason()).as(r.toString()).contains("sent before the offending frame were not echoed");
            });
        }
    }

    @Test
    void aSlowServerIsNeverAFailOfASizeRequirement() {
        List<PublishedResult> results = run("broken-ws-slow-on-fragments");
        assertThat(of(results, "WS-LIMIT-5")).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "ERROR");
            if (r.outcome().name().equals("ERROR")) {
                assertThat(r.reason()).as(r.toString()).contains("a timeout");
            }
        });
    }

    @Test
    void aServerThatDiesMidRunIsSaidOnceAndTheRestIsErrorWithThatReason() {
        List<PublishedResult> results = run("broken-ws-dies-after-40");
        List<PublishedResult> down = results.stream().filter(r -> r.reason() != null
                && r.reason().contains("the target stopped answering")).toList();
        assertThat(down).as("results that say the target stopped").hasSizeGreaterThan(20)
                .allSatisfy(r -> {
                    assertThat(r.outcome().name()).as(r.toString()).isEqualTo("ERROR");
                    assertThat(r.reason()).contains("after case").contains("cannot connect").doesNotContain("\n");
                });
        // said once: one sentence, whichever test says it
        assertThat(down.stream().map(r -> r.reason().substring(r.reason().indexOf("the target stopped answering"),
                r.reason().indexOf(" s into its run"))).distinct()).hasSize(1);
        // the sender checks are ERROR with it too, not PASS on the frames before
        assertThat(of(results, "WS-FRAME-1")).allSatisfy(r -> assertThat(r.outcome().name()).isEqualTo("ERROR"));
    }

    @Test
    void theSeedsServerInJavaFailsOnlyOnConcurrentWritesAndItsCrashIsNamed() {
        List<PublishedResult> results = run("broken-ws-seed-like");
        assertThat(results).filteredOn(r -> r.outcome().name().equals("FAIL") || r.outcome().name().equals("NON_STRICT")
                || r.outcome().name().equals("ERROR")).extracting(r -> r.requirements().get(0)).containsOnly("WS-FRAME-12");
        assertThat(of(results, "WS-FRAME-12")).allSatisfy(r -> assertThat(r.reason() + r.observed())
                .contains("panic: concurrent write to websocket connection"));
        // its heartbeat was learned and kept apart from the echoes
        assertThat(of(results, "WS-CTRL-12")).allSatisfy(r -> assertThat(r.observed()).contains("text \"heartbeat\""));
    }

    @Test
    void casesBeyondDeclaredLimitsAreJudgedOnTheir1009() {
        List<PublishedResult> results = run("broken-ws-declares-small-limits");
        for (String id : List.of("WS-LIMIT-5", "WS-FRAME-8", "WS-LIMIT-1", "WS-LIMIT-3", "WS-LIMIT-4")) {
            assertThat(of(results, id)).as(id).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo("PASS"));
        }
    }

    @Test
    void unmaskedFramesProcessedAreASecurityFinding() {
        assertThat(of(run("broken-ws-accepts-unmasked"), "WS-SEC-7"))
                .allSatisfy(r -> assertThat(r.observed()).startsWith("SECURITY FINDING: "));
        assertThat(of(run("broken-ws-never-pongs"), "WS-SEC-7"))
                .allSatisfy(r -> assertThat(r.observed()).startsWith("no finding"));
    }
}
