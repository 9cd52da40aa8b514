package org.netconform.adapters.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netconform.harness.Baseline;
import org.netconform.harness.SuiteLauncher;

/** Runs the byte-order suites against the Netty target: every result must match the target's baseline. */
class ByteOrderBaselineTest {
    private static final String SUITES = "org.netconform.suites.byteorder";

    @ParameterizedTest
    @ValueSource(strings = "netty-bytebuf")
    void everyResultMatchesTheBaseline(String target) {
        SuiteLauncher.Run run = SuiteLauncher.run(target, SUITES);
        List<SuiteLauncher.Result> results = run.results();
        results.stream().findFirst().ifPresent(r -> System.out.println(target + ": " + r.fields().get("netconform.targetDescription")));
        results.stream().filter(r -> !r.outcome().equals("PASS")).forEach(r -> System.out.println("  " + r));

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(run.containerFailures()).as("suite containers that failed").isEmpty();
        soft.assertThat(results).as("results for %s", target).isNotEmpty()
                .allSatisfy(r -> assertThat(r.target()).isEqualTo(target));
        soft.assertThat(results).filteredOn(r -> !r.matchesBaseline()).as("results that differ from the baseline").isEmpty();
        // and no line of the baseline names a requirement or test the suite did not run
        Baseline baseline = Baseline.load(target, getClass().getClassLoader());
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
