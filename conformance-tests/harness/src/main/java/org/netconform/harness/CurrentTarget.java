package org.netconform.harness;

import java.util.function.Supplier;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/**
 * The target under test for the running execution. Kept per thread, and also process-wide because
 * jqwik shrinks a falsified property on a worker thread of its own; jqwik runs properties one at a
 * time, so the process-wide value is the one being shrunk.
 */
public final class CurrentTarget {
    private static final ThreadLocal<Target> CURRENT = new ThreadLocal<>();
    private static volatile Target lastStarted;
    /** The target of the last execution that ended: jqwik re-resolves a failed property's sample for its report after it. */
    private static volatile Target lastEnded;

    private CurrentTarget() {
    }

    static <T> T with(Target target, Supplier<T> body) {
        return with(target, body, true);
    }

    /**
     * As {@link #with(Target, Supplier)}; {@code processWide} false keeps the target to this thread only.
     * Jupiter executions (which the client suite runs concurrently) use that: saving and restoring the
     * process-wide value from concurrent executions would leave a finished execution's target behind
     * for the jqwik properties that run afterwards.
     */
    static <T> T with(Target target, Supplier<T> body, boolean processWide) {
        if (!processWide) {
            Target before = CURRENT.get();
            CURRENT.set(target);
            try {
                return body.get();
            } finally {
                CURRENT.set(before);
            }
        }
        Target before = CURRENT.get();
        Target lastBefore = lastStarted;
        CURRENT.set(target);
        lastStarted = target;
        try {
            return body.get();
        } finally {
            CURRENT.set(before);
            lastStarted = lastBefore;
            lastEnded = target;
        }
    }

    /**
     * Runs {@code body} on this thread as work for {@code target}: for what a suite does on threads of its
     * own on a target's behalf (a wait that runs while other checks do). The target is kept to this
     * thread, never made process-wide.
     */
    public static <T> T on(Target target, Supplier<T> body) {
        return with(target, body, false);
    }

    public static Target get() {
        Target t = CURRENT.get();
        if (t == null) {
            t = lastStarted;
        }
        if (t == null) {
            t = lastEnded;
        }
        if (t == null) {
            throw new IllegalStateException("no target: this runs only inside a conformance execution");
        }
        return t;
    }

    /** The current target's adapter of this type; the harness checked it exists before the body ran. */
    public static <A extends AreaAdapter> A adapter(Class<A> type) {
        Target t = get();
        return t.adapter(type).orElseThrow(() -> new IllegalStateException(t.id() + " has no " + type.getSimpleName()));
    }
}
