package org.netconform.runner;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.netconform.harness.Requirement;
import org.netconform.harness.result.Outcome;
import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.result.ResultJson;

/**
 * What the run shows while it runs. On a terminal: one line redrawn in place, a bar of cases done
 * (of about how many), the failures so far and the current case. Otherwise: a plain line per suite
 * class as it finishes.
 */
final class Progress implements TestExecutionListener {
    private final PrintStream out;
    private final boolean terminal;
    private final int targets;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger fail = new AtomicInteger();
    private final AtomicInteger error = new AtomicInteger();
    private final AtomicInteger nonStrict = new AtomicInteger();
    private final AtomicInteger differs = new AtomicInteger();
    private final long started = System.nanoTime();
    private volatile int expected;
    private volatile String current = "";
    private volatile long lastDraw;
    private final java.util.Map<String, int[]> perClass = new java.util.concurrent.ConcurrentHashMap<>();

    Progress(PrintStream out, boolean terminal, int targets) {
        this.out = out;
        this.terminal = terminal;
        this.targets = Math.max(1, targets);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        int[] n = {0};
        plan.getRoots().forEach(r -> plan.getDescendants(r).forEach(d -> d.getSource()
                .filter(MethodSource.class::isInstance).map(MethodSource.class::cast).ifPresent(s -> {
                    try {
                        Method m = s.getJavaMethod();
                        if (m.isAnnotationPresent(Requirement.class) && !d.getUniqueId().contains("test-template-invocation")) {
                            n[0]++;
                        }
                    } catch (RuntimeException e) {
                        // not ours
                    }
                })));
        expected = n[0] * targets;
        if (!terminal) {
            out.printf(Locale.ROOT, "netconform: %d tests × %d target%s, about %d cases%n", n[0], targets,
                    targets == 1 ? "" : "s", expected);
        }
        draw(true);
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest() || id.getSource().filter(MethodSource.class::isInstance).isPresent()) {
            current = id.getDisplayName();
            id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .ifPresent(s -> current = simple(s.getClassName()) + "." + s.getMethodName()
                            + (id.getDisplayName().startsWith("[") ? " " + id.getDisplayName() : ""));
            draw(false);
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        String json = entry.getKeyValuePairs().get(PublishedResult.KEY);
        if (json == null) {
            return;
        }
        PublishedResult r = ResultJson.read(json);
        done.incrementAndGet();
        Outcome o = r.outcome();
        if (o == Outcome.FAIL) {
            fail.incrementAndGet();
        } else if (o == Outcome.ERROR) {
            error.incrementAndGet();
        } else if (o == Outcome.NON_STRICT) {
            nonStrict.incrementAndGet();
        }
        if (!r.matchesBaseline()) {
            differs.incrementAndGet();
        }
        String cls = r.test() == null ? "?" : r.test().contains(".") ? r.test().substring(0, r.test().indexOf('.')) : r.test();
        int[] c = perClass.computeIfAbsent(cls, k -> new int[3]);
        synchronized (c) {
            c[0]++;
            if (o == Outcome.FAIL || o == Outcome.ERROR || o == Outcome.NON_STRICT) {
                c[1]++;
            }
            if (!r.matchesBaseline()) {
                c[2]++;
            }
        }
        draw(false);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (terminal) {
            return;
        }
        id.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast).ifPresent(s -> {
            int[] c = perClass.remove(simple(s.getClassName()));
            if (c != null) {
                out.printf(Locale.ROOT, "netconform: %-34s %4d cases, %3d not PASS, %3d differ from the baseline  [%d/%d, %ds]%n",
                        simple(s.getClassName()), c[0], c[1], c[2], done.get(), expected, elapsed());
            }
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (terminal) {
            draw(true);
            out.println();
        }
        out.flush();
    }

    private long elapsed() {
        return (System.nanoTime() - started) / 1_000_000_000L;
    }

    private void draw(boolean force) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int total = Math.max(expected, done.get());
        int cells = 20;
        int filled = total == 0 ? 0 : (int) Math.min(cells, (long) done.get() * cells / total);
        String bar = "█".repeat(filled) + "░".repeat(cells - filled);
        String status = String.format(Locale.ROOT, "%s %d/%d · FAIL %d · ERROR %d · NON_STRICT %d · ≠ baseline %d · %ds · ",
                bar, done.get(), total, fail.get(), error.get(), nonStrict.get(), differs.get(), elapsed());
        int width = columns() - 1;
        if (status.length() > width) {
            status = status.substring(0, width);
        }
        String cur = current;
        int room = width - status.length();
        if (room < 8) {
            cur = "";
        } else if (cur.length() > room) {
            cur = "…" + cur.substring(cur.length() - room + 1);
        }
        synchronized (out) {
            out.print("\r\033[2K" + status + cur);
            out.flush();
        }
    }

    private static volatile int columns;

    /** The terminal's width: $COLUMNS when exported, else what stty says of the terminal, else 80. */
    private static int columns() {
        if (columns > 0) {
            return columns;
        }
        int c = 0;
        try {
            c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "0").strip());
        } catch (NumberFormatException e) {
            c = 0;
        }
        if (c <= 0) {
            try {
                Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).strip();
                if (p.waitFor() == 0 && out.matches("\\d+ \\d+")) {
                    c = Integer.parseInt(out.split(" ")[1]);
                }
            } catch (Exception e) {
                c = 0;
            }
        }
        columns = c > 20 ? c : 80;
        return columns;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    int done() {
        return done.get();
    }
}
