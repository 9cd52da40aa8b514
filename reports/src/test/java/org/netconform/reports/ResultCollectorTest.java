package org.netconform.reports;

import org.netconform.harness.result.Outcome;
import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.result.ResultJson;

import org.netconform.harness.result.CaseResult;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ResultCollectorTest {
    private final ResultCollector collector = new ResultCollector();

    @Test
    void collectsFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        collector.add("id-" + thread + "-" + i, "display", Fixtures.packed(Map.of(
                                "netconform.target", thread % 2 == 0 ? "reference" : "netty",
                                "netconform.requirements", "BO-ORDER-1",
                                "netconform.outcome", "PASS")));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<TargetResults> snapshot = collector.snapshot(Instant.EPOCH);
        assertThat(snapshot).extracting(TargetResults::target).containsExactly("netty", "reference");
        assertThat(snapshot).allSatisfy(t -> assertThat(t.results()).hasSize(2000));
    }

    @Test
    void ignoresEntriesThatAreNotResults() {
        assertThat(collector.add("id", "d", Map.of("netconform.outcome", "FAIL"))).isFalse();
        assertThat(collector.add("id", "d", Fixtures.packed(Map.of("netconform.outcome", "FAIL")))).isFalse();
        assertThat(collector.isEmpty()).isTrue();
    }

    @Test
    void fallsBackToDisplayNameAndKeepsTheTestId() {
        collector.add("[engine:x]/[method:m]", "m()", Fixtures.packed(Map.of("netconform.target", "reference",
                "netconform.requirements", "BO-ORDER-1,BO-ORDER-2", "netconform.outcome", "PASS",
                "netconform.matchesBaseline", "true")));
        CaseResult r = collector.snapshot(Instant.EPOCH).get(0).results().get(0);
        assertThat(r.test()).isEqualTo("m()");
        assertThat(r.testId()).isEqualTo("[engine:x]/[method:m]");
        assertThat(r.requirements()).containsExactly("BO-ORDER-1", "BO-ORDER-2");
        assertThat(r.judged()).isEqualTo(Outcome.PASS);
        assertThat(r.durationMs()).isNull();
        assertThat(r.matchesBaseline()).isTrue();
        assertThat(r.baseline()).isNull();
    }

    @Test
    void aMissingOrUnknownOutcomeCountsAsAnError() {
        collector.add("a", "a", Fixtures.packed(Map.of("netconform.target", "t", "netconform.test", "a")));
        collector.add("b", "b", Fixtures.packed(Map.of("netconform.target", "t", "netconform.test", "b",
                "netconform.outcome", "MAYBE", "netconform.reason", "x")));
        List<CaseResult> rs = collector.snapshot(Instant.EPOCH).get(0).results();
        assertThat(rs).extracting(CaseResult::judged).containsExactly(Outcome.ERROR, Outcome.ERROR);
    }

    @Test
    void readsTheResultAsTheHarnessWroteIt() {
        CaseResult written = new CaseResult(List.of("BO-UNSIGNED-1"), "S.t", null, "FAIL", "PASS", null, false,
                "01", "02", "why", "42", "[x]", 7L, "line 1\nline <2>", true);
        assertThat(collector.add("id", "d", Map.of(PublishedResult.KEY,
                ResultJson.write(new PublishedResult("netty", "Netty", written))))).isTrue();
        CaseResult r = collector.snapshot(Instant.EPOCH).get(0).results().get(0);
        assertThat(r).isEqualTo(written.withTestId("id"));
    }

    @Test
    void parsesCoveredAbsentMeansCovered() {
        collector.add("a", "d", Fixtures.packed(Map.of("netconform.target", "udp", "netconform.outcome", "UNSUPPORTED",
                "netconform.covered", "false", "netconform.test", "a")));
        collector.add("b", "d", Fixtures.packed(Map.of("netconform.target", "udp", "netconform.outcome", "PASS",
                "netconform.covered", "true", "netconform.test", "b")));
        collector.add("c", "d", Fixtures.packed(Map.of("netconform.target", "udp", "netconform.outcome", "PASS",
                "netconform.test", "c")));
        List<CaseResult> rs = collector.snapshot(Instant.EPOCH).get(0).results();
        assertThat(rs).extracting(CaseResult::covered).containsExactly(false, true, null);
        assertThat(rs).extracting(CaseResult::inCoveredArea).containsExactly(false, true, true);
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() {
        assertThat(ResultCollector.replaceUnpairedSurrogates("a\uD800b\uDC00c\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
        assertThat(ResultCollector.replaceUnpairedSurrogates("plain")).isSameAs("plain");
        collector.add("id", "d", Fixtures.packed(Map.of("netconform.target", "t", "netconform.outcome", "PASS",
                "netconform.observed", "x\uDBFF")));
        assertThat(collector.snapshot(Instant.EPOCH).get(0).results().get(0).observed()).isEqualTo("x\uFFFD");
    }
}
