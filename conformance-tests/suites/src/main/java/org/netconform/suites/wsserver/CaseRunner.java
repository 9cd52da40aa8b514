package org.netconform.suites.wsserver;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.harness.Check;
import org.netconform.harness.CurrentTarget;
import org.netconform.harness.NoAnswer;
import org.netconform.harness.Observation;
import org.netconform.harness.RunDeadline;
import org.netconform.harness.Values;
import org.netconform.harness.result.Outcome;
import org.netconform.spi.wsserver.WebSocketServerAdapter;
import org.opentest4j.TestAbortedException;

/**
 * Runs cases on fresh connections, {@link WsOptions#parallel()} at a time, and remembers each run per
 * target so that several requirements can judge one run. A case whose script throws (connection refused,
 * the harness's own read deadline) is recorded with its error and judged NO_ANSWER, which makes the test
 * an ERROR unless another case in it already shows a violation; the other cases still run.
 *
 * <p>Bounded: each case has a hard deadline ({@link WsOptions#caseDeadlineMs()}, held by the {@link Watchdog});
 * once the run's deadline ({@link RunDeadline}) has passed, cases not yet started are ERROR "not run: the run's
 * deadline passed"; a case the harness stopped (deadline, or the server sent more than its budget) is ERROR
 * whatever its judge says, and one whose writes the server stopped reading cannot be a FAIL. What a finished
 * case keeps is bounded ({@link WireSession}), and so is the wire log a test publishes
 * ({@value #WIRE_LOG_BUDGET} characters, the logs of cases that did not pass first).
 */
public final class CaseRunner {
    /** One finished run. */
    public record Done(WsCase wsCase, WireSession session, Throwable error, long ms) {
    }

    static final String SILENT = "the server sent nothing after its 101 and kept the connection open";

    /** Characters of case wire logs one test publishes at most. */
    static final int WIRE_LOG_BUDGET = 256 * 1024;

    /** The control case of the handshake judges: a valid handshake, run once per target like any case. */
    static final WsCase CONTROL = WsCase.of("H.0", "control: a valid handshake, then a Close", s -> {
        if (s.open()) {
            s.sendClose(1000, "");
        } else if (s.response == null && s.end == WireSession.End.OPEN) {
            s.timedOut("no response head within " + WsOptions.timeoutMs() + " ms");
        }
    });

