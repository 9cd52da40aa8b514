package org.netconform.suites.wsserver;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.harness.Check;
import org.netconform.harness.CurrentTarget;
import org.netconform.harness.Observation;
import org.netconform.harness.result.Outcome;
import org.netconform.spi.wsserver.WebSocketServerAdapter;
import org.opentest4j.TestAbortedException;

/**
 * Runs cases on fresh connections, {@link WsOptions#parallel()} at a time, and remembers each run per
 * target so that several requirements can judge one run. Before the first case of a target it learns what
 * the server sends on its own ({@link TargetRun#unsolicited}); every session then sets those messages apart
 * from the echoes. A case whose script throws (a refused connection, the harness's own read deadline) is
 * recorded with its error and judged NO_ANSWER, which makes the test an ERROR unless another case in it
 * already shows a violation; the other cases still run. A target that stops answering is said once and the
 * rest of its cases are ERROR with that reason; a server the adapter runs that crashes is restarted and the
 * cases it spoiled are run again (see {@link TargetRun}). Every case gets a page of its own in the report
 * ({@link CaseFiles}) with its wire log and every label it got.
 */
public final class CaseRunner {
    /** One finished run of a case: {@code attempt} counts the runs (a crash of the server spoils a run). */
    public record Done(WsCase wsCase, WireSession session, Throwable error, long ms, long startNanos, long endNanos,
                       int attempt) {
        Done withError(Throwable e) {
            return new Done(wsCase, session, e, ms, startNanos, endNanos, attempt);
        }
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
    /** A case spoiled by a crash of the server is run at most this many times. */
    private static final int MAX_RUNS = 3;

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

    static TargetRun targetRun(WebSocketServerAdapter adapter) {
        return TargetRun.of(CurrentTarget.get().id(), adapter.uri(), adapter, adapter.trustAll() || WsOptions.trustAll());
    }

    public static List<Done> run(WebSocketServerAdapter adapter, List<WsCase> cases) {
        TargetRun tr = targetRun(adapter);
        UnsolicitedMessages profile = tr.unsolicited(c -> cached(tr, c, UnsolicitedMessages.none()).join());
        List<CompletableFuture<Done>> futures = new ArrayList<>();
        for (WsCase c : cases) {
            futures.add(cached(tr, c, profile));
        }
        return settle(tr, futures.stream().map(CompletableFuture::join).toList(), profile);
    }

    private static String key(TargetRun tr, WsCase c) {
        return tr.target + "|" + tr.uri + "|" + c.id();
    }

    private static CompletableFuture<Done> cached(TargetRun tr, WsCase c, UnsolicitedMessages profile) {
        String earlier = TITLES.putIfAbsent(key(tr, c), c.title());
        if (earlier != null && !earlier.equals(c.title())) {
            throw new IllegalStateException("two cases share the ID " + c.id() + ": '" + earlier + "' and '" + c.title() + "'");
        }
        return RUNS.computeIfAbsent(key(tr, c), k -> CompletableFuture.supplyAsync(() -> runOne(tr, c, profile, 1), POOL));
    }

    /**
     * Cases spoiled by a crash of the server are run again once the adapter restarted it (a case whose
     * judge looks at the crash itself is not); what stays spoiled gets the crash or the liveness reason as its
     * error, or, for a case whose judge looks at crashes, the reason on its session.
     */
    private static List<Done> settle(TargetRun tr, List<Done> done, UnsolicitedMessages profile) {
        List<Done> out = new ArrayList<>(done);
        for (int round = 0; round < MAX_RUNS; round++) {
            tr.noticeExit();
            List<Integer> again = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                Done d = out.get(i);
                // a case that judges crashes is run again only when it never got to connect
                boolean rerunnable = !d.wsCase().crashIsVerdict() || d.error() != null && TargetRun.isConnectFailure(d.error());
                if (d.attempt() < MAX_RUNS && rerunnable && !(d.error() instanceof TargetRun.TargetDown) && tr.spoiled(d).isPresent()) {
                    again.add(i);
                }
            }
            if (again.isEmpty() || !tr.recover(out.get(again.get(0)).wsCase())) {
                break;
            }
            List<CompletableFuture<Done>> reruns = new ArrayList<>();
            for (int i : again) {
                Done d = out.get(i);
                reruns.add(RUNS.compute(key(tr, d.wsCase()), (k, old) -> old != null && old.isDone() && old.join() == d
                        ? CompletableFuture.supplyAsync(() -> runOne(tr, d.wsCase(), profile, d.attempt() + 1), POOL) : old));
            }
            for (int j = 0; j < again.size(); j++) {
                out.set(again.get(j), reruns.get(j).join());
            }
        }
        List<Done> settled = new ArrayList<>();
        for (Done d : out) {
            Optional<String> why = tr.spoiled(d);
            if (why.isEmpty() || d.error() instanceof TargetRun.TargetDown || d.error() instanceof TargetRun.ServerDied) {
                settled.add(d);
            } else if (d.wsCase().crashIsVerdict()) {
                d.session().serverDied = why.get();
                settled.add(d);
            } else {
                settled.add(d.withError(tr.down().isPresent() && d.error() != null
                        ? new TargetRun.TargetDown(tr.down().get())
                        : new TargetRun.ServerDied(why.get() + (d.attempt() > 1 ? ", in each of " + d.attempt() + " runs" : ""))));
            }
        }
        return settled;
    }

