package org.netconform.selftest;

import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.SuiteLauncher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The endpoint suite catches each deliberately broken server with the intended requirement ID, still
 * judges every other test (a report is written for all of them), and does not fail everything.
 */
class WsServerSuiteCatchesBrokenServersTest {
    private static final String[] KNOBS = {"netconform.ws.timeoutMs", "netconform.ws.idleMs", "netconform.ws.scale"};
    private static String[] before;

    @BeforeAll
    static void fastTimeouts() {
        before = new String[KNOBS.length];
        for (int i = 0; i < KNOBS.length; i++) {
            before[i] = System.getProperty(KNOBS[i]);
        }
        // broken servers make the suite wait out its timeouts: keep them short here
        System.setProperty("netconform.ws.timeoutMs", "500");
        System.setProperty("netconform.ws.idleMs", "300");
        System.setProperty("netconform.ws.scale", "0.002");
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

    @ParameterizedTest(name = "{0} is caught by {1} ({2})")
    @CsvSource({
            "broken-ws-echoes-reserved-bits,  WS-FRAME-2,  FAIL",
            "broken-ws-echoes-reserved-bits,  WS-FRAME-1,  FAIL",
            "broken-ws-skips-utf8-validation, WS-UTF8-2,   FAIL",
            "broken-ws-accepts-unmasked,      WS-MASK-2,   FAIL",
            "broken-ws-never-pongs,           WS-CTRL-5,   FAIL",
            "broken-ws-wrong-accept,          WS-HS-26,    FAIL",
            "broken-ws-sends-1005,            WS-CLOSE-4,  FAIL",
            // a server that hangs mid-frame gives no answer to judge: the echo judge calls it a timeout, not a verdict
            "broken-ws-hangs-mid-frame,       WS-FRAME-8,  ERROR",
    })
    void brokenServerIsCaughtWithTheIntendedId(String target, String id, String outcome) {
        List<PublishedResult> results = SuiteLauncher.run(target, WsServerSuiteReferenceTest.SUITE).results();
        assertThat(results).filteredOn(r -> r.requirements().contains(id)).as("results for %s", id).isNotEmpty()
                .anySatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo(outcome));
        // every test still produced a judged result (the report covers them all), with a reason where not PASS
        Set<String> tests = results.stream().map(PublishedResult::test).collect(Collectors.toSet());
        assertThat(tests).hasSizeGreaterThan(60);
        assertThat(results).filteredOn(r -> !r.outcome().name().equals("PASS") && !r.outcome().name().equals("INFORMATIONAL"))
                .allSatisfy(r -> assertThat(r.reason()).as(r.toString()).isNotBlank());
        if (!target.equals("broken-ws-wrong-accept")) {
            // the break is pinned to what it breaks
            assertThat(results).filteredOn(r -> r.outcome().name().equals("PASS")).hasSizeGreaterThan(20);
        }
    }
}
