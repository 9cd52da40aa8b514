package org.netconform.suites.wsserver;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.netconform.spi.wsserver.ServerExit;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/**
 * What the endpoint suite knows about one target during a run, beyond single cases: what the server sends on
 * its own ({@link UnsolicitedMessages}, learned once before the cases), whether it is still alive (liveness),
 * the crashes of a server the adapter runs itself, and the per-case files of the report ({@link CaseFiles}).
 *
 * <p>Liveness: a case that cannot connect makes the harness probe the server; when it refuses connections
 * for about a second, the target is down: that is said once (when, after which case, and how the adapter saw
 * it stop), and every case from then on, and those in flight when it stopped, is ERROR with that one reason,
 * without trying to connect. A server the adapter runs and can restart ({@link WebSocketServerAdapter#restart})
 * is restarted instead, and the cases its crash spoiled are run again once; a crash is always recorded.
 */
final class TargetRun {
    private static final Map<String, TargetRun> RUNS = new ConcurrentHashMap<>();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /**
     * A case ending this soon before the adapter noticed the exit still counts as spoiled by it (the notice comes
     * after the connections' FIN or reset; a case that in fact finished just before is merely run again).
     */
    private static final long EXIT_SLACK_NANOS = 1_000_000_000L;

    /** A crash of a server the adapter runs: how it stopped, and whether the adapter brought it back. */
    record Crash(ServerExit exit, String afterCase, long restartedAtNanos) {
    }

    /** The target refuses connections: every case from now on is ERROR with this reason, said once. */
    static final class TargetDown extends RuntimeException {
        TargetDown(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The server the adapter runs died during this case (after the case was already run again once). */
    static final class ServerDied extends RuntimeException {
        ServerDied(String reason) {
            super(reason, null, false, false);
        }
    }

    final String target;
    final URI uri;
    final WebSocketServerAdapter adapter;
    final boolean trust;
    final long startedNanos = System.nanoTime();
    final CaseFiles files;
    private final AtomicReference<CompletableFuture<UnsolicitedMessages>> profile = new AtomicReference<>();
    private final AtomicLong lastSignOfLife = new AtomicLong();
    private final AtomicReference<String> lastCaseConnected = new AtomicReference<>("none");
    private volatile String downReason;
    private volatile long downAtNanos;
    private final List<Crash> crashes = new ArrayList<>();

    private TargetRun(String target, URI uri, WebSocketServerAdapter adapter, boolean trust) {
        this.target = target;
        this.uri = uri;
        this.adapter = adapter;
        this.trust = trust;
        this.files = new CaseFiles(target);
    }

    static TargetRun of(String target, URI uri, WebSocketServerAdapter adapter, boolean trust) {
        return RUNS.computeIfAbsent(target + "|" + uri, k -> new TargetRun(target, uri, adapter, trust));
    }

    /** The run of this target and URI, when one has begun. */
    static Optional<TargetRun> existing(String target, URI uri) {
        return Optional.ofNullable(RUNS.get(target + "|" + uri));
    }

    // ---------------------------------------------------------------- unsolicited messages

    /**
     * What the server sends on its own: declared with {@value UnsolicitedMessages#PROPERTY}, or learned from the
     * idle-window case {@code learning} (run once, before any other case). Blocks until known.
     */
    UnsolicitedMessages unsolicited(java.util.function.Function<WsCase, CaseRunner.Done> runner) {
        CompletableFuture<UnsolicitedMessages> f = profile.get();
        if (f == null) {
            CompletableFuture<UnsolicitedMessages> mine = new CompletableFuture<>();
            if (profile.compareAndSet(null, mine)) {
                try {
                    mine.complete(learn(runner));
                } catch (RuntimeException e) {
                    mine.complete(UnsolicitedMessages.none());
                }
            }
            f = profile.get();
        }
        return f.join();
    }

    private UnsolicitedMessages learn(java.util.function.Function<WsCase, CaseRunner.Done> runner) {
        UnsolicitedMessages declared = UnsolicitedMessages.fromProperty();
        if (declared != null) {
            return declared;
        }
        CaseRunner.Done d = runner.apply(ServerHeartbeatScenarios.learningCase());
        List<InMessage> seen = new ArrayList<>(d.session().messages);
        seen.addAll(d.session().unsolicitedMessages);
        return UnsolicitedMessages.learned(seen, WsOptions.learnMs());
    }

    /** The profile once known (for reports); none before. */
    UnsolicitedMessages profileNow() {
        CompletableFuture<UnsolicitedMessages> f = profile.get();
        return f != null && f.isDone() ? f.join() : UnsolicitedMessages.none();
    }

    // ---------------------------------------------------------------- liveness

    Optional<String> down() {
        return Optional.ofNullable(downReason);
    }

    /** After a case: remembers the last sign of life and notices a crash the adapter reports. */
    void finished(CaseRunner.Done d) {
        WireSession s = d.session();
        long last = s.frames.isEmpty() ? 0 : s.frames.get(s.frames.size() - 1).atNanos();
        if (s.response != null) {
            last = Math.max(last, d.startNanos());
            lastCaseConnected.set(d.wsCase().id());
        }
        long l = last;
        lastSignOfLife.accumulateAndGet(l, Math::max);
        noticeExit();
    }

    /** Records a crash the adapter reports, once per exit. */
    synchronized Optional<Crash> noticeExit() {
        Optional<ServerExit> exit = adapter.exited();
        if (exit.isEmpty()) {
            return Optional.empty();
        }
        for (Crash c : crashes) {
            if (c.exit().atNanos() == exit.get().atNanos()) {
                return Optional.of(c);
            }
        }
        Crash c = new Crash(exit.get(), lastCaseConnected.get(), 0);
        crashes.add(c);
        return Optional.of(c);
    }

    synchronized List<Crash> crashes() {
        return List.copyOf(crashes);
    }

    /** A connection attempt failed: is the server gone? Probes it for about a second; declares it down if so. */
    void connectFailed(WsCase c, Throwable error) {
        if (downReason != null || noticeExit().isPresent()) {
            // a crash the adapter saw: recover() restarts the server or declares the target down
            return;
        }
        for (int i = 0; i < 3; i++) {
            if (noticeExit().isPresent()) {
                // the adapter saw its server stop meanwhile: recover() decides, not the probe
                return;
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort()
                        : WireConnection.isTls(uri) ? 443 : 80), (int) Math.min(1000, WsOptions.timeoutMs()));
                return;
            } catch (IOException e) {
                sleep(300);
            }
        }
        if (noticeExit().isEmpty()) {
            markDown(c, error);
        }
    }