    private static Done runOne(TargetRun tr, WsCase c, UnsolicitedMessages profile, int attempt) {
        FIRST_START.compareAndSet(0, System.nanoTime());
        CASES.incrementAndGet();
        long t0 = System.nanoTime();
        WireSession s = new WireSession(tr.uri, tr.trust).caps(c.frameCap(), c.readCap());
        s.unsolicited = profile;
        if (tr.adapter.capabilities().contains(WebSocketServerAdapter.LIMITS)) {
            s.declaredMaxMessage = tr.adapter.maxMessageSize().orElse(-1);
            s.declaredMaxFrame = tr.adapter.maxFramePayload().orElse(-1);
        }
        s.note("case " + c.id() + ": " + c.title());
        if (attempt > 1) {
            s.note("run " + attempt + ": the server stopped during the earlier run of this case and was restarted");
        }
        Optional<String> down = tr.down();
        if (down.isPresent()) {
            s.note("not run: " + down.get());
            return new Done(c, s, new TargetRun.TargetDown(down.get()), 0, t0, t0, attempt);
        }
        Throwable error = null;
        try (s) {
            c.action().run(s);
        } catch (Throwable t) {
            error = t;
            s.note("harness: " + t);
        }
        long t1 = System.nanoTime();
        Done d = new Done(c, s, error, (t1 - t0) / 1_000_000, t0, t1, attempt);
        if (error != null && TargetRun.isConnectFailure(error)) {
            tr.connectFailed(c, error);
        }
        tr.finished(d);
        return d;
    }

    /** The word a case's verdict shows on requirement and case pages. */
    static String label(WsCase.Verdict v) {
        return switch (v.outcome()) {
            case PASS -> "OK";
            case FAIL -> "BROKEN";
            case ERROR -> "NO_ANSWER";
            case UNSUPPORTED -> "NOT_APPLICABLE";
            default -> v.outcome().name();
        };
    }

