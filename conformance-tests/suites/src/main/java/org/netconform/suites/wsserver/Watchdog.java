package org.netconform.suites.wsserver;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.netconform.harness.RunDeadline;

/**
 * Holds every open connection of the endpoint suite to its deadlines, from one daemon thread that looks
 * every 50 ms: a write the server has not read for {@link WsOptions#writeTimeoutMs()} is abandoned (the
 * client's output is shut down, so what the server still sends can be read), and the connections of a case
 * past its hard deadline ({@link WsOptions#caseDeadlineMs()}), or of any case once the run's deadline has
 * passed ({@link RunDeadline}), are closed and the case's thread interrupted. Blocking I/O then ends at once,
 * whatever the server does.
 */
final class Watchdog {
    private static final long PERIOD_MS = 50;
    private static final Set<WireConnection> WATCHED = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<Long> CASE_DEADLINE = new ThreadLocal<>();
    private static Thread thread;

    private Watchdog() {
    }

    /** The hard deadline (System.nanoTime) of the case this thread runs; connections it opens inherit it. */
    static void caseStarted(long deadlineNanos) {
        CASE_DEADLINE.set(deadlineNanos);
    }

    /** Ends this thread's case: any connection it left open is closed, so no later kill reaches the thread. */
    static void caseEnded() {
        CASE_DEADLINE.remove();
        Thread me = Thread.currentThread();
        for (WireConnection c : WATCHED) {
            if (c.owner() == me) {
                c.close();
            }
        }
    }

    /** This thread's case deadline, or 0 outside a case. */
    static long caseDeadline() {
        Long d = CASE_DEADLINE.get();
        return d == null ? 0 : d;
    }

    static void watch(WireConnection c) {
        WATCHED.add(c);
        start();
    }

    static void unwatch(WireConnection c) {
        WATCHED.remove(c);
    }

    private static synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(Watchdog::loop, "netconform-ws-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private static void loop() {
        while (true) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (WATCHED.isEmpty()) {
                continue;
            }
            long now = System.nanoTime();
            boolean runOver = RunDeadline.passed();
            for (WireConnection c : WATCHED) {
                try {
                    c.check(now, runOver);
                } catch (RuntimeException e) {
                    // a connection that cannot be checked is closed; the watchdog goes on
                    c.kill("the harness could not watch this connection: " + e);
                }
            }
        }
    }
}
