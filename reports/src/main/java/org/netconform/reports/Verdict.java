package org.netconform.reports;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.netconform.harness.result.CaseResult;
import org.netconform.harness.result.Outcome;

/**
 * A target's verdict, from its results in the areas it covers (its baseline plays no part):
 * <ul>
 *   <li>{@code does-not-conform}: at least one MUST failure (FAIL);</li>
 *   <li>{@code incomplete}: no MUST failure, but ERRORs, or nothing judged at all;</li>
 *   <li>{@code conforms-except-should}: no FAIL or ERROR, some SHOULD not followed (NON_STRICT);</li>
 *   <li>{@code conforms}: no FAIL, NON_STRICT or ERROR, and at least one result judged.</li>
 * </ul>
 * Judged means PASS, FAIL, NON_STRICT or INFORMATIONAL; UNSUPPORTED is not judged.
 */
public record Verdict(Kind kind, int mustFailures, int shouldFailures, int errors, int judged, int results,
                      Map<Outcome, Integer> counts) {

    public enum Kind {
        CONFORMS("conforms", "o-pass"),
        CONFORMS_EXCEPT_SHOULD("conforms-except-should", "o-non-strict"),
        DOES_NOT_CONFORM("does-not-conform", "o-fail"),
        INCOMPLETE("incomplete", "o-error");

        private final String id;
        private final String css;

        Kind(String id, String css) {
            this.id = id;
            this.css = css;
        }

        public String id() {
            return id;
        }

        public String css() {
            return css;
        }
    }

    public static Verdict of(List<CaseResult> all) {
        List<CaseResult> covered = all.stream().filter(CaseResult::inCoveredArea).toList();
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        covered.forEach(r -> counts.merge(r.judged(), 1, Integer::sum));
        int fail = counts.get(Outcome.FAIL);
        int nonStrict = counts.get(Outcome.NON_STRICT);
        int error = counts.get(Outcome.ERROR);
        int judged = counts.get(Outcome.PASS) + fail + nonStrict + counts.get(Outcome.INFORMATIONAL);
        Kind k = fail > 0 ? Kind.DOES_NOT_CONFORM
                : error > 0 || judged == 0 ? Kind.INCOMPLETE
                : nonStrict > 0 ? Kind.CONFORMS_EXCEPT_SHOULD : Kind.CONFORMS;
        return new Verdict(k, fail, nonStrict, error, judged, covered.size(), counts);
    }

    /** e.g. "does not conform (3 MUST failures)", "incomplete (2 ERRORs)", "incomplete (nothing judged)". */
    public String text() {
        return switch (kind) {
            case CONFORMS -> "conforms";
            case CONFORMS_EXCEPT_SHOULD -> "conforms except SHOULDs (" + plural(shouldFailures, "SHOULD not followed",
                    "SHOULDs not followed") + ")";
            case DOES_NOT_CONFORM -> "does not conform (" + plural(mustFailures, "MUST failure", "MUST failures")
                    + (errors > 0 ? ", " + plural(errors, "ERROR", "ERRORs") : "") + ")";
            case INCOMPLETE -> judged == 0 ? "incomplete (nothing judged" + (errors > 0 ? ", "
                    + plural(errors, "ERROR", "ERRORs") : "") + ")" : "incomplete (" + plural(errors, "ERROR", "ERRORs") + ")";
        };
    }

    /** Whether the target conforms fully: what --strict asks of every selected target. */
    public boolean strictPass() {
        return kind == Kind.CONFORMS;
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
