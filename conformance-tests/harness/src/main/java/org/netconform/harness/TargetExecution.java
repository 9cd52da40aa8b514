package org.netconform.harness;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.FaultReporting;
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

    /** Opens a case on each of the test's adapters that reports faults of its own (out-of-process targets). */
    private static List<FaultReporting.Case> openCases(Target target, TestCase tc) {
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<FaultReporting.Case> cases = new ArrayList<>();
        for (Class<? extends AreaAdapter> type : tc.adapterTypes()) {
            target.adapter(type).filter(a -> a instanceof FaultReporting).filter(seen::add)
                    .ifPresent(a -> cases.add(((FaultReporting) a).openCase(tc.name())));
        }
        return cases;
    }

    private static Optional<String> closeCases(List<FaultReporting.Case> cases) {
        List<String> faults = new ArrayList<>();
        for (FaultReporting.Case c : cases) {
            c.close().ifPresent(faults::add);
        }
        return faults.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", faults));
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
        if (RunDeadline.passed()) {
            return Judge.judge(target, tc, Outcome.ERROR, RunDeadline.notRunReason(), 0, Observation.begin(), null, null);
        }
        for (Class<? extends AreaAdapter> type : tc.adapterTypes()) {
            Optional<String> down = target.adapter(type).flatMap(a -> Preflight.adapterDown(target, type, a));
            if (down.isPresent()) {
                return Judge.judge(target, tc, Outcome.ERROR, down.get(), 0, Observation.begin(), null, null);
            }
        }
        Observation.begin(tc);
        List<FaultReporting.Case> cases = openCases(target, tc);
        long start = System.nanoTime();
        Throwable thrown = CurrentTarget.with(target, body::run, processWide);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Optional<String> fault = closeCases(cases);
        Observation seen = Observation.end();
        Extras x = extras.get();
        if (fault.isPresent()) {
            // the target failed by itself: no verdict, whatever the suite made of what it got
            return Judge.judge(target, tc, Outcome.ERROR, fault.get(), ms, seen, x.seed(), x.counterexample());
        }
        Outcome outcome = Judge.classify(tc, thrown);
        return Judge.judge(target, tc, outcome, Judge.reason(outcome, thrown), Judge.stackTrace(outcome, thrown), ms, seen,
                x.seed(), x.counterexample());
    }
}
