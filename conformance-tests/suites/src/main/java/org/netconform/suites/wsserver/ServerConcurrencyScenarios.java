package org.netconform.suites.wsserver;

import static org.netconform.suites.wsserver.ServerCases.PING;
import static org.netconform.suites.wsserver.ServerCases.TEXT;
import static org.netconform.suites.wsserver.ServerCases.concat;
import static org.netconform.suites.wsserver.ServerCases.frame;
import static org.netconform.suites.wsserver.ServerCases.msg;
import static org.netconform.suites.wsserver.ServerCases.utf8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/**
 * A server that writes from two sources at once: large echoes while its own heartbeat (a Ping, or a text
 * message of its own) or a Pong is due, and many messages in flight. Every frame it sends must be whole and
 * well formed, every echo intact and in order. A server that interleaves a heartbeat into an echo frame, or
 * dies on concurrent writes (gorilla/websocket panics on them by design), breaks WS-FRAME-12; the crash, as
 * the adapter saw it, is the evidence.
 */
@Execution(ExecutionMode.CONCURRENT)
class ServerConcurrencyScenarios {
    /** How long the slow reader leaves the echo unread: longer than a 1 s heartbeat, so one falls due. */
    static final long PAUSE_MS = 1500;

    /**
     * CONC.1: one large text message whose echo the client leaves unread for {@value #PAUSE_MS} ms with a small
     * receive buffer, so the server's write of it blocks while its heartbeat falls due and Pings arrive (one
     * message only: the client must not block on its own write while the server blocks on its). CONC.2: 200
     * text messages, every fifth fragmented, and 20 Pings in one write. Text only, so that what is judged here is
     * the frames and their content, not the echo's type (WS-FRAME-11).
     */
    static List<WsCase> concurrencyCases() {
        // not scaled down: the echo must outgrow what the kernel buffers for a reader that does not read (Linux
        // grows a send buffer up to 4 MiB), or the server's write never blocks and nothing overlaps
        int size = 8 << 20;
        List<WsCase> out = new ArrayList<>();
        out.add(WsCase.of("CONC.1", "text message of " + size + " octets, its echo left unread for " + PAUSE_MS
                + " ms (a slow reader) while the server's heartbeat falls due and Pings arrive", s -> {
            s.receiveBuffer = 16 * 1024;
            ServerCases.mustOpen(s);
            byte[] p = ServerCases.randomText(size, 900);
            s.expected.add(msg(TEXT, p));
            s.send("text message of " + size + " octets", frame(TEXT, p));
            if (s.writeStall != null || s.end != WireSession.End.OPEN) {
                // the server does not even read the message: there is nothing concurrent to see here
                ServerCases.closeNormally(s);
                return;
            }
            long end = System.nanoTime() + PAUSE_MS * 1_000_000;
            int pings = 0;
            while (System.nanoTime() < end) {
                // the client does not read: the server's write blocks while its heartbeat or the Pongs fall due
                sleep(300);
                s.send("Ping conc-" + pings + " (the echo still unread)", frame(PING, utf8("conc-" + pings++)));
            }
            s.awaitMessages(1, ServerCases.waitFor(size, 1) + PAUSE_MS);
            s.watch(100);
            ServerCases.closeNormally(s);
        }).caps(size + 1024, 4L * size + 4L * 1024 * 1024).judgingCrashes());
        out.add(WsCase.of("CONC.2", "200 text messages of 0 to 8 KiB, every fifth fragmented, and 20 Pings, all in "
                + "flight at once", s -> {
            ServerCases.mustOpen(s);
            List<byte[]> octets = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < 200; i++) {
                int n = (int) ((i * 2654435761L) % 8193);
                byte[] p = ServerCases.randomText(n, 1000 + i);
                s.expected.add(msg(TEXT, p));
                octets.add(i % 5 == 4 ? ServerCases.fragmented(TEXT, p, Math.max(1, n / 3 + 1)) : frame(TEXT, p));
                total += n;
                if (i % 10 == 9) {
                    octets.add(frame(PING, utf8("burst-" + i / 10)));
                }
            }
            s.send("200 text messages and 20 Pings", concat(octets.toArray(byte[][]::new)));
            s.awaitMessages(200, ServerCases.waitFor(total, 400));
            s.watch(100);
            ServerCases.closeNormally(s);
        }).judgingCrashes());
        return out;
    }

    static WsCase.Verdict wellFormedUnderLoad(WireSession s) {
        if (s.serverDied != null) {
            return WsCase.Verdict.broken("the server died while it had echoes, Pongs and its own messages to write at "
                    + "once: " + s.serverDied + "; " + s.messages.size() + " of " + s.expected.size() + " echoes arrived");
        }
        if (!s.senderViolations.isEmpty()) {
            return WsCase.Verdict.broken("a frame it sent under concurrent writes is not well formed: "
                    + s.senderViolations.get(0) + (s.senderViolations.size() > 1 ? " (and " + (s.senderViolations.size() - 1)
                    + " more)" : ""));
        }
        if (s.end == WireSession.End.GARBAGE) {
            return WsCase.Verdict.broken("the octets it sent under concurrent writes do not parse as frames: " + s.endDetail);
        }
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(utf8("burst-" + i));
            sent.add(utf8("conc-" + i));
        }
        for (byte[] pong : s.pongs()) {
            if (sent.stream().noneMatch(p -> Arrays.equals(p, pong))) {
                return WsCase.Verdict.broken("a Pong whose payload no Ping had (a corrupted frame?): "
                        + org.netconform.harness.Values.hex(pong, 16));
            }
        }
        if (s.messages.isEmpty() && s.serverSentClose && s.serverClosedFirst && s.serverClose.closeCode() >= 1000) {
            // it refused the message itself (too big for it) before writing anything back: nothing concurrent happened
            return WsCase.Verdict.notApplicable("the server refused the message with Close " + ServerCases.closeText(s)
                    + " before echoing anything (a size limit of its own, see WS-LIMIT-*): no concurrent writes to judge");
        }
        WsCase.Verdict v = ServerCases.echoed(s);
        return v.passed() ? WsCase.Verdict.ok(v.detail() + ", " + s.frames.size() + " frames well formed, "
                + s.pongs().size() + " Pong(s)") : v;
    }

    @ConformanceTest
    @Requirement("WS-FRAME-12")
    void framesStayWholeWhenTheServerWritesFromTwoSources(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "under concurrent writes (large echoes to a slow reader while the server's heartbeat or a "
                + "Pong is due; 200 messages and 20 Pings in flight) every frame whole and well formed, every echo intact "
                + "and in order, and the server still running", concurrencyCases(),
                ServerConcurrencyScenarios::wellFormedUnderLoad, false,
                () -> CaseRunner.targetRun(ws).crashes().isEmpty() ? ""
                        : "the server the adapter runs stopped " + CaseRunner.targetRun(ws).crashes().size()
                        + " time(s) during this target's run (each time restarted, the cases it spoiled run again): "
                        + CaseRunner.targetRun(ws).crashes().stream().map(c -> "after case " + c.afterCase() + ": "
                        + c.exit().reason()).distinct().toList());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
