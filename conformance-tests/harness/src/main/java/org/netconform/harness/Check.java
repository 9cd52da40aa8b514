package org.netconform.harness;

import java.util.List;
import java.util.Objects;

/**
 * A check states an expectation once and carries its own evidence: what was expected, what was
 * observed, and whether that decides a pass. A failed check throws an {@link AssertionError} whose
 * evidence the judge reports (FAIL for a MUST, NON_STRICT for a SHOULD); a passed check leaves its
 * evidence on the execution, so the report shows exactly what decided a PASS too. The requirement ID
 * comes from the test's {@code @Requirement}, never from the check's text.
 */
public final class Check {
    private Check() {
    }

    /** Passes when {@code observed} equals {@code expected}. */
    public static void equal(String what, Object expected, Object observed) {
        decide(what, Values.describe(expected), Values.describe(observed), Objects.equals(expected, observed));
    }

    /** Passes when {@code ok} holds; {@code expectation} says in words what was required of {@code observed}. */
    public static void that(String expectation, Object observed, boolean ok) {
        decide(null, expectation, Values.describe(observed), ok);
    }

    /**
     * Passes when {@code ok} holds, as {@link #that(String, Object, boolean)}; a failure's reason is
     * {@code whyNot}, a short summary, where {@code observed} is long (every case of a run, a line each).
     */
    public static void that(String expectation, Object observed, boolean ok, String whyNot) {
        Observation.expected(expectation);
        Observation.observed(Values.describe(observed));
        if (!ok) {
            throw new AssertionError(whyNot);
        }
    }

    /**
     * Passes when no problem was found. Each of {@code problems} is one way what was observed departed
     * from {@code expectation}; the report lists them a line each, or {@code whenNone} when there are none.
     */
    public static void all(String expectation, List<String> problems, String whenNone) {
        decide(null, expectation, problems.isEmpty() ? whenNone : String.join("\n", problems), problems.isEmpty());
    }

    /** Records what an INFO requirement observed: its whole result. */
    public static void record(String what, Object observed) {
        Observation.expected(what);
        Observation.observed(Values.describe(observed));
    }

    private static void decide(String what, String expected, String observed, boolean ok) {
        String exp = what == null ? expected : what + ": " + expected;
        Observation.expected(exp);
        Observation.observed(observed);
        if (!ok) {
            throw new AssertionError("expected " + exp + ", observed " + observed);
        }
    }
}
