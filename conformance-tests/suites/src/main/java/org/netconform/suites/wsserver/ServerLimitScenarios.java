package org.netconform.suites.wsserver;

import static org.netconform.suites.wsserver.ServerCases.BINARY;
import static org.netconform.suites.wsserver.ServerCases.TEXT;
import static org.netconform.suites.wsserver.ServerCases.echo;
import static org.netconform.suites.wsserver.ServerCases.frame;
import static org.netconform.suites.wsserver.ServerCases.msg;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/** Sizes and limits: Autobahn 9.x with content checks (scaled by netconform.ws.scale), and 1009 limits. */
@Execution(ExecutionMode.CONCURRENT)
class ServerLimitScenarios {
    static final int K = 1024;
    static final int M = 1024 * 1024;

    static byte[] payload(int type, int n, long seed) {
        return type == TEXT ? ServerCases.randomText(n, seed) : ServerCases.randomBytes(n, seed);
    }

    static List<WsCase> performanceCases() {
        List<WsCase> out = new ArrayList<>();
        int[] single = {64 * K, 256 * K, M, 4 * M, 8 * M, 16 * M};
        int[] fragSizes = {64, 256, K, 4 * K, 16 * K, 64 * K, 256 * K, M, 4 * M};
        int[] chops = {64, 128, 256, 512, K, 2 * K};
        int[] rtSizes = {0, 16, 64, 256, K, 4 * K};
        for (int t = 0; t < 2; t++) {
            int type = t == 0 ? TEXT : BINARY;
            String name = t == 0 ? "text" : "binary";
            for (int i = 0; i < single.length; i++) {
                int n = WsOptions.scaled(single[i], K);
                byte[] p = payload(type, n, 100 + i);
                out.add(echo("9." + (1 + t) + "." + (i + 1), name + " message of " + n + " octets in one frame",
                        frame(type, p), 0, msg(type, p)));
            }
            int total = WsOptions.scaled(4 * M, 4 * K);
            for (int i = 0; i < fragSizes.length; i++) {
                int fs = Math.min(fragSizes[i], total);
                byte[] p = payload(type, total, 200 + i);
                out.add(echo("9." + (3 + t) + "." + (i + 1), name + " message of " + total + " octets in fragments of " + fs,
                        ServerCases.fragmented(type, p, fs), 0, msg(type, p)));
            }
            int chopped = WsOptions.scaled(M, 4 * K);
            for (int i = 0; i < chops.length; i++) {
                byte[] p = payload(type, chopped, 300 + i);
                out.add(echo("9." + (5 + t) + "." + (i + 1), name + " message of " + chopped + " octets in TCP chops of "
                        + chops[i], frame(type, p), chops[i], msg(type, p)));
            }
            int rounds = WsOptions.scaled(1000, 10);
            for (int i = 0; i < rtSizes.length; i++) {
                out.add(roundTrips("9." + (7 + t) + "." + (i + 1), type, name, rtSizes[i], rounds));
            }
        }
        return out;
    }

    static WsCase roundTrips(String id, int type, String name, int size, int rounds) {
        return WsCase.of(id, rounds + " sequential round trips of " + size + "-octet " + name + " messages", s -> {
            ServerCases.mustOpen(s);
            for (int i = 0; i < rounds; i++) {
                byte[] p = payload(type, size, i);
                s.expected.add(msg(type, p));
                s.send(i < 3 ? name + " " + i : null, frame(type, p));
                if (!s.awaitMessages(i + 1, WsOptions.timeoutMs())) {
                    break;
                }
            }
            ServerCases.closeNormally(s);
        });
    }

    /** A frame announcing 2^60 octets, then payload up to one octet past the limit; then a second connection. */
    static List<WsCase> hugeHeaderCases(long limit) {
        long send = Math.min(limit + 1, 64L * M);
        return List.of(WsCase.of("LIM.1.1", "binary frame announcing 2^60 octets, then " + send + " octets of payload", s -> {
            ServerCases.mustOpen(s);
            byte[] header = ServerCases.concat(ServerCases.bytes(0x82, 0xFF, 0x10, 0, 0, 0, 0, 0, 0, 0), ServerCases.bytes(1, 2, 3, 4));
            s.send("header announcing 2^60 octets", header);
            s.offendingSentNanos = System.nanoTime();
            pump(s, send);
            s.readToEnd(WsOptions.timeoutMs());
            s.aux = stillServes(s);
        }));
    }

    /** Sends {@code n} octets of filler in 64 KiB writes, stopping once the server has closed. */
    static void pump(WireSession s, long n) throws java.io.IOException {
        byte[] chunk = new byte[64 * K];
        long sent = 0;
        while (sent < n && s.end == WireSession.End.OPEN && !s.serverSentClose) {
            int len = (int) Math.min(chunk.length, n - sent);
            s.sendQuiet(java.util.Arrays.copyOf(chunk, len));
            sent += len;
            if (sent % (4 * M) == 0) {
                s.watch(0);
            }
        }
        s.note("OUT " + sent + " octets of payload in all");
    }

    static boolean stillServes(WireSession s) {
        try (WireSession second = new WireSession(s.uri(), s.trustAll())) {
            second.unsolicited = s.unsolicited;
            boolean ok = second.open();
            if (ok) {
                second.send("text on a second connection", ServerCases.text("still serving?"));
                ok = second.awaitMessages(1, WsOptions.timeoutMs());
            }
            s.note("second connection " + (ok ? "echoed a text: the server still serves" : "got no echo:\n" + second.log()));
            // its frames are the server's too: the sender checks see them with this case's
            s.senderViolations.addAll(second.senderViolations);
            return ok;
        } catch (Exception e) {
            s.note("second connection failed: " + e);
            return false;
        }
    }


