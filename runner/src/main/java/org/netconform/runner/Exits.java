package org.netconform.runner;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.netconform.harness.result.CaseResult;
import org.netconform.reports.TargetResults;
import org.netconform.reports.Verdict;

/**
 * The exit code of a run or a merge, from its results: by default non-zero on any result that differs
 * from its baseline (in either direction); with strict, non-zero when any selected target does not
 * conform fully, baseline or not; and always non-zero when a selected target had nothing judged.
 */
final class Exits {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Exits() {
    }

    /** Prints the verdict lines and returns the exit code. {@code selected} null: every target present. */
    static int verdicts(List<TargetResults> results, List<String> selected, boolean strict, boolean checkNothingJudged,
                        PrintStream out) {
        List<String> reasons = new ArrayList<>();
        int width = results.stream().mapToInt(t -> t.target().length()).max().orElse(10);
        out.println("netconform: verdicts" + (strict ? " (strict)" : "") + ":");
        for (TargetResults t : results) {
            Verdict v = Verdict.of(t.results());
            long differ = t.results().stream().filter(CaseResult::differsFromBaseline).count();
            long known = t.results().stream().filter(CaseResult::matchesListedDeviation).count();
            out.printf("  %-" + width + "s  %-58s %s%n", t.target(), v.text(),
                    differ > 0 ? differ + " differ from the baseline" : known > 0 ? known + " known deviations, as in the baseline"
                            : "as the baseline expects");
            if (differ > 0) {
                reasons.add(t.target() + ": " + differ + (differ == 1 ? " result differs" : " results differ") + " from the baseline");
            }
            if (strict && !v.strictPass()) {
                reasons.add(t.target() + ": " + v.text() + " (--strict)");
            }
            if (v.errors() > 0) {
                t.results().stream().filter(CaseResult::inCoveredArea)
                        .filter(r -> r.judged() == org.netconform.harness.result.Outcome.ERROR && r.reason() != null)
                        .collect(java.util.stream.Collectors.groupingBy(r -> r.reason().lines().findFirst().orElse(""),
                                java.util.stream.Collectors.counting()))
                        .entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                        .forEach(e -> out.printf("  %-" + width + "s    ERROR ×%d: %s%n", "", e.getValue(),
                                e.getKey().length() > 160 ? e.getKey().substring(0, 159) + "…" : e.getKey()));
            }
            if (checkNothingJudged && v.judged() == 0 && (selected == null || selected.contains(t.target()))) {
                reasons.add(t.target() + ": nothing judged (" + v.results() + " results in the areas it covers): "
                        + "a selected target must be judged on something; check --area, --requirement, --case and its adapters");
            }
        }
        if (selected != null && checkNothingJudged) {
            for (String s : selected) {
                if (results.stream().noneMatch(t -> t.target().equals(s))) {
                    reasons.add(s + ": no result at all: no selected case ran against it (check --area, --requirement, --case)");
                }
            }
        }
        if (reasons.isEmpty()) {
            out.println("netconform: PASS: " + (strict ? "every selected target conforms" : "every result is what its baseline expects"));
            return OK;
        }
        out.println("netconform: FAILED:");
        reasons.forEach(r -> out.println("  " + r));
        return FAILED;
    }
}
