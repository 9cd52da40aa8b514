package org.netconform.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netconform.reports.SummaryJson;

/**
 * Two shards of a run, merged, give the verdicts and counts of the same run in one piece; and the
 * merged report's pages parse and every link in them resolves.
 */
class ShardMergeTest {
    static final String TARGETS = "jdk-bytebuffer,guava-primitives,netty-websocket,java-websocket";
    static final String AREAS = "byte-order,websocket";

    private Map<Object, Object> saved;

    @BeforeEach
    void save() {
        saved = Map.copyOf(System.getProperties());
    }

    @AfterEach
    void restore() {
        System.getProperties().keySet().removeIf(k -> !saved.containsKey(k));
        System.getProperties().putAll(saved);
    }

    private int run(String... args) {
        System.getProperties().keySet().removeIf(k -> k.toString().startsWith("netconform.") && !saved.containsKey(k));
        return Netconform.execute(args);
    }

    @Test
    void twoShardsMergedGiveTheVerdictsOfOneRun(@TempDir Path tmp) throws Exception {
        int whole = run("run", "--target", TARGETS, "--area", AREAS, "--report", tmp.resolve("whole").toString(),
                "--progress", "none");
        int first = run("run", "--target", TARGETS, "--area", AREAS, "--shard", "1/2", "--report",
                tmp.resolve("s1").toString(), "--progress", "none");
        int second = run("run", "--target", TARGETS, "--area", AREAS, "--shard", "2/2", "--report",
                tmp.resolve("s2").toString(), "--progress", "none");
        int merged = run("merge", tmp.resolve("s1").toString(), tmp.resolve("s2").toString(), "--report",
                tmp.resolve("merged").toString());

        assertThat(List.of(whole, first, second, merged)).as("exit codes").containsExactly(0, 0, 0, 0);
        SummaryJson.Summary one = SummaryJson.read(tmp.resolve("whole/summary.json"));
        SummaryJson.Summary two = SummaryJson.read(tmp.resolve("merged/summary.json"));
        assertThat(view(two)).isEqualTo(view(one));
        assertThat(two.shards()).containsExactly("1/2", "2/2");
        // each shard ran a part of the work, not all of it
        int total = one.targets().stream().mapToInt(t -> t.results() + t.notCovered()).sum();
        int part = SummaryJson.read(tmp.resolve("s1/summary.json")).targets().stream()
                .mapToInt(t -> t.results() + t.notCovered()).sum();
        assertThat(part).isPositive().isLessThan(total);

        ReportPages.checkEveryPageAndLink(tmp.resolve("merged"));
    }

    private static Map<String, String> view(SummaryJson.Summary s) {
        return s.targets().stream().collect(Collectors.toMap(SummaryJson.TargetSummary::target,
                t -> t.verdictText() + " " + t.counts() + " " + t.areas() + " notCovered=" + t.notCovered()
                        + " known=" + t.knownDeviations()));
    }
}
