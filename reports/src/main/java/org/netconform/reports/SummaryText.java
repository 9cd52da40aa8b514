package org.netconform.reports;

import org.netconform.harness.result.CaseResult;

import org.netconform.harness.result.Outcome;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few lines the build prints: per target, counts per outcome of the results in the areas it
 * covers and how many results fall in areas it does not cover; baseline differences; the report's
 * path, last.
 */
public final class SummaryText {
    public static final String REPORT_LINE_PREFIX = "netconform report: ";

    private SummaryText() {
    }

    public static List<String> lines(List<TargetResults> targets, Path indexFile) {
        List<String> lines = new ArrayList<>();
        int differing = 0;
        for (TargetResults t : targets) {
            List<CaseResult> covered = t.results().stream().filter(CaseResult::inCoveredArea).toList();
            Map<Outcome, Integer> counts = Aggregate.counts(covered);
            StringBuilder line = new StringBuilder("netconform: ").append(t.target()).append(": ")
                    .append(Verdict.of(t.results()).text()).append("; ")
                    .append(covered.size()).append(" results");
            for (Outcome o : Outcome.values()) {
                line.append(", ").append(o.name()).append(' ').append(counts.getOrDefault(o, 0));
            }
            // every result counts here, covered or not: these are what fail the build
            long d = t.results().stream().filter(CaseResult::differsFromBaseline).count();
            differing += d;
            line.append("; ").append(d).append(" differ from the baseline");
            line.append("; ").append(t.results().size() - covered.size()).append(" not covered");
            lines.add(line.toString());
        }
        lines.add("netconform: " + differing + (differing == 1 ? " result differs" : " results differ")
                + " from the baselines in total");
        lines.add(reportLine(indexFile));
        return lines;
    }

    public static String reportLine(Path indexFile) {
        return REPORT_LINE_PREFIX + indexFile.toAbsolutePath().normalize().toUri();
    }
}