    static List<WsCase> longMessageCases(long limit) {
        long total = Math.min(limit + 64 * K, 128L * M);
        return List.of(WsCase.of("LIM.2.1", "fragmented binary of 64 KiB continuation frames, " + total + " octets in all", s -> {
            ServerCases.mustOpen(s);
            byte[] chunk = new byte[64 * K];
            s.send("first fragment", frame(false, BINARY, chunk));
            s.offendingSentNanos = System.nanoTime();
            long sent = chunk.length;
            while (sent < total && s.end == WireSession.End.OPEN && !s.serverSentClose) {
                s.sendQuiet(frame(false, 0, chunk));
                sent += chunk.length;
                if (sent % (4 * M) == 0) {
                    s.watch(0);
                }
            }
            s.note("OUT " + sent + " octets of fragments in all");
            s.readToEnd(WsOptions.timeoutMs());
        }).caps(M, 8 * M));
    }

    static List<WsCase> oneOverCases(long maxMessage) {
        int n = (int) Math.min(maxMessage + 1, Integer.MAX_VALUE - 64);
        return List.of(
                WsCase.of("LIM.3.1", "binary message one octet over the limit (" + n + "), one frame", s -> {
                    ServerCases.mustOpen(s);
                    s.send("binary of " + n + " octets", frame(BINARY, new byte[n]));
                    s.readToEnd(ServerCases.waitFor(n));
                }).caps(M, 4L * M),
                WsCase.of("LIM.3.2", "binary message one octet over the limit (" + n + "), two fragments", s -> {
                    ServerCases.mustOpen(s);
                    int half = n / 2;
                    s.send("two fragments, " + n + " octets in all",
                            ServerCases.concat(frame(false, BINARY, new byte[half]), frame(true, 0, new byte[n - half])));
                    s.readToEnd(ServerCases.waitFor(n));
                }).caps(M, 4L * M));
    }

    static long limitOf(WebSocketServerAdapter ws) {
        return ws.maxMessageSize().orElseThrow(() -> new IllegalStateException("'limits' declared without maxMessageSize"));
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-5")
    void messagesWithinLimitsArriveIntact(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "Autobahn 9.1-9.8 at scale " + WsOptions.scale() + ": large, fragmented, chopped and repeated "
                + "messages echoed with identical content", performanceCases(), ServerCases::echoed);
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-1")
    @RequiresCapability(WebSocketServerAdapter.LIMITS)
    void aFrameAnnouncingTooMuchFailsTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a frame announcing 2^60 octets fails the connection by the time its payload passes the "
                + "limit, and the server still serves a second connection", hugeHeaderCases(ws.maxFramePayload()
                .orElse(limitOf(ws))), s -> {
                    WsCase.Verdict v = ServerCases.failedConnection(s);
                    if (!v.passed()) {
                        return v;
                    }
                    return Boolean.TRUE.equals(s.aux) ? v : WsCase.Verdict.broken("a second connection was not served");
                });
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-2")
    @RequiresCapability(WebSocketServerAdapter.LIMITS)
    void anEndlessFragmentedMessageFailsTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "continuation frames past the message limit fail the connection", longMessageCases(limitOf(ws)),
                ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-3")
    @RequiresCapability(WebSocketServerAdapter.LIMITS)
    void aMessageOneOctetOverTheLimitIsRefused(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a message one octet over the declared limit fails the connection", oneOverCases(limitOf(ws)),
                ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-4")
    @RequiresCapability(WebSocketServerAdapter.LIMITS)
    void limitsAreAnsweredWith1009(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "the Close for a frame or message over the limit carries 1009", declaredLimitCases(ws),
                ServerCases.closeCodeIs(1009));
    }

    static List<WsCase> headerProbeCases() {
        return List.of(WsCase.of("LIM.6.1", "binary frame header announcing 2^40 octets, 1 KiB of payload, 1 s watch", s -> {
            ServerCases.mustOpen(s);
            s.send("header announcing 2^40 octets + 1 KiB", ServerCases.concat(
                    ServerCases.bytes(0x82, 0xFF, 0, 0, 1, 0, 0, 0, 0, 0, 9, 8, 7, 6), new byte[K]));
            s.watch(1000);
            s.note(s.serverSentClose || s.end != WireSession.End.OPEN ? "failed on the header"
                    : "waiting for the payload after 1 s");
        }));
    }

    /** The cases that need the declared limits (capability limits). */
    static List<WsCase> declaredLimitCases(WebSocketServerAdapter ws) {
        List<WsCase> cases = new ArrayList<>(hugeHeaderCases(ws.maxFramePayload().orElse(limitOf(ws))));
        cases.addAll(longMessageCases(limitOf(ws)));
        cases.addAll(oneOverCases(limitOf(ws)));
        return cases;
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-6")
    void limitsAreRecorded(WebSocketServerAdapter ws) {
        String declared = "declared: message " + (ws.maxMessageSize().isPresent() ? ws.maxMessageSize().getAsLong() : "?")
                + ", frame " + (ws.maxFramePayload().isPresent() ? ws.maxFramePayload().getAsLong() : "?") + "; ";
        CaseRunner.record(ws, "recorded: declared limits, and the reaction to a header announcing 2^40 octets (1 KiB sent)",
                headerProbeCases(), s -> declared + (s.log().contains("failed on the header") ? "fails on the header: " + ServerCases.summary(s)
                        : "reads the payload (no reaction within 1 s)"));
    }

}