    /** Cases in flight: {@link WsOptions#parallel()} threads, resized when the option changes between runs. */
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(WsOptions.parallel(), WsOptions.parallel(),
            30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
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
                + " (parallel %d); %s%n", n, s, n / s, WsOptions.parallel(), memory());
    }

    /**
     * The test JVM's memory so far: the largest old generation after a collection (the live set: what the run
     * keeps), the sum of the heap pools' peaks (an upper bound of the peak heap), the peak RSS and the limit.
     */
    static String memory() {
        long poolPeaks = 0;
        long afterGc = 0;
        for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP) {
                poolPeaks += p.getPeakUsage().getUsed();
                if (p.getCollectionUsage() != null && p.getName().toLowerCase(java.util.Locale.ROOT).contains("old")) {
                    afterGc = Math.max(afterGc, p.getCollectionUsage().getUsed());
                }
            }
        }
        String rss = "?";
        try {
            rss = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).map(l -> l.substring(6).strip()).findFirst().orElse("?");
        } catch (java.io.IOException | RuntimeException ignored) {
            rss = "?";
        }
        return String.format("test JVM: old generation after GC at most %d MiB, heap pools' peaks %d MiB, peak RSS %s,"
                + " max heap %d MiB", afterGc >> 20, poolPeaks >> 20, rss, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Cases run so far in this JVM (every target). */
    public static int casesRun() {
        return CASES.get();
    }

    public static List<Done> run(WebSocketServerAdapter adapter, List<WsCase> cases) {
        resizePool();
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
            futures.add(submit(target, uri, trust, c));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static synchronized void resizePool() {
        int n = WsOptions.parallel();
        if (POOL.getMaximumPoolSize() != n) {
            if (n > POOL.getMaximumPoolSize()) {
                POOL.setMaximumPoolSize(n);
                POOL.setCorePoolSize(n);
            } else {
                POOL.setCorePoolSize(n);
                POOL.setMaximumPoolSize(n);
            }
        }
    }

    private static CompletableFuture<Done> submit(String target, URI uri, boolean trust, WsCase c) {
        return RUNS.computeIfAbsent(target + "|" + uri + "|" + c.id(),
                k -> CompletableFuture.supplyAsync(() -> runOne(uri, trust, c), POOL));
    }

    /**
     * Why the server under test cannot be taken to speak WebSocket in this run: empty when the {@link #CONTROL}
     * case (run once per target and URI, like any case) upgraded a valid handshake; otherwise what it got
     * instead. A refusal proves something only from a server that does upgrade a valid request.
     */
    static Optional<String> controlRefused(WireSession s) {
        Done d = submit(CurrentTarget.get().id(), s.uri(), s.trustAll(), CONTROL).join();
        WireSession c = d.session();
        if (c.upgraded) {
            return Optional.empty();
        }
        String seen = c.harnessStop != null ? c.harnessStop
                : d.error() != null ? describe(d.error())
                : c.response != null ? c.response.status() + " " + c.response.reason()
                + (c.response.status() == 101 ? " with a response a client refuses" : "")
                : c.end == WireSession.End.OPEN || c.end == WireSession.End.TIMEOUT
                ? "no response within " + WsOptions.timeoutMs() + " ms"
                : "no response: " + c.endDetail;
        return Optional.of("control case " + CONTROL.id() + " (" + CONTROL.title() + ") got " + Values.printable(seen));
    }

    static Done runOne(URI uri, boolean trust, WsCase c) {
        WireSession s = new WireSession(uri, trust).caps(c.frameCap(), c.readCap());
        s.note("case " + c.id() + ": " + c.title());
        if (RunDeadline.passed()) {
            s.harnessStop = RunDeadline.notRunReason();
            s.note(s.harnessStop);
            s.close();
            return new Done(c, s, null, 0);
        }
        FIRST_START.compareAndSet(0, System.nanoTime());
        CASES.incrementAndGet();
        long t0 = System.nanoTime();
        Watchdog.caseStarted(t0 + WsOptions.caseDeadlineMs() * 1_000_000);
        Throwable error = null;
        try {
            c.action().run(s);
        } catch (Throwable t) {
            error = t;
            s.note("harness: " + describe(t));
        } finally {
            s.close();
            Watchdog.caseEnded();
            // a deadline's interrupt belongs to this case only
            Thread.interrupted();
        }
        if (s.harnessStop != null) {
            s.note("ERROR: " + s.harnessStop);
        }
        return new Done(c, s, error, (System.nanoTime() - t0) / 1_000_000);
    }

    /** What went wrong, in one line for the report: a refused connection or a timeout says just that. */
    static String describe(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage();
        String text;
        if (t instanceof IllegalStateException || t instanceof WireConnection.TlsFailure || t instanceof NoAnswer) {
            text = m;
        } else if (t instanceof java.net.ConnectException) {
            text = "cannot connect: " + m;
        } else if (t instanceof java.net.SocketTimeoutException) {
            text = "no answer in time: " + m;
        } else if (t instanceof java.net.UnknownHostException) {
            text = "unknown host: " + m;
        } else if (t instanceof InterruptedException) {
            text = "interrupted";
        } else {
            text = t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
        }
        return Values.printable(text);
    }

    /** The verdict on one finished case: the harness's own stop first, then its error, then the judge. */
    static WsCase.Verdict verdict(Done d, WsCase.Judge judge) {
        WireSession s = d.session();
        WsCase.Verdict v;
        if (s.harnessStop != null) {
            v = WsCase.Verdict.noAnswer(s.harnessStop);
        } else if (d.error() != null) {
            v = WsCase.Verdict.noAnswer("the harness got no answer: " + describe(d.error()));
        } else {
            try {
                v = judge.judge(s);
            } catch (RuntimeException e) {
                v = WsCase.Verdict.noAnswer("cannot judge: " + describe(e));
            }
            if (v.outcome() == Outcome.FAIL && s.writeStall != null) {
                v = WsCase.Verdict.noAnswer(s.writeStall + ", so this is not judged (it would be: " + v.detail() + ")");
            }
        }
        return new WsCase.Verdict(v.outcome(), Values.printable(v.detail()));
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
        List<WsCase.Verdict> verdicts = new ArrayList<>();
        int ok = 0;
        int na = 0;
        List<String> silent = new ArrayList<>();
        for (Done d : done) {
            WsCase.Verdict v = verdict(d, judge);
            verdicts.add(v);
            String line = d.wsCase().id() + " " + d.wsCase().title() + ": " + v.outcome() + " - " + v.detail();
            if (v.outcome() == Outcome.PASS && d.session().silentAfterUpgrade()) {
                // no PASS without an exchange: a case where the server upgraded and then said nothing shows
                // nothing; it counts for the test only through the other cases
                line = d.wsCase().id() + " " + d.wsCase().title() + ": not judged - " + SILENT;
                silent.add(line);
                observed.add(line);
                continue;
            }
            switch (v.outcome()) {
                case PASS -> ok++;
                case FAIL -> broken.add(line);
                case ERROR -> noAnswer.add(line);
                case UNSUPPORTED -> na++;
                default -> throw new IllegalStateException("a case verdict is PASS, FAIL, ERROR or UNSUPPORTED: " + v);
            }
            observed.add(line);
        }
        publishWireLogs(done, verdicts);
        Check.that(expected, ok + " of " + done.size() + " cases as required"
                        + (na > 0 ? ", " + na + " not applicable" : "")
                        + (silent.isEmpty() ? "" : ", " + silent.size() + " not judged (nothing after the 101)") + "\n" + String.join("\n", observed),
                broken.isEmpty(), broken.size() + " of " + done.size() + " cases break it: "
                        + String.join("; ", broken.subList(0, Math.min(5, broken.size())))
                        + (broken.size() > 5 ? "; ..." : ""));
        if (ok == 0 && noAnswer.isEmpty() && !silent.isEmpty()) {
            throw new NoAnswer(silent.size() + " of " + done.size() + " cases got nothing to judge: "
                    + String.join("; ", silent.subList(0, Math.min(3, silent.size())))
                    + (silent.size() > 3 ? "; ..." : ""));
        }
        if (!noAnswer.isEmpty()) {
            throw new NoAnswer(noAnswer.size() + " of " + done.size() + " cases got no answer: "
                    + String.join("; ", noAnswer.subList(0, Math.min(5, noAnswer.size())))
                    + (noAnswer.size() > 5 ? "; ..." : ""));
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
        List<WsCase.Verdict> verdicts = new ArrayList<>();
        for (Done d : done) {
            WireSession s = d.session();
            String why = s.harnessStop != null ? s.harnessStop : d.error() != null ? describe(d.error()) : null;
            String line = null;
            if (why == null) {
                try {
                    line = Values.printable(what.apply(s));
                } catch (NoAnswer e) {
                    why = describe(e);
                }
            }
            if (why != null) {
                line = "no answer: " + why;
            }
            if (why != null) {
                errors.add(d.wsCase().id() + ": " + why);
            }
            verdicts.add(why != null ? WsCase.Verdict.noAnswer(why) : WsCase.Verdict.ok(line));
            lines.add(d.wsCase().id() + " " + d.wsCase().title() + ": " + line);
        }
        publishWireLogs(done, verdicts);
        Check.record(expected, String.join("\n", lines));
        if (errors.size() == done.size()) {
            throw new NoAnswer("no case got an answer: " + errors.get(0));
        }
    }

    /**
     * Publishes each case's wire log with the test, within {@link #WIRE_LOG_BUDGET} characters in all: the
     * logs of cases that did not pass first, then the others in order while the budget lasts; a log left out
     * says so in one line.
     */
    private static void publishWireLogs(List<Done> done, List<WsCase.Verdict> verdicts) {
        int n = done.size();
        String[] heads = new String[n];
        String[] logs = new String[n];
        boolean[] full = new boolean[n];
        long left = WIRE_LOG_BUDGET;
        for (int i = 0; i < n; i++) {
            Done d = done.get(i);
            heads[i] = "=== case " + d.wsCase().id() + " (" + d.ms() + " ms): " + d.wsCase().title() + " -> "
                    + verdicts.get(i).outcome();
            logs[i] = d.session().log();
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                boolean failing = verdicts.get(i).outcome() != Outcome.PASS;
                if (!full[i] && failing == (pass == 0) && logs[i].length() <= left) {
                    full[i] = true;
                    left -= logs[i].length();
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Observation.wire(heads[i] + "\n" + (full[i] ? logs[i] : "(wire log left out: a test publishes at most "
                    + WIRE_LOG_BUDGET / 1024 + " KiB of wire logs; this case's is with the other tests that judge it)\n"));
        }
    }
}
