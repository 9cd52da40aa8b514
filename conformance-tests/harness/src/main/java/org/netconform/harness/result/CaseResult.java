package org.netconform.harness.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Set;

/**
 * One (test, target) execution, an element of {@code results} in results.json. See RESULTS-SCHEMA.md.
 * Fields the harness did not report are null (absent from the JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"requirements", "test", "testId", "outcome", "covered", "baseline", "baselineWhy", "matchesBaseline",
        "expected", "observed", "reason", "seed", "counterexample", "durationMs", "wireLog", "adapter", "stackTrace", "files", "matrix"})
public record CaseResult(List<String> requirements, String test, String testId, String outcome, String baseline,
                         String baselineWhy, Boolean matchesBaseline, String expected, String observed, String reason,
                         String seed, String counterexample, Long durationMs, String wireLog, Boolean covered,
                         String adapter, String stackTrace, List<FileLink> files, ResultMatrix matrix) {

    public CaseResult {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        files = files == null || files.isEmpty() ? null : List.copyOf(files);
    }

    /** A result without a {@code matrix}: every result but a grid's. */
    public CaseResult(List<String> requirements, String test, String testId, String outcome, String baseline,
                      String baselineWhy, Boolean matchesBaseline, String expected, String observed, String reason,
                      String seed, String counterexample, Long durationMs, String wireLog, Boolean covered,
                      String adapter, String stackTrace, List<FileLink> files) {
        this(requirements, test, testId, outcome, baseline, baselineWhy, matchesBaseline, expected, observed, reason,
                seed, counterexample, durationMs, wireLog, covered, adapter, stackTrace, files, null);
    }

    /** A result without {@code adapter} (an older file): the report groups it by its area alone. */
    public CaseResult(List<String> requirements, String test, String testId, String outcome, String baseline,
                      String baselineWhy, Boolean matchesBaseline, String expected, String observed, String reason,
                      String seed, String counterexample, Long durationMs, String wireLog, Boolean covered) {
        this(requirements, test, testId, outcome, baseline, baselineWhy, matchesBaseline, expected, observed, reason,
                seed, counterexample, durationMs, wireLog, covered, null, null, null, null);
    }

    /** A result without {@code covered} (an older file): the target counts as covering the test's area. */
    public CaseResult(List<String> requirements, String test, String testId, String outcome, String baseline,
                      String baselineWhy, Boolean matchesBaseline, String expected, String observed, String reason,
                      String seed, String counterexample, Long durationMs, String wireLog) {
        this(requirements, test, testId, outcome, baseline, baselineWhy, matchesBaseline, expected, observed, reason,
                seed, counterexample, durationMs, wireLog, null);
    }

    /**
     * Whether the target offers an adapter for the test's area; false only when the harness said so
     * ({@code covered} absent counts as true). Not named isCovered, so Jackson sees only the component.
     */
    /** This result with the platform's unique ID of the test that published it. */
    public CaseResult withTestId(String id) {
        return new CaseResult(requirements, test, id, outcome, baseline, baselineWhy, matchesBaseline, expected,
                observed, reason, seed, counterexample, durationMs, wireLog, covered, adapter, stackTrace, files, matrix);
    }

    /** This result with every text field passed through {@code f} (e.g. to repair what a target sent). */
    public CaseResult mapText(java.util.function.UnaryOperator<String> f) {
        java.util.function.UnaryOperator<String> g = s -> s == null ? null : f.apply(s);
        return new CaseResult(requirements, g.apply(test), testId, outcome, baseline, g.apply(baselineWhy),
                matchesBaseline, g.apply(expected), g.apply(observed), g.apply(reason), seed, g.apply(counterexample),
                durationMs, g.apply(wireLog), covered, adapter, g.apply(stackTrace), files,
                matrix == null ? null : matrix.mapText(f));
    }

    /** This result with another test name (a collector fills in the display name when none was reported). */
    public CaseResult withTest(String name) {
        return new CaseResult(requirements, name, testId, outcome, baseline, baselineWhy, matchesBaseline, expected,
                observed, reason, seed, counterexample, durationMs, wireLog, covered, adapter, stackTrace, files, matrix);
    }

    public boolean inCoveredArea() {
        return !Boolean.FALSE.equals(covered);
    }

    public Outcome judged() {
        return Outcome.judged(outcome);
    }

    /** The result differs from what the target's baseline expects (in either direction). */
    public boolean differsFromBaseline() {
        return Boolean.FALSE.equals(matchesBaseline);
    }

    /** The baseline lists a deviation for this result (it expects something other than the default). */
    public boolean baselineListed() {
        // a listed line always has a why; without one the harness derived the expectation itself
        // (PASS, INFORMATIONAL, or UNSUPPORTED where the adapter declares no such capability)
        return baselineWhy != null && !baselineWhy.isBlank();
    }

    /** The result is a deviation the baseline lists and expects. */
    public boolean matchesListedDeviation() {
        return baselineListed() && Boolean.TRUE.equals(matchesBaseline);
    }
}
