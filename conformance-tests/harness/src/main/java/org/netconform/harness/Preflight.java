package org.netconform.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.opentest4j.TestAbortedException;

/**
 * What is checked once, before any case runs: every option (one line each), the target selection,
 * and each selected target's baseline. When anything is wrong, the run stops: the first conformance
 * test to start fails with every problem, each later one is skipped, pointing at it; nothing is judged.
 * And, once per target adapter, before its first case: that the target answers at all
 * ({@link AreaAdapter#preflight()}); a dead target's cases are ERROR with that one reason.
 */
public final class Preflight {
    private record Verdict(List<String> problems, AtomicBoolean reported) {
    }

    private static final Map<String, Verdict> BY_OPTIONS = new ConcurrentHashMap<>();
    private static final Map<String, Optional<String>> ADAPTERS = new ConcurrentHashMap<>();

    private Preflight() {
    }

    /** The problems with this run's options, selection and baselines; empty when it can run. */
    public static List<String> problems() {
        return verdict().problems();
    }

    private static Verdict verdict() {
        RunOptions.normalizeAliases();
        return BY_OPTIONS.computeIfAbsent(optionsKey(), k -> new Verdict(compute(), new AtomicBoolean()));
    }

    private static String optionsKey() {
        Map<String, String> p = new TreeMap<>();
        for (String n : System.getProperties().stringPropertyNames()) {
            if (n.startsWith("netconform.")) {
                p.put(n, System.getProperty(n));
            }
        }
        return p.toString();
    }

    private static List<String> compute() {
        List<String> out = new ArrayList<>(RunOptions.problems());
        if (!out.isEmpty()) {
            return out;
        }
        List<Target> targets;
        try {
            targets = Targets.selected();
        } catch (RuntimeException e) {
            out.add(e.getMessage());
            return out;
        }
        try {
            Baselines.overrides(targets.stream().map(Target::id).toList());
        } catch (RuntimeException e) {
            out.add(e.getMessage());
            return out;
        }
        for (Target t : targets) {
            try {
                Baselines.of(t);
            } catch (RuntimeException e) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    /**
     * Called as each conformance test starts: returns normally when the run may go on; otherwise the
     * first caller gets an {@link AssertionError} with every problem and each later one an abort.
     */
    static void require() {
        Verdict v = verdict();
        if (v.problems().isEmpty()) {
            return;
        }
        if (v.reported().compareAndSet(false, true)) {
            System.err.println("netconform: the run cannot start:");
            v.problems().forEach(p -> System.err.println("  " + p));
            throw new AssertionError("netconform: the run cannot start:\n  " + String.join("\n  ", v.problems()));
        }
        throw new TestAbortedException("not run: the run cannot start (" + v.problems().size()
                + (v.problems().size() == 1 ? " problem" : " problems") + ", reported once by the first test)");
    }

    /**
     * Whether the adapter's target answers: asked once per target and adapter type, before its first
     * case, and said once on the console when it does not.
     */
    static Optional<String> adapterDown(Target target, Class<? extends AreaAdapter> type, AreaAdapter adapter) {
        return ADAPTERS.computeIfAbsent(target.id() + "|" + type.getName() + "|" + optionsKey(), k -> {
            Optional<String> down;
            try {
                down = adapter.preflight();
            } catch (RuntimeException e) {
                down = Optional.of("the check that it answers failed: " + e);
            }
            down.ifPresent(why -> System.err.println("netconform: " + target.id() + ": " + why
                    + " (every case of it is ERROR with this reason)"));
            return down;
        });
    }

    static void reset() {
        BY_OPTIONS.clear();
        ADAPTERS.clear();
        Baselines.clear();
    }
}
