package org.netconform.harness;

import java.util.function.Supplier;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/**
 * The target under test for the running execution. Kept per thread, and also process-wide because
 * jqwik shrinks a falsified property on a worker thread of its own; jqwik runs properties one at a
 * time, so the most recently started execution still running is the one being shrunk. Executions of
 * the client suite run concurrently (Jupiter), so the process-wide view is the set of executions
 * still running, not a single saved-and-restored value: restoring one would, when executions end in
 * another order than they began, leave a finished execution's target behind for the next property.
 */
public final class CurrentTarget {
    private static final ThreadLocal<Target> CURRENT = new ThreadLocal<>();
    private static final java.util.concurrent.ConcurrentLinkedDeque<Target> RUNNING =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    /**
     * The target of the execution that started last, kept after it ended: a UDP property asks for its
     * target once outside any execution (when jqwik sets it up), and got this value before executions
     * ran concurrently. Only used when no execution is running.
     */
    private static volatile Target lastStarted;

    private CurrentTarget() {
    }

    static <T> T with(Target target, Supplier<T> body) {
        Target before = CURRENT.get();
        CURRENT.set(target);
        RUNNING.addLast(target);
        lastStarted = target;
        try {
            return body.get();
        } finally {
            CURRENT.set(before);
            RUNNING.removeLastOccurrence(target);
        }
    }

    public static Target get() {
        Target t = CURRENT.get();
        if (t == null) {
            t = RUNNING.peekLast();
        }
        if (t == null) {
            t = lastStarted;
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
