package org.netconform.harness;

import java.util.Optional;
import org.netconform.harness.result.Outcome;
import org.netconform.harness.result.PublishedResult;
import org.netconform.spi.Target;

/**
 * Runs one test against one target: checks that the target can run it, runs the body with a fresh
 * {@link Observation}, times it and judges it. Shared by the Jupiter extension and the jqwik hook.
 */
final class TargetExecution {
    /** The body of one execution: returns the throwable it ended with, or null. */
    interface Body {
        Throwable run();
    }

    /** What the body produced besides its throwable (property-based tests add seed and counterexample). */
    record Extras(String seed, String counterexample) {
        static final Extras NONE = new Extras(null, null);
    }

    private TargetExecution() {
    }

    static PublishedResult run(Target target, TestCase tc, Body body, java.util.function.Supplier<Extras> extras) {
        return run(target, tc, body, extras, true);
    }

    /** {@code processWide}: see {@link CurrentTarget#with(Target, java.util.function.Supplier, boolean)}. */
    static PublishedResult run(Target target, TestCase tc, Body body, java.util.function.Supplier<Extras> extras,
                               boolean processWide) {
        Optional<String> unsupported = tc.unsupportedReason(target);
        if (unsupported.isPresent()) {
            return Judge.judge(target, tc, Outcome.UNSUPPORTED, unsupported.get(), 0, Observation.begin(), null, null);
        }
        Observation.begin();
        long start = System.nanoTime();
        Throwable thrown = CurrentTarget.with(target, body::run, processWide);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Observation seen = Observation.end();
        Outcome outcome = Judge.classify(tc, thrown);
        Extras x = extras.get();
        return Judge.judge(target, tc, outcome, Judge.reason(outcome, thrown), ms, seen, x.seed(), x.counterexample());
    }
}
