package org.netconform.harness;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.opentest4j.TestAbortedException;
import org.netconform.harness.result.CaseResult;
import org.netconform.harness.result.Outcome;
import org.netconform.harness.result.PublishedResult;
import org.netconform.spi.Target;

/**
 * Turns what happened in one execution into an outcome, and compares it with the target's baseline.
 * A broken assertion is a FAIL (MUST) or NON_STRICT (SHOULD, MAY); an abort is UNSUPPORTED; anything
 * else thrown means the harness got no answer and is an ERROR. Suites turn a target's wrong exception
 * into an assertion when the exception is the wrong answer.
 */
public final class Judge {
    private Judge() {
    }

    public static Outcome classify(TestCase tc, Throwable thrown) {
        if (thrown == null) {
            return tc.informational() ? Outcome.INFORMATIONAL : Outcome.PASS;
        }
        if (thrown instanceof TestAbortedException) {
            return Outcome.UNSUPPORTED;
        }
        if (thrown instanceof AssertionError && !tc.informational()) {
            return tc.brokenOutcome();
        }
        return Outcome.ERROR;
    }

    public static PublishedResult judge(Target target, TestCase tc, Outcome outcome, String reason, long durationMs,
                                        Observation seen, String seed, String counterexample) {
        Baseline baseline = Baselines.of(target);
        // a baseline speaks for the tests the target can run; a test of an area the target offers no
        // adapter for is UNSUPPORTED whatever its line says (several suites may check one ID)
        Optional<Baseline.Entry> entry = !tc.coveredBy(target) ? Optional.empty()
                : tc.ids().stream().map(id -> baseline.lookup(id, tc.method())).flatMap(Optional::stream).findFirst();
        Outcome expected = entry.map(Baseline.Entry::outcome).orElseGet(() -> outcome == Outcome.UNSUPPORTED
                ? Outcome.UNSUPPORTED : tc.informational() ? Outcome.INFORMATIONAL : Outcome.PASS);
        CaseResult result = new CaseResult(tc.ids(), tc.name(), null, outcome.name(), expected.name(),
                entry.map(Baseline.Entry::why).orElse(null), outcome == expected, seen.expectedText(),
                seen.observedText(), reason, seed, counterexample, durationMs, seen.wireLogText(), tc.coveredBy(target),
                tc.adapterTypes().isEmpty() ? null : String.join(",", tc.adapterTypes().stream().map(Class::getSimpleName).toList()));
        return new PublishedResult(target.id(), target.description(), result);
    }

    /** The reason to show for a throwable: its message, or for an ERROR the start of its stack trace. */
    public static String reason(Outcome outcome, Throwable thrown) {
        if (thrown == null) {
            return null;
        }
        String message = thrown.getClass().getSimpleName() + ": " + thrown.getMessage();
        if (outcome != Outcome.ERROR) {
            return thrown instanceof AssertionError || thrown instanceof TestAbortedException
                    ? String.valueOf(thrown.getMessage()).strip() : message;
        }
        StringWriter w = new StringWriter();
        thrown.printStackTrace(new PrintWriter(w));
        String trace = w.toString();
        return trace.length() > 4000 ? trace.substring(0, 4000) + "..." : trace;
    }

    /** Null when the result is what the baseline expects; otherwise the failure that fails the build. */
    public static AssertionError mismatch(PublishedResult published, Throwable original) {
        CaseResult r = published.result();
        if (published.matchesBaseline()) {
            Outcome o = published.outcome();
            if (RunOptions.strict() && (o == Outcome.FAIL || o == Outcome.NON_STRICT || o == Outcome.ERROR)) {
                AssertionError e = new AssertionError("[" + published.target() + "] " + String.join(",", r.requirements())
                        + " " + o + (r.baselineWhy() == null ? "" : " (baseline: " + r.baselineWhy() + ")")
                        + (r.reason() == null ? "" : ": " + r.reason())
                        + "\n  --strict / -Dnetconform.strict=true: the target does not conform, baseline or not.");
                if (original != null) {
                    e.initCause(original);
                }
                return e;
            }
            return null;
        }
        String target = published.target();
        String ids = String.join(",", r.requirements());
        String method = r.test().substring(r.test().lastIndexOf('.') + 1);
        String file = RunOptions.get(RunOptions.BASELINE) != null ? RunOptions.get(RunOptions.BASELINE)
                : Baseline.resourceFor(target);
        String msg;
        if (r.baselineWhy() == null) {
            msg = "[" + target + "] " + ids + " observed " + r.outcome() + ", expected " + r.baseline() + ": "
                    + r.reason() + "\n  If this is a real deviation of " + target + ", record it in its baseline ("
                    + file + "; for a URL or a target of your own: --baseline FILE / -Dnetconform.baseline=FILE):\n    " + r.requirements().get(0) + "@" + method + "  " + r.outcome()
                    + "  <one line of why>";
        } else {
            msg = "[" + target + "] " + ids + " observed " + r.outcome() + ", but the baseline (" + file
                    + ") expects " + r.baseline() + " (" + r.baselineWhy() + ")"
                    + (r.reason() == null ? "" : ": " + r.reason())
                    + "\n  The listed deviation no longer occurs as recorded: update or remove its line.";
        }
        AssertionError e = new AssertionError(msg);
        if (original != null) {
            e.initCause(original);
        }
        return e;
    }
}
