package org.netconform.reports;

import org.netconform.harness.result.CaseResult;

import org.netconform.harness.result.Outcome;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Aggregates the results of one requirement at one target into a matrix cell. */
final class Aggregate {
    static final String NOT_RUN = "not run";
    static final String NOT_RUN_CSS = "o-not-run";

    private Aggregate() {
    }

    /** The worst outcome, by {@link Outcome#severity()}; null when there are no results. */
    static Outcome worst(List<CaseResult> results) {
        return results.stream().map(CaseResult::judged).reduce(Outcome::worse).orElse(null);
    }

    /** Counts per outcome, in the outcomes' documented order. */
    static Map<Outcome, Integer> counts(List<CaseResult> results) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (CaseResult r : results) {
            counts.merge(r.judged(), 1, Integer::sum);
        }
        return counts;
    }

    /** e.g. {@code PASS 3 · UNSUPPORTED 1}. */
    static String countsText(Map<Outcome, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue())
                .collect(Collectors.joining(" · "));
    }

    static Views.Cell cell(List<CaseResult> results, String href) {
        if (results.isEmpty()) {
            return new Views.Cell(NOT_RUN_CSS, NOT_RUN, "", false, true, false, 0, false, href, "no result");
        }
        Outcome worst = worst(results);
        Map<Outcome, Integer> counts = counts(results);
        boolean mixed = counts.size() > 1;
        // counts only when they say something: a cell whose results all agree shows just the outcome
        String countsText = mixed ? countsText(counts) : "";
        boolean baseline = results.stream().anyMatch(CaseResult::matchesListedDeviation);
        int differing = (int) results.stream().filter(CaseResult::differsFromBaseline).count();
        String title = results.stream().filter(CaseResult::baselineListed).map(CaseResult::baselineWhy)
                .filter(Objects::nonNull).distinct().map(w -> "baseline: " + w).collect(Collectors.joining("\n"));
        return new Views.Cell(worst.css(), worst.name(), countsText, mixed, false, baseline, differing,
                differing > 0, href, title.isEmpty() ? worst.meaning() : title);
    }
}
