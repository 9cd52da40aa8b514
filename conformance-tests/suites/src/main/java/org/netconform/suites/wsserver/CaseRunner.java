package org.netconform.suites.wsserver;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.harness.Check;
import org.netconform.harness.CurrentTarget;
import org.netconform.harness.Observation;
import org.netconform.spi.wsserver.WebSocketServerAdapter;
import org.opentest4j.TestAbortedException;

/**
 * Runs cases on fresh connections, {@link WsOptions#parallel()} at a time, and remembers each run per
 * target so that several requirements can judge one run. A case whose script throws (connection refused,
 * the harness's own read deadline) is recorded with its error and judged NO_ANSWER, which makes the test
 * an ERROR unless another case in it already shows a violation; the other cases still run.
 */
public final class CaseRunner {
    /** One finished run. */
    public record Done(WsCase wsCase, WireSession session, Throwable error, long ms) {
    }

    private static final ExecutorService POOL = Executors.newFixedThreadPool(WsOptions.parallel(), r -> {
        Thread t = new Thread(r, "netconform-ws-case");
        t.setDaemon(true);
        return t;
    });
    private static final Map<String, CompletableFuture<Done>> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, String> TITLES = new ConcurrentHashMap<>();
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicLong FIRST_START = new AtomicLong();

    private CaseRunner() {
    }

    /** Prints how many cases ran and how fast, once per run that ran any (see {@link SpeedListener}). */
    static void printSpeed() {
        int n = CASES.getAndSet(0);
        long first = FIRST_START.getAndSet(0);
        if (n == 0 || first == 0) {
            return;
        }
        double s = (System.nanoTime() - first) / 1e9;
        System.out.printf("netconform endpoint suite: %d WebSocket cases on fresh connections in %.1f s, %.1f cases/s"
                + " (parallel %d)%n", n, s, n / s, WsOptions.parallel());
    }

    /** Cases run so far in this JVM (every target). */
    public static int casesRun() {
        return CASES.get();
    }

    public static List<Done> run(WebSocketServerAdapter adapter, List<WsCase> cases) {
        URI uri = adapter.uri();
        boolean trust = adapter.trustAll() || WsOptions.trustAll();
        String target = CurrentTarget.get().id();
        List<CompletableFuture<Done>> futures = new ArrayList<>();
        for (WsCase c : cases) {
            String earlier = TITLES.putIfAbsent(target + "|" + uri + "|" + c.id(), c.title());
            if (earlier != null && !earlier.equals(c.title())) {
                throw new IllegalStateException("two cases share the ID " + c.id() + ": '" + earlier + "' and '"
                        + c.title() + "'");
            }
            futures.add(RUNS.computeIfAbsent(target + "|" + uri + "|" + c.id(),
                    k -> CompletableFuture.supplyAsync(() -> runOne(uri, trust, c), POOL)));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static Done runOne(URI uri, boolean trust, WsCase c) {
        FIRST_START.compareAndSet(0, System.nanoTime());
        CASES.incrementAndGet();
        long t0 = System.nanoTime();
        WireSession s = new WireSession(uri, trust).caps(c.frameCap(), c.readCap());
        s.note("case " + c.id() + ": " + c.title());
        Throwable error = null;
        try (s) {
            c.action().run(s);
        } catch (Throwable t) {
            error = t;
            s.note("harness: " + t);
        }
        return new Done(c, s, error, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Runs (or reuses) the cases, judges each, records expected, observed and every case's wire log, and
     * ends the test: an AssertionError listing the violations if any case broke the requirement, otherwise
     * an error naming the cases that got no answer, otherwise normally.
     */
    public static void check(WebSocketServerAdapter adapter, String expected, List<WsCase> cases, WsCase.Judge judge) {
        List<Done> done = run(adapter, cases);
        List<String> broken = new ArrayList<>();
        List<String> noAnswer = new ArrayList<>();
        List<String> observed = new ArrayList<>();
        int ok = 0;
        int na = 0;
        for (Done d : done) {
            WsCase.Verdict v;
            if (d.error() != null) {
                v = WsCase.Verdict.noAnswer("the harness got no answer: " + d.error());
            } else {
                try {
                    v = judge.judge(d.session());
                } catch (RuntimeException e) {
                    v = WsCase.Verdict.noAnswer("cannot judge: " + e);
                }
            }
            String line = d.wsCase().id() + " " + d.wsCase().title() + ": " + v.outcome() + " - " + v.detail();
            switch (v.outcome()) {
                case PASS -> ok++;
                case FAIL -> broken.add(line);
                case ERROR -> noAnswer.add(line);
                case UNSUPPORTED -> na++;
                default -> throw new IllegalStateException("a case verdict is PASS, FAIL, ERROR or UNSUPPORTED: " + v);
            }
            observed.add(line);
            Observation.wire("=== case " + d.wsCase().id() + " (" + d.ms() + " ms): " + d.wsCase().title() + " -> "
                    + v.outcome() + "\n" + d.session().log());
        }
        Check.that(expected, ok + " of " + done.size() + " cases as required"
                        + (na > 0 ? ", " + na + " not applicable" : "") + "\n" + String.join("\n", observed),
                broken.isEmpty(), broken.size() + " of " + done.size() + " cases break it: "
                        + String.join("; ", broken.subList(0, Math.min(5, broken.size())))
                        + (broken.size() > 5 ? "; ..." : ""));
        if (!noAnswer.isEmpty()) {
            throw new IllegalStateException(noAnswer.size() + " of " + done.size() + " cases got no answer: "
                    + String.join("; ", noAnswer.subList(0, Math.min(5, noAnswer.size()))));
        }
        if (ok == 0 && na > 0) {
            throw new TestAbortedException("no case applies to this target: " + observed.get(0));
        }
    }

    /** For INFO requirements: runs the cases and records what each did, never judging. */
    public static void record(WebSocketServerAdapter adapter, String expected, List<WsCase> cases,
                              java.util.function.Function<WireSession, String> what) {
        List<Done> done = run(adapter, cases);
        List<String> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Done d : done) {
            String line = d.error() != null ? "no answer: " + d.error() : what.apply(d.session());
            if (d.error() != null) {
                errors.add(d.wsCase().id() + ": " + d.error());
            }
            lines.add(d.wsCase().id() + " " + d.wsCase().title() + ": " + line);
            Observation.wire("=== case " + d.wsCase().id() + " (" + d.ms() + " ms): " + d.wsCase().title() + "\n"
                    + d.session().log());
        }
        Check.record(expected, String.join("\n", lines));
        if (errors.size() == done.size()) {
            throw new IllegalStateException("no case got an answer: " + errors.get(0));
        }
    }
}
