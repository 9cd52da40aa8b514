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
 * target so that several requirements can judge one run. Before the first case of a target it learns what
 * the server sends on its own ({@link TargetRun#unsolicited}); every session then sets those messages apart
 * from the echoes. A case whose script throws (connection refused, the harness's own read deadline) is
 * recorded with its error and judged NO_ANSWER, which makes the test an ERROR unless another case in it
 * already shows a violation; the other cases still run. A target that stops answering is said once and the
 * rest of its cases are ERROR with that reason; a server the adapter runs that crashes is restarted and the
 * cases it spoiled are run again (see {@link TargetRun}). Every case gets a page of its own in the report
 * ({@link CaseFiles}) with its wire log and every label it got; a test links them instead of carrying logs.
 *
 * <p>Bounded: each case has a hard deadline ({@link WsOptions#caseDeadlineMs()}, held by the {@link Watchdog});
 * once the run's deadline ({@link RunDeadline}) has passed, cases not yet started are ERROR "not run: the run's
 * deadline passed"; a case the harness stopped (deadline, or the server sent more than its budget) is ERROR
 * whatever its judge says, and one whose writes the server stopped reading cannot be a FAIL. What a finished
 * case keeps is bounded ({@link WireSession}).
 */
public final class CaseRunner {
    /** One finished run of a case: {@code attempt} counts the runs (a crash of the server spoils a run). */
    public record Done(WsCase wsCase, WireSession session, Throwable error, long ms, long startNanos, long endNanos,
                       int attempt) {
        Done withError(Throwable e) {
            return new Done(wsCase, session, e, ms, startNanos, endNanos, attempt);
        }
    }

    static final String SILENT = "the server sent nothing after its 101 and kept the connection open";

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
    /** A case spoiled by a crash of the server is run at most this many times. */
    private static final int MAX_RUNS = 5;
    /** The control case is run at most this many times while it gets no response head in time. */
    private static final int CONTROL_RUNS = 3;

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
        // the live set: what the run keeps once the garbage is gone (measured once, at the end of a run)
        System.gc();
        System.gc();
        long live = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return String.format("test JVM: live heap after a full GC %d MiB, old generation after GC at most %d MiB, heap "
                + "pools' peaks %d MiB, peak RSS %s, max heap %d MiB", live >> 20, afterGc >> 20, poolPeaks >> 20, rss,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Cases run so far in this JVM (every target). */
    public static int casesRun() {
        return CASES.get();
    }

    static TargetRun targetRun(WebSocketServerAdapter adapter) {
        return TargetRun.of(CurrentTarget.get().id(), adapter.uri(), adapter, adapter.trustAll() || WsOptions.trustAll());
    }

    public static List<Done> run(WebSocketServerAdapter adapter, List<WsCase> cases) {
        resizePool();
        TargetRun tr = targetRun(adapter);
        // the control handshake goes first, before the learning window and any load (a quick exchange)
        Done control = cached(tr, CONTROL, UnsolicitedMessages.none()).join();
        for (int attempt = 2; attempt <= CONTROL_RUNS && noHeadInTime(control); attempt++) {
            // a server that just started (a JVM loading its classes on a busy machine) can miss the first
            // deadline: the control decides what every refusal means, so it gets a few chances before it counts
            int a = attempt;
            CompletableFuture<Done> again = CompletableFuture.supplyAsync(() -> runOne(tr, CONTROL,
                    UnsolicitedMessages.none(), a, "no response head within " + WsOptions.timeoutMs() + " ms"), POOL);
            RUNS.put(key(tr, CONTROL), again);
            control = again.join();
        }
        UnsolicitedMessages profile = tr.unsolicited(c -> cached(tr, c, UnsolicitedMessages.none()).join());
        List<CompletableFuture<Done>> futures = new ArrayList<>();
        for (WsCase c : cases) {
            futures.add(cached(tr, c, profile));
        }
        return settle(tr, futures.stream().map(CompletableFuture::join).toList(), profile);
    }

    /** The control got no response head within the timeout (not a refusal, a reset or an error of the harness). */
    private static boolean noHeadInTime(Done d) {
        WireSession s = d.session();
        return d.error() == null && s.harnessStop == null && s.response == null
                && (s.end == WireSession.End.OPEN || s.end == WireSession.End.TIMEOUT);
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

    private static String key(TargetRun tr, WsCase c) {
        return tr.target + "|" + tr.uri + "|" + c.id();
    }

    private static CompletableFuture<Done> cached(TargetRun tr, WsCase c, UnsolicitedMessages profile) {
        String earlier = TITLES.putIfAbsent(key(tr, c), c.title());
        if (earlier != null && !earlier.equals(c.title())) {
            throw new IllegalStateException("two cases share the ID " + c.id() + ": '" + earlier + "' and '" + c.title() + "'");
        }
        return RUNS.computeIfAbsent(key(tr, c), k -> CompletableFuture.supplyAsync(() -> runOne(tr, c, profile, 1, null), POOL));
    }

    /**
     * Why the server under test cannot be taken to speak WebSocket in this run: empty when the {@link #CONTROL}
     * case (run once per target and URI, like any case) upgraded a valid handshake; otherwise what it got
     * instead. A refusal proves something only from a server that does upgrade a valid request.
     */
    static Optional<String> controlRefused(WireSession s) {
        TargetRun tr = TargetRun.existing(CurrentTarget.get().id(), s.uri())
                .orElseThrow(() -> new IllegalStateException("no run of " + s.uri() + " in progress"));
        Done d = cached(tr, CONTROL, tr.profileNow()).join();
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

    /**
     * Cases spoiled by a crash of the server are run again once the adapter restarted it (a case whose judge
     * looks at the crash itself only when it never got to connect); what stays spoiled gets the crash or the
     * liveness reason as its error, or, for a case whose judge looks at crashes, the reason on its session.
     */
    private static List<Done> settle(TargetRun tr, List<Done> done, UnsolicitedMessages profile) {
        List<Done> out = new ArrayList<>(done);
        for (int round = 0; round < MAX_RUNS; round++) {
            tr.noticeExit();
            List<Integer> again = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                Done d = out.get(i);
                boolean rerunnable = !d.wsCase().crashIsVerdict() || d.error() != null && TargetRun.isConnectFailure(d.error())
                        || tr.startedWhileDown(d);
                if (d.attempt() < MAX_RUNS && rerunnable && !(d.error() instanceof TargetRun.TargetDown)
                        && tr.spoiled(d).isPresent()) {
                    again.add(i);
                }
            }
            if (again.isEmpty()) {
                break;
            }
            // one at a time: a server that crashes again then spoils only the one case in flight
            boolean recovered = true;
            for (int i : again) {
                Done d = out.get(i);
                if (!tr.recover(d.wsCase())) {
                    recovered = false;
                    break;
                }
                String why = tr.spoiled(d).orElse("");
                out.set(i, RUNS.compute(key(tr, d.wsCase()), (k, old) -> old != null && old.isDone() && old.join() == d
                        ? CompletableFuture.supplyAsync(() -> runOne(tr, d.wsCase(), profile, d.attempt() + 1, why), POOL)
                        : old).join());
            }
            if (!recovered) {
                break;
            }
        }
        List<Done> settled = new ArrayList<>();
        for (Done d : out) {
            Optional<String> why = tr.spoiled(d);
            if (why.isEmpty() || d.error() instanceof TargetRun.TargetDown || d.error() instanceof TargetRun.ServerDied) {
                settled.add(d);
            } else if (d.wsCase().crashIsVerdict() && !tr.startedWhileDown(d) && tr.crashDuring(d).isPresent()) {
                // a crash the adapter saw while this case made the server write from two sources: the verdict's
                // evidence, whether the case noticed it as a closed connection or as a failed write (a target that
                // merely stopped answering cannot say why: that stays ERROR)
                d.session().serverDied = why.get();
                settled.add(d.error() == null ? d : d.withError(null));
            } else if (d.wsCase().crashIsVerdict() && d.error() == null && tr.down().isEmpty()) {
                // it got all it waited for before the crash: judged as it is
                settled.add(d);
            } else {
                settled.add(d.withError(tr.down().isPresent() && d.error() != null
                        ? new TargetRun.TargetDown(tr.down().get())
                        : new TargetRun.ServerDied(why.get() + (d.attempt() > 1 ? ", in each of " + d.attempt() + " runs" : ""))));
            }
        }
        return settled;
    }

    /** Runs one case on its own, outside any target's run (no liveness, no learned messages): for tests. */
    static Done runOne(URI uri, boolean trust, WsCase c) {
        return runOne(null, uri, trust, c, UnsolicitedMessages.none(), 1, null);
    }

    private static Done runOne(TargetRun tr, WsCase c, UnsolicitedMessages profile, int attempt, String again) {
        return runOne(tr, tr.uri, tr.trust, c, profile, attempt, again);
    }

    /** Runs a case once; {@code again}: why the run before this one was spoiled (null for the first run). */
    private static Done runOne(TargetRun tr, URI uri, boolean trust, WsCase c, UnsolicitedMessages profile, int attempt,
                               String again) {
        WireSession s = new WireSession(uri, trust).caps(c.frameCap(), c.readCap());
        s.unsolicited = profile;
        if (tr != null && tr.adapter.capabilities().contains(WebSocketServerAdapter.LIMITS)) {
            s.declaredMaxMessage = tr.adapter.maxMessageSize().orElse(-1);
            s.declaredMaxFrame = tr.adapter.maxFramePayload().orElse(-1);
        }
        s.note("case " + c.id() + ": " + c.title());
        if (attempt > 1) {
            s.note("run " + attempt + " of this case: the earlier run was spoiled: " + again);
        }
        long t0 = System.nanoTime();
        if (RunDeadline.passed()) {
            s.harnessStop = RunDeadline.notRunReason();
            s.note(s.harnessStop);
            s.close();
            return new Done(c, s, null, 0, t0, t0, attempt);
        }
        Optional<String> down = tr == null ? Optional.empty() : tr.down();
        if (down.isPresent()) {
            s.note("not run: " + down.get());
            s.close();
            return new Done(c, s, new TargetRun.TargetDown(down.get()), 0, t0, t0, attempt);
        }
        FIRST_START.compareAndSet(0, t0);
        CASES.incrementAndGet();
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
        long t1 = System.nanoTime();
        Done d = new Done(c, s, error, (t1 - t0) / 1_000_000, t0, t1, attempt);
        if (tr != null) {
            if (error != null && TargetRun.isConnectFailure(error)) {
                tr.connectFailed(c, error);
            }
            tr.finished(d);
        }
        return d;
    }

    /** What went wrong, in one line for the report: a refused connection or a timeout says just that. */
    static String describe(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage();
        String text;
        if (t instanceof IllegalStateException || t instanceof WireConnection.TlsFailure || t instanceof NoAnswer
                || t instanceof TargetRun.TargetDown || t instanceof TargetRun.ServerDied) {
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
        return verdict(d, judge, false);
    }

    /** As above; with {@code everyFrame} (the sender checks) a case that got no connection has no frames to judge. */
    static WsCase.Verdict verdict(Done d, WsCase.Judge judge, boolean everyFrame) {
        WireSession s = d.session();
        WsCase.Verdict v;
        if (s.harnessStop != null) {
            v = WsCase.Verdict.noAnswer(s.harnessStop);
        } else if (d.error() instanceof TargetRun.ServerDied && everyFrame && !s.frames.isEmpty()) {
            // the frames the server sent before it died are still its frames: the sender checks judge them
            try {
                v = judge.judge(s);
            } catch (RuntimeException e) {
                v = WsCase.Verdict.noAnswer(d.error().getMessage());
            }
        } else if (d.error() instanceof TargetRun.TargetDown || d.error() instanceof TargetRun.ServerDied) {
            v = WsCase.Verdict.noAnswer(d.error().getMessage());
        } else if (d.error() != null) {
            v = everyFrame && s.frames.isEmpty()
                    ? WsCase.Verdict.notApplicable("no frames to check: the harness got no answer (" + describe(d.error()) + ")")
                    : WsCase.Verdict.noAnswer("the harness got no answer: " + describe(d.error()));
        } else {
            try {
                v = judge.judge(s);
            } catch (NoAnswer e) {
                v = WsCase.Verdict.noAnswer(describe(e));
            } catch (RuntimeException e) {
                v = WsCase.Verdict.noAnswer("cannot judge: " + describe(e));
            }
            if (v.outcome() == Outcome.FAIL && s.writeStall != null) {
                v = WsCase.Verdict.noAnswer(s.writeStall + ", so this is not judged (it would be: " + v.detail() + ")");
            }
        }
        return new WsCase.Verdict(v.outcome(), Values.printable(v.detail()));
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
        String test = Observation.test() == null ? "" : Observation.test();
        List<String> broken = new ArrayList<>();
        List<String> noAnswer = new ArrayList<>();
        List<String> observed = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        String down = null;
        int notRun = 0;
        int ok = 0;
        int na = 0;
        for (Done d : done) {
            WsCase.Verdict v = verdict(d, judge, everyFrame);
            if (d.error() instanceof TargetRun.TargetDown) {
                down = d.error().getMessage();
                notRun++;
            }
            String label = label(v);
            if ((v.outcome() == Outcome.PASS || everyFrame && v.outcome() == Outcome.UNSUPPORTED)
                    && d.session().silentAfterUpgrade()) {
                // no PASS without an exchange: a case where the server upgraded and then said nothing shows
                // nothing; it counts for the test only through the other cases
                v = new WsCase.Verdict(Outcome.PASS, SILENT);
                label = "NOT_JUDGED";
                silent.add(d.wsCase().id() + " " + d.wsCase().title() + ": not judged - " + SILENT);
            } else {
                switch (v.outcome()) {
                    case PASS -> ok++;
                    case FAIL -> broken.add(d.wsCase().id() + " " + d.wsCase().title() + ": " + v.detail());
                    case ERROR -> noAnswer.add(d.wsCase().id() + " " + d.wsCase().title() + ": " + v.detail());
                    case UNSUPPORTED -> na++;
                    default -> throw new IllegalStateException("a case verdict is PASS, FAIL, ERROR or UNSUPPORTED: " + v);
                }
            }
            String line = d.wsCase().id() + " " + d.wsCase().title() + ": " + label + " - " + v.detail();
            boolean listed = !everyFrame || v.outcome() == Outcome.FAIL || v.outcome() == Outcome.ERROR;
            if (listed) {
                observed.add(line);
            }
            Optional<String> page = tr.files.judged(d, requirement, test, label, v.detail());
            if (listed) {
                page.ifPresent(p -> Observation.file("case " + d.wsCase().id(), p));
            }
        }
        tr.files.writeIndex();
        Observation.file("every case of this target", CaseFiles.INDEX);
        String n = note.get();
        String tally = ok + " of " + done.size() + " cases as required" + (na > 0 ? ", " + na + " not applicable" : "")
                + (silent.isEmpty() ? "" : ", " + silent.size() + " not judged (nothing after the 101)")
                + (n.isEmpty() ? "" : "\n" + n);
        Check.that(expected, tally + (observed.isEmpty() ? "" : "\n" + String.join("\n", observed)),
                broken.isEmpty(), broken.size() + " of " + done.size() + " cases break it: "
                        + String.join("; ", broken.subList(0, Math.min(5, broken.size())))
                        + (broken.size() > 5 ? "; ..." : ""));
        if (down != null) {
            throw new NoAnswer(down + " (" + notRun + " of " + done.size() + " cases of this test not run"
                    + (noAnswer.size() > notRun ? ", " + (noAnswer.size() - notRun) + " more without an answer" : "") + ")");
        }
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
        if (ok == 0 && na > 0 && everyFrame) {
            throw new NoAnswer("the server sent no frame in any of the " + done.size() + " cases");
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
        String test = Observation.test() == null ? "" : Observation.test();
        List<String> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String down = null;
        for (Done d : done) {
            WireSession s = d.session();
            String why = s.harnessStop != null ? s.harnessStop : d.error() != null ? describe(d.error()) : null;
            if (d.error() instanceof TargetRun.TargetDown) {
                down = d.error().getMessage();
            }
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
                errors.add(d.wsCase().id() + ": " + why);
            }
            lines.add(d.wsCase().id() + " " + d.wsCase().title() + ": " + line);
            tr.files.judged(d, requirement, test, why == null ? "RECORDED" : "NO_ANSWER", line)
                    .ifPresent(p -> Observation.file("case " + d.wsCase().id(), p));
        }
        tr.files.writeIndex();
        Check.record(expected, String.join("\n", lines));
        if (errors.size() == done.size()) {
            throw new NoAnswer(down != null ? down : "no case got an answer: " + errors.get(0));
        }
    }
}
