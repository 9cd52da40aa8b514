package org.netconform.reports;

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
                        collector.add("id-" + thread + "-" + i, "display", Map.of(
                                "netconform.target", thread % 2 == 0 ? "reference" : "netty",
                                "netconform.requirements", "BO-ORDER-1",
                                "netconform.outcome", "PASS"));
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
    void ignoresEntriesWithoutTarget() {
        assertThat(collector.add("id", "d", Map.of("netconform.outcome", "FAIL"))).isFalse();
        assertThat(collector.add("id", "d", Map.of("netconform.target", " "))).isFalse();
        assertThat(collector.isEmpty()).isTrue();
    }

    @Test
    void fallsBackToDisplayNameAndParsesFields() {
        collector.add("[engine:x]/[method:m]", "m()", Map.of("netconform.target", "reference",
                "netconform.requirements", " BO-ORDER-1, ,BO-ORDER-2,BO-ORDER-1",
                "netconform.outcome", "pass", "netconform.durationMs", "not a number",
                "netconform.matchesBaseline", "TRUE"));
        CaseResult r = collector.snapshot(Instant.EPOCH).get(0).results().get(0);
        assertThat(r.test()).isEqualTo("m()");
        assertThat(r.testId()).isEqualTo("[engine:x]/[method:m]");
        assertThat(r.requirements()).containsExactly("BO-ORDER-1", "BO-ORDER-2");
        assertThat(r.outcome()).isEqualTo("PASS");
        assertThat(r.durationMs()).isNull();
        assertThat(r.matchesBaseline()).isTrue();
        assertThat(r.baseline()).isNull();
    }

    @Test
    void aMissingOrUnknownOutcomeIsAnError() {
        collector.add("a", "a", Map.of("netconform.target", "t", "netconform.test", "a"));
        collector.add("b", "b", Map.of("netconform.target", "t", "netconform.test", "b",
                "netconform.outcome", "MAYBE", "netconform.reason", "x"));
        List<CaseResult> rs = collector.snapshot(Instant.EPOCH).get(0).results();
        assertThat(rs).extracting(CaseResult::outcome).containsExactly("ERROR", "ERROR");
        assertThat(rs.get(0).reason()).isEqualTo("the harness reported no outcome");
        assertThat(rs.get(1).reason()).isEqualTo("the harness reported an unknown outcome 'MAYBE'; x");
    }

    @Test
    void unpacksTheHarnessSingleEntryForm() throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("netconform.target", "netty");
        p.setProperty("netconform.requirements", "BO-UNSIGNED-1");
        p.setProperty("netconform.outcome", "FAIL");
        p.setProperty("netconform.wirelog", "line 1\nline <2>");
        java.io.StringWriter w = new java.io.StringWriter();
        p.store(w, null);
        assertThat(collector.add("id", "d", Map.of("netconform.result", w.toString()))).isTrue();
        CaseResult r = collector.snapshot(Instant.EPOCH).get(0).results().get(0);
        assertThat(r.outcome()).isEqualTo("FAIL");
        assertThat(r.wireLog()).isEqualTo("line 1\nline <2>");
    }

    @Test
    void parsesCoveredAbsentMeansCovered() {
        collector.add("a", "d", Map.of("netconform.target", "udp", "netconform.outcome", "UNSUPPORTED",
                "netconform.covered", "false", "netconform.test", "a"));
        collector.add("b", "d", Map.of("netconform.target", "udp", "netconform.outcome", "PASS",
                "netconform.covered", "true", "netconform.test", "b"));
        collector.add("c", "d", Map.of("netconform.target", "udp", "netconform.outcome", "PASS", "netconform.test", "c"));
        List<CaseResult> rs = collector.snapshot(Instant.EPOCH).get(0).results();
        assertThat(rs).extracting(CaseResult::covered).containsExactly(false, true, null);
        assertThat(rs).extracting(CaseResult::inCoveredArea).containsExactly(false, true, true);
    }
}