    static String message(Throwable t) {
        return t.getMessage() == null ? t.toString() : t instanceof TargetRun.TargetDown || t instanceof TargetRun.ServerDied
                ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * Runs (or reuses) the cases, judges each, records expected and observed, links every case's page, and ends
     * the test: an AssertionError listing the violations if any case broke the requirement, otherwise an error
     * naming the cases that got no answer (a target that stopped answering is named once), otherwise normally.
     */
    public static void check(WebSocketServerAdapter adapter, String expected, List<WsCase> cases, WsCase.Judge judge) {
        check(adapter, expected, cases, judge, false);
    }

    /**
     * As {@link #check(WebSocketServerAdapter, String, List, WsCase.Judge)}; with {@code everyFrame} (the sender
     * checks, which judge every frame the server sent in every case) a case that got no connection simply has
     * no frames to judge, and only the cases with a violation are listed.
     */
    static void check(WebSocketServerAdapter adapter, String expected, List<WsCase> cases, WsCase.Judge judge,
                      boolean everyFrame) {
        check(adapter, expected, cases, judge, everyFrame, () -> "");
    }

    /** As above, with a note on what the cases cannot show by themselves, added to what was observed. */
    static void check(WebSocketServerAdapter adapter, String expected, List<WsCase> cases, WsCase.Judge judge,
                      boolean everyFrame, java.util.function.Supplier<String> note) {
        List<Done> done = run(adapter, cases);
        TargetRun tr = targetRun(adapter);
        String requirement = String.join(",", Observation.requirementIds());
        String test = Observation.test();
        List<String> broken = new ArrayList<>();
        List<String> noAnswer = new ArrayList<>();
        List<String> observed = new ArrayList<>();
        String down = null;
        int notRun = 0;
        int ok = 0;
        int na = 0;
        for (Done d : done) {
            WsCase.Verdict v;
            if (d.error() instanceof TargetRun.TargetDown) {
                down = d.error().getMessage();
                notRun++;
                v = WsCase.Verdict.noAnswer(d.error().getMessage());
            } else if (d.error() instanceof TargetRun.ServerDied) {
                v = WsCase.Verdict.noAnswer(d.error().getMessage());
            } else if (d.error() != null) {
                v = everyFrame && d.session().frames.isEmpty()
                        ? WsCase.Verdict.ok("no frames to check: the harness got no answer (" + message(d.error()) + ")")
                        : WsCase.Verdict.noAnswer("the harness got no answer: " + message(d.error()));
            } else {
                try {
                    v = judge.judge(d.session());
                } catch (RuntimeException e) {
                    v = WsCase.Verdict.noAnswer("cannot judge: " + e);
                }
            }
            String line = d.wsCase().id() + " " + d.wsCase().title() + ": " + label(v) + " - " + v.detail();
            switch (v.outcome()) {
                case PASS -> ok++;
                case FAIL -> broken.add(line);
                case ERROR -> noAnswer.add(line);
                case UNSUPPORTED -> na++;
                default -> throw new IllegalStateException("a case verdict is PASS, FAIL, ERROR or UNSUPPORTED: " + v);
            }
            if (!everyFrame || v.outcome() != Outcome.PASS) {
                observed.add(line);
            }
            Optional<String> page = tr.files.judged(d, requirement, test == null ? "" : test, label(v), v.detail());
            if (!everyFrame || v.outcome() != Outcome.PASS) {
                page.ifPresent(p -> Observation.file("case " + d.wsCase().id(), p));
            }
        }
        tr.files.writeIndex();
        Observation.file("every case of this target", CaseFiles.INDEX);
        String n = note.get();
        String tally = ok + " of " + done.size() + " cases as required" + (na > 0 ? ", " + na + " not applicable" : "")
                + (n.isEmpty() ? "" : "\n" + n);
        Check.that(expected, tally + (everyFrame && observed.isEmpty() ? "" : "\n" + String.join("\n", observed)),
                broken.isEmpty(), broken.size() + " of " + done.size() + " cases break it: "
                        + String.join("; ", broken.subList(0, Math.min(5, broken.size())))
                        + (broken.size() > 5 ? "; ..." : ""));
        if (down != null) {
            throw new IllegalStateException(down + " (" + notRun + " of " + done.size() + " cases of this test not run"
                    + (noAnswer.size() > notRun ? ", " + (noAnswer.size() - notRun) + " more without an answer" : "") + ")");
        }
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
        TargetRun tr = targetRun(adapter);
        String requirement = String.join(",", Observation.requirementIds());
        String test = Observation.test();
        List<String> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String down = null;
        for (Done d : done) {
            String line;
            if (d.error() != null) {
                line = "no answer: " + message(d.error());
                errors.add(d.wsCase().id() + ": " + message(d.error()));
                if (d.error() instanceof TargetRun.TargetDown) {
                    down = d.error().getMessage();
                }
            } else {
                line = what.apply(d.session());
            }
            lines.add(d.wsCase().id() + " " + d.wsCase().title() + ": " + line);
            tr.files.judged(d, requirement, test == null ? "" : test, d.error() == null ? "RECORDED" : "NO_ANSWER", line)
                    .ifPresent(p -> Observation.file("case " + d.wsCase().id(), p));
        }
        tr.files.writeIndex();
        Check.record(expected, String.join("\n", lines));
        if (errors.size() == done.size()) {
            throw new IllegalStateException(down != null ? down : "no case got an answer: " + errors.get(0));
        }
    }
}
