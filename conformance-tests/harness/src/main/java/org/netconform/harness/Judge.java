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
        return judge(target, tc, outcome, reason, null, durationMs, seen, seed, counterexample);
    }

    /**
     * As above, with the stack trace of an unexpected exception (kept apart from the reason: the report writes
     * it to a log file it links, the console never shows it). Every text is made {@link Values#printable}.
     */
    public static PublishedResult judge(Target target, TestCase tc, Outcome outcome, String reason, String stackTrace,
                                        long durationMs, Observation seen, String seed, String counterexample) {
        Baseline baseline = Baselines.of(target);
        // a baseline speaks for the tests the target can run; a test of an area the target offers no
        // adapter for is UNSUPPORTED whatever its line says (several suites may check one ID)
        // nor for a target that cannot run here at all (a runtime or a port it needs is missing): UNSUPPORTED
        // with that reason, whatever the baseline lists for when it runs
        Optional<Baseline.Entry> entry = !tc.coveredBy(target) || !tc.availableOn(target) ? Optional.empty()
                : tc.ids().stream().map(id -> baseline.lookup(id, tc.method())).flatMap(Optional::stream).findFirst();
        Outcome expected = entry.map(Baseline.Entry::outcome).orElseGet(() -> outcome == Outcome.UNSUPPORTED
                ? Outcome.UNSUPPORTED : tc.informational() ? Outcome.INFORMATIONAL : Outcome.PASS);
        String wireLog = spillLongWireLog(target, tc, seen);
        CaseResult result = new CaseResult(tc.ids(), tc.name(), null, outcome.name(), expected.name(),
                entry.map(Baseline.Entry::why).orElse(null), outcome == expected, seen.expectedText(),
                seen.observedText(), reason, seed, counterexample, durationMs, wireLog, tc.coveredBy(target),
                tc.adapterTypes().isEmpty() ? null : String.join(",", tc.adapterTypes().stream().map(Class::getSimpleName).toList()),
                stackTrace, seen.fileLinks(), seen.matrixValue()).mapText(Values::printable);
        return new PublishedResult(target.id(), target.description(), result);
    }

    /**
     * The reason to show for a throwable: its message; for an ERROR from an unexpected exception its type and
     * message, and those of its root cause (the stack trace is kept apart, {@link #stackTrace}). A
     * {@link NoAnswer} is its message alone.
     */
    public static String reason(Outcome outcome, Throwable thrown) {
        if (thrown == null) {
            return null;
        }
        if (thrown instanceof NoAnswer) {
            return String.valueOf(thrown.getMessage()).strip();
        }
        String message = thrown.getClass().getSimpleName() + ": " + thrown.getMessage();
        if (outcome != Outcome.ERROR) {
            return thrown instanceof AssertionError || thrown instanceof TestAbortedException
                    ? String.valueOf(thrown.getMessage()).strip() : message;
        }
        Throwable root = thrown;
        for (int i = 0; i < 20 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        return root == thrown ? message : message + " (caused by " + root.getClass().getSimpleName() + ": "
                + root.getMessage() + ")";
    }

    /** Wire logs longer than this go to a file of their own ({@code wire/<test>.txt}), linked from the result. */
    static final int INLINE_WIRE_LOG = 8 * 1024;

    /**
     * The wire log to keep in the result: the whole log when short; otherwise its start, with the whole log in
     * {@code wire/<test>.txt} beside the target's results.json (linked), so a report stays small.
     */
    private static String spillLongWireLog(Target target, TestCase tc, Observation seen) {
        String log = seen.wireLogText();
        if (log == null || log.length() <= INLINE_WIRE_LOG) {
            return log;
        }
        String file = "wire/" + org.netconform.harness.result.ReportFiles.fileName(tc.name(), ".txt");
        return org.netconform.harness.result.ReportFiles.write(target.id(), file, log).map(path -> {
            seen.addFile("whole wire log (" + log.length() / 1024 + " KiB)", path);
            int cut = log.lastIndexOf('\n', 2048);
            return log.substring(0, cut > 0 ? cut + 1 : 2048) + "... (" + (log.length() - (cut > 0 ? cut + 1 : 2048))
                    + " more characters in " + path + ")\n";
        }).orElse(log);
    }

    /** The stack trace of an unexpected exception behind an ERROR (at most 16 000 characters), else null. */
    public static String stackTrace(Outcome outcome, Throwable thrown) {
        if (thrown == null || outcome != Outcome.ERROR || thrown instanceof NoAnswer) {
            return null;
        }
        StringWriter w = new StringWriter();
        thrown.printStackTrace(new PrintWriter(w));
        String trace = w.toString();
        return trace.length() > 16_000 ? trace.substring(0, 16_000) + "..." : trace;
    }

    /** Text as one line of at most {@code max} characters, for the console. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String s = Values.printable(text.strip()).replaceAll("\\s*\\n\\s*", " / ");
        return s.length() <= max ? s : s.substring(0, max) + "...";
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
                    + oneLine(r.reason(), 300) + " (if this is a real deviation of " + target + ", record it in its baseline ("
                    + file + "; for a URL or a target of your own: --baseline FILE / -Dnetconform.baseline=FILE): "
                    + r.requirements().get(0) + "@" + method + "  " + r.outcome() + "  <one line of why>)";
        } else {
            msg = "[" + target + "] " + ids + " observed " + r.outcome() + ", but the baseline (" + file
                    + ") expects " + r.baseline() + " (" + oneLine(r.baselineWhy(), 120) + ")"
                    + (r.reason() == null ? "" : ": " + oneLine(r.reason(), 300))
                    + " (the listed deviation no longer occurs as recorded: update or remove its line)";
        }
        return new Mismatch(msg, original);
    }

    /**
     * A result that differs from the baseline: one line (what the console shows, once per test and target),
     * no stack trace; the report has the rest. The original throwable, if any, is kept as its cause.
     */
    static final class Mismatch extends AssertionError {
        private static final long serialVersionUID = 1L;

        Mismatch(String message, Throwable cause) {
            super(message);
            if (cause != null) {
                initCause(cause);
            }
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            setStackTrace(new StackTraceElement[0]);
            return this;
        }
    }
}