    private synchronized void markDown(WsCase c, Throwable error) {
        if (downReason != null) {
            return;
        }
        long now = System.nanoTime();
        String how = error instanceof ConnectException ? "cannot connect (" + error.getMessage() + ")"
                : error instanceof SocketTimeoutException ? "cannot connect (the connect timed out)"
                : "cannot connect (" + error + ")";
        String exit = noticeExit().map(x -> "; the adapter saw it stop: " + x.exit().reason()).orElse("");
        downAtNanos = now;
        downReason = "the target stopped answering: " + how + " to " + uri + " since " + LocalTime.now().format(CLOCK)
                + ", " + String.format("%.1f", (now - startedNanos) / 1e9) + " s into its run, after case "
                + lastCaseConnected.get() + " (the last that connected)" + exit + "; this case and every later one "
                + "are not run (first noticed by case " + c.id() + ")";
    }

    private volatile boolean restartable = true;

    /**
     * After a crash: restarts the server (once per crash) when the adapter can; otherwise declares the target
     * down. Returns whether cases may be run again.
     */
    synchronized boolean recover(WsCase spoiled) {
        Optional<ServerExit> exit = adapter.exited();
        if (exit.isEmpty()) {
            return downReason == null;
        }
        Crash crash = noticeExit().orElseThrow();
        if (restartable && adapter.restart()) {
            crashes.set(crashes.indexOf(crash), new Crash(crash.exit(), crash.afterCase(), System.nanoTime()));
            return true;
        }
        restartable = false;
        if (downReason == null) {
            downAtNanos = System.nanoTime();
            downReason = "the target stopped answering: the server the adapter runs stopped ("
                    + crash.exit().reason() + ") " + String.format("%.1f", (crash.exit().atNanos() - startedNanos) / 1e9)
                    + " s into its run, after case " + crash.afterCase() + ", and could not be restarted; this case and "
                    + "every later one are not run (first noticed by case " + spoiled.id() + ")";
        }
        return false;
    }

    /**
     * Why this finished case cannot stand as it is: the server crashed while it ran (or it could not connect
     * because of that), or the target went down while it was in flight. Empty when it stands.
     */
    Optional<String> spoiled(CaseRunner.Done d) {
        if (d.error() instanceof TargetDown || d.error() instanceof ServerDied) {
            return Optional.of(d.error().getMessage());
        }
        for (Crash c : crashes()) {
            long at = c.exit().atNanos();
            boolean inFlight = d.startNanos() <= at && d.endNanos() >= at - EXIT_SLACK_NANOS;
            boolean refused = d.error() != null && isConnectFailure(d.error()) && d.startNanos() >= at - EXIT_SLACK_NANOS
                    && (c.restartedAtNanos() == 0 || d.startNanos() <= c.restartedAtNanos());
            if (inFlight || refused) {
                return Optional.of("the server stopped during this case (" + c.exit().reason() + ")");
            }
        }
        if (downReason != null && d.startNanos() < downAtNanos) {
            WireSession s = d.session();
            long last = s.frames.isEmpty() ? 0 : s.frames.get(s.frames.size() - 1).atNanos();
            boolean abrupt = d.error() != null || s.end == WireSession.End.RESET
                    || s.end == WireSession.End.FIN && !s.serverSentClose;
            if (abrupt && d.endNanos() > lastSignOfLife.get() && last < lastSignOfLife.get()) {
                return Optional.of("in flight when " + downReason.replace("; this case and every later one are not run", ""));
            }
        }
        return Optional.empty();
    }

    /**
     * The crash the adapter saw while this case was running and that cut it short (its connection ended without
     * the server's Close, or an echo it waited for never came), if any: the evidence a case that judges crashes
     * reports. A case that got everything it waited for was not hurt by a crash just after it.
     */
    Optional<Crash> crashDuring(CaseRunner.Done d) {
        WireSession s = d.session();
        boolean cutShort = !s.serverSentClose && (s.end == WireSession.End.RESET || s.end == WireSession.End.FIN)
                || s.messages.size() < s.expected.stream().filter(m -> m.opcode() == 1 || m.opcode() == 2).count();
        return !cutShort ? Optional.empty() : crashes().stream().filter(c -> d.startNanos() <= c.exit().atNanos()
                && d.endNanos() >= c.exit().atNanos() - EXIT_SLACK_NANOS).findFirst();
    }

    static boolean isConnectFailure(Throwable t) {
        return t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).contains("connect");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
