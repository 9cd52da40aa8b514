package org.netconform.adapters.jdk.wsclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.netconform.harness.Baseline;
import org.netconform.harness.SuiteLauncher;

/** Runs the WebSocket client suite against jdk-httpclient-websocket: every result must match its baseline. */
class WsClientBaselineTest {
    private static final String TARGET = "jdk-httpclient-websocket";

    @Test
    void everyResultMatchesTheBaseline() {
        SuiteLauncher.Run run = SuiteLauncher.run(TARGET, "org.netconform.suites.wsclient");
        List<SuiteLauncher.Result> results = run.results();
        results.stream().findFirst().ifPresent(r -> System.out.println(TARGET + ": " + r.fields().get("netconform.targetDescription")));
        results.stream().filter(r -> !r.outcome().equals("PASS")).forEach(r -> System.out.println("  " + r));

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(run.containerFailures()).as("suite containers that failed").isEmpty();
        soft.assertThat(results).as("results for %s", TARGET).isNotEmpty()
                .allSatisfy(r -> assertThat(r.target()).isEqualTo(TARGET));
        soft.assertThat(results).filteredOn(r -> !r.matchesBaseline()).as("results that differ from the baseline").isEmpty();
        Baseline baseline = Baseline.load(TARGET, getClass().getClassLoader());
        soft.assertThat(baseline.entries().keySet()).as("lines of %s that match no result", baseline.resource())
                .filteredOn(key -> results.stream().noneMatch(r -> matches(key, r))).isEmpty();
        soft.assertAll();
    }

    private static boolean matches(String key, SuiteLauncher.Result r) {
        String[] idAndTest = key.split("@", 2);
        return r.requirements().contains(idAndTest[0])
                && (idAndTest.length == 1 || r.test().endsWith("." + idAndTest[1]));
    }
}
