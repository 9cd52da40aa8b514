package org.netconform.suites.wsclient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netconform.harness.Check;
import org.netconform.harness.Observation;

/**
 * Runs the cases of one test concurrently, each against its own fuzzing server and client
 * connection, with a time limit per case; then records every case's wire log and judges: a case
 * that found a violation makes the test fail (an assertion), one that could not get an answer makes
 * it an ERROR, and the others still ran.
 */
final class ClientCases {
    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wsclient-case");
        t.setDaemon(true);
        return t;
    });
    static final long CASE_LIMIT_MS = 30_000;

    /** One case: returns the violation it found, or null. Throwing means no answer (ERROR). */
    @FunctionalInterface
    interface Body {
        String run(Context ctx) throws Exception;
    }

    /** A case's log and the resources to release when it ends. */
    static final class Context {
        final String name;
        private final StringBuilder log = new StringBuilder();
        private final List<AutoCloseable> resources = new ArrayList<>();

        Context(String name) {
            this.name = name;
        }

        synchronized void log(String text) {
            if (log.length() < 64 * 1024) {
                log.append(text.endsWith("\n") ? text : text + "\n");
            }
        }

        synchronized void add(Live live) {
            resources.add(live);
        }

        synchronized void onClose(AutoCloseable c) {
            resources.add(c);
        }

        void release() {
            List<AutoCloseable> rs;
            synchronized (this) {
                rs = new ArrayList<>(resources);
                resources.clear();
            }
            for (int i = rs.size() - 1; i >= 0; i--) {
                try {
                    rs.get(i).close();
                } catch (Exception ignored) {
                    // releasing anyway
                }
            }
        }

        synchronized String logText() {
            return log.toString();
        }
    }

    private ClientCases() {
    }

    static void check(String expectation, Map<String, Body> cases) {
        Map<String, Future<String>> running = new LinkedHashMap<>();
        Map<String, Context> contexts = new LinkedHashMap<>();
        for (Map.Entry<String, Body> c : cases.entrySet()) {
            Context ctx = new Context(c.getKey());
            contexts.put(c.getKey(), ctx);
            running.put(c.getKey(), POOL.submit(() -> {
                try {
                    return c.getValue().run(ctx);
                } finally {
                    ctx.release();
                }
            }));
        }
        List<String> violations = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long deadline = System.currentTimeMillis() + CASE_LIMIT_MS;
        for (Map.Entry<String, Future<String>> r : running.entrySet()) {
            String name = r.getKey();
            String verdict;
            try {
                String problem = r.getValue().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                verdict = problem == null ? "ok" : "VIOLATION: " + problem;
                if (problem != null) {
                    violations.add(name + ": " + problem);
                }
            } catch (TimeoutException e) {
                r.getValue().cancel(true);
                contexts.get(name).release();
                verdict = "NO ANSWER: the case did not finish within " + CASE_LIMIT_MS + " ms";
                errors.add(name + ": " + verdict);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                verdict = "NO ANSWER: " + cause;
                errors.add(name + ": " + cause);
            }
            Observation.wire("=== case " + name + ": " + verdict + "\n" + contexts.get(name).logText());
        }
        List<String> all = new ArrayList<>(violations);
        all.addAll(errors);
        // a violation decides (FAIL); without one, a case that got no answer leaves the test without a verdict (ERROR)
        Check.that(expectation, all.isEmpty() ? cases.size() + " cases as expected" : String.join("\n", all),
                violations.isEmpty());
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() + " of " + cases.size() + " cases got no answer: "
                    + String.join("; ", errors));
        }
    }

    /** A throwable and its causes, each as "Class: message", so the report says exactly what a client objected to. */
    static String chain(Throwable t) {
        StringBuilder b = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException) {
                if (c.getCause() != null) {
                    continue;
                }
            }
            if (b.length() > 0) {
                b.append(" <- caused by ");
            }
            b.append(c.getClass().getName());
            if (c.getMessage() != null) {
                b.append(": ").append(c.getMessage());
            }
        }
        return b.toString();
    }

    /** One case. */
    static void check(String expectation, String name, Body body) {
        check(expectation, Map.of(name, body));
    }
}
