package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.netconform.harness.Observation;

/**
 * The lines a NAT check writes to its execution's wire log. What the classifier learns is kept for the
 * rest of the run (see {@link NatFacts}) together with the lines that showed it, so a later check that
 * uses the finding shows the same evidence without probing the NAT again.
 *
 * <p>Two ways to write less: {@link #quietly} drops the lines of a section altogether (a lifetime search
 * of many labs, whose caller writes a summary; the model's side of the comparison); while a NAT property
 * runs ({@link #duringProperty}) lines are still collected for findings but not written, because one
 * execution spans every try and every shrinking step, and the counterexample with its check says what
 * failed.
 */
final class NatEvidence {
    private static final ThreadLocal<List<String>> CAPTURE = new ThreadLocal<>();
    private static final ThreadLocal<Integer> SILENT = ThreadLocal.withInitial(() -> 0);
    /** Lines of work done aside (on a thread of its own): collected for a later check, written to no log. */
    private static final ThreadLocal<Boolean> ASIDE = ThreadLocal.withInitial(() -> false);
    /** Process-wide, since jqwik may shrink on a worker thread; jqwik runs one property at a time. */
    private static volatile boolean propertyRunning;

    private NatEvidence() {
    }

    /** A finding and the lines that showed it. */
    record Learned<T>(T value, List<String> lines) {
        /** Writes the lines again, marked as learned earlier in the run, and returns the value. */
        T replay() {
            line("-- learned earlier in this run:");
            lines.forEach(l -> line("   " + l));
            return value;
        }
    }

    static void line(String text) {
        if (SILENT.get() > 0) {
            return;
        }
        List<String> capture = CAPTURE.get();
        if (capture != null) {
            capture.add(text);
        }
        if (!propertyRunning && !ASIDE.get()) {
            Observation.wire(text);
        }
    }

    /** Runs {@code body}, collecting the lines it writes (they also go to the wire log as usual). */
    static <T> Learned<T> learn(Supplier<T> body) {
        List<String> outer = CAPTURE.get();
        List<String> mine = new ArrayList<>();
        CAPTURE.set(mine);
        try {
            T value = body.get();
            return new Learned<>(value, List.copyOf(mine));
        } finally {
            CAPTURE.set(outer);
            if (outer != null) {
                outer.addAll(mine);
            }
        }
    }

    /**
     * As {@link #learn}, for work that runs aside, on a thread of its own ({@link NatLongWaits}): the
     * lines are collected only, for the check that takes the finding to write.
     */
    static <T> Learned<T> learnAside(Supplier<T> body) {
        ASIDE.set(true);
        try {
            return learn(body);
        } finally {
            ASIDE.set(false);
        }
    }

    /** Runs {@code body} without writing or collecting its lines. */
    static <T> T quietly(Supplier<T> body) {
        SILENT.set(SILENT.get() + 1);
        try {
            return body.get();
        } finally {
            SILENT.set(SILENT.get() - 1);
        }
    }

    /** Runs a property's execution: lines are collected for findings, not written to the wire log. */
    static <T> T duringProperty(Supplier<T> body) {
        boolean before = propertyRunning;
        propertyRunning = true;
        try {
            return body.get();
        } finally {
            propertyRunning = before;
        }
    }
}
