package org.netconform.suites.wsserver;

import org.netconform.harness.Values;
import static org.netconform.suites.wsserver.ServerCases.PING;
import static org.netconform.suites.wsserver.ServerCases.PONG;
import static org.netconform.suites.wsserver.ServerCases.TEXT;
import static org.netconform.suites.wsserver.ServerCases.bytes;
import static org.netconform.suites.wsserver.ServerCases.concat;
import static org.netconform.suites.wsserver.ServerCases.fails;
import static org.netconform.suites.wsserver.ServerCases.frame;
import static org.netconform.suites.wsserver.ServerCases.text;
import static org.netconform.suites.wsserver.ServerCases.utf8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/** Ping, Pong and heartbeat over the wire: Autobahn 2.x and what Autobahn lacks (timing, idle, heartbeat). */
@Execution(ExecutionMode.CONCURRENT)
class ServerControlScenarios {

    /** Sends a Ping (in writes of {@code chop}) and waits for its Pong; the judge compares payloads. */
    static WsCase ping(String id, String title, byte[] payload, int chop) {
        return WsCase.of(id, title, s -> {
            ServerCases.mustOpen(s);
            s.expected.add(ServerCases.msg(PONG, payload));
            byte[] f = frame(PING, payload);
            if (chop > 0) {
                s.sendChopped(title, f, chop, 1);
            } else {
                s.send(title, f);
            }
            s.lastPingSentNanos = System.nanoTime();
            if (!s.awaitPongs(1, WsOptions.timeoutMs()) && s.end == WireSession.End.OPEN && !s.serverSentClose) {
                // no Pong yet: does the server still process input? (aux: a text sent after the Ping was echoed)
                s.send("probe: a text after the unanswered Ping", ServerCases.text("netconform-probe"));
                s.aux = s.awaitMessages(1, WsOptions.timeoutMs());
            }
            ServerCases.closeNormally(s);
        });
    }

    static List<WsCase> pingCases() {
        byte[] b125 = new byte[125];
        Arrays.fill(b125, (byte) 0xFE);
        return List.of(
                ping("2.1", "empty ping", new byte[0], 0),
                ping("2.2", "ping with text payload", utf8("Hello, world!"), 0),
                ping("2.3", "ping with binary payload", bytes(0x00, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0xff), 0),
                ping("2.4", "ping with 125-octet payload", b125, 0),
                ping("2.6", "ping with 125-octet payload, octet-wise", b125, 1),
                ping("U.6.3", "ping whose payload is invalid UTF-8", bytes(0xC0, 0x80, 0xED, 0xA0, 0x80), 0));
    }

    static WsCase.Verdict pongMatches(WireSession s) {
        byte[] want = s.expected.get(0).payload();
        List<byte[]> pongs = s.pongs();
        if (pongs.isEmpty()) {
            if (s.end == WireSession.End.GARBAGE) {
                return WsCase.Verdict.noAnswer(s.endDetail);
            }
            if (s.serverSentClose && (s.aux == null || !s.aux)) {
                return WsCase.Verdict.broken("no Pong; the server closed with " + ServerCases.closeText(s));
            }
            if (Boolean.TRUE.equals(s.aux)) {
                return WsCase.Verdict.broken("no Pong within " + WsOptions.timeoutMs() + " ms, though the server echoed a "
                        + "text sent after the Ping: it processed later input and left the Ping unanswered");
            }
            if (s.end == WireSession.End.FIN || s.end == WireSession.End.RESET) {
                return WsCase.Verdict.broken("no Pong; the server ended the connection: " + s.endDetail);
            }
            return WsCase.Verdict.noAnswer("no Pong within " + WsOptions.timeoutMs() + " ms and no echo of a text sent "
                    + "after the Ping: a timeout (slow or hung server), not a verdict");
        }
        if (!Arrays.equals(pongs.get(0), want)) {
            return WsCase.Verdict.broken("Pong payload " + Values.hex(pongs.get(0), 16) + ", Ping had "
                    + Values.hex(want, 16));
        }
        return WsCase.Verdict.ok("Pong with the Ping's payload");
    }

    static List<WsCase> oversizeControlCases() {
        byte[] b126 = new byte[126];
        return List.of(
                fails("2.5", "ping with 126-octet payload", frame(PING, b126)),
                fails("7.3.6", "close with a 124-octet reason (126-octet payload)",
                        frame(ServerCases.CLOSE, ServerCases.closePayload(1000, utf8("x".repeat(124))))),
                fails("C.3.1", "pong with 126-octet payload", text("Hello"), 1, frame(PONG, b126), 0));
    }

    static List<WsCase> unsolicitedPongCases() {
        return List.of(
                ServerCases.echo("2.7", "unsolicited empty pong, then text", concat(frame(PONG, new byte[0]), text("after pong")),
                        0, ServerCases.msg(TEXT, utf8("after pong"))),
                ServerCases.echo("2.8", "unsolicited pong with payload, then text",
                        concat(frame(PONG, utf8("unsolicited")), text("after pong")), 0, ServerCases.msg(TEXT, utf8("after pong"))),
                ServerCases.echo("2.9", "unsolicited 125-octet pong, then text", concat(frame(PONG, new byte[125]), text("x")), 0,
                        ServerCases.msg(TEXT, utf8("x"))));
    }

    static WsCase.Verdict nothingButTheEcho(WireSession s) {
        WsCase.Verdict v = ServerCases.echoed(s);
        if (!v.passed()) {
            return v;
        }
        List<InFrame> pongs = s.frames.stream().filter(f -> f.opcode() == PONG).toList();
        return pongs.isEmpty() ? WsCase.Verdict.ok("no response to the Pong; text echoed")
                : WsCase.Verdict.broken("the server answered an unsolicited Pong with " + pongs.size() + " Pong(s)");
    }

    static List<WsCase> burstCases() {
        List<WsCase> out = new ArrayList<>();
        for (int chop : new int[] {0, 1}) {
            String id = chop == 0 ? "2.10" : "2.11";
            out.add(WsCase.of(id, "10 pings with payloads ping-0..ping-9 in one write" + (chop == 1 ? ", octet-wise" : ""), s -> {
                ServerCases.mustOpen(s);
                List<byte[]> pings = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    pings.add(frame(PING, utf8("ping-" + i)));
                }
                byte[] all = concat(pings.toArray(byte[][]::new));
                if (chop == 0) {
                    s.send("10 pings", all);
                } else {
                    s.sendChopped("10 pings", all, 1, 0);
                }
                s.awaitPongs(10, WsOptions.timeoutMs());
                s.watch(200);
                ServerCases.closeNormally(s);
            }));
        }
        return out;
    }

    @ConformanceTest
    @Requirement("WS-CTRL-5")
    void pingsAreAnsweredWithTheirPayload(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "each Ping answered by a Pong with identical application data", pingCases(),
                ServerControlScenarios::pongMatches);
    }

    @ConformanceTest
    @Requirement("WS-CTRL-6")
    void pongsGoOutPromptly(WebSocketServerAdapter ws) {
        long prompt = WsOptions.promptMs();
        CaseRunner.check(ws, "the Pong arrives within " + prompt + " ms of the Ping's last octet", pingCases(), s -> {
            WsCase.Verdict v = pongMatches(s);
            if (!v.passed()) {
                return WsCase.Verdict.notApplicable("no matching Pong (see WS-CTRL-5)");
            }
            InFrame pong = s.frames.stream().filter(f -> f.opcode() == PONG).findFirst().orElseThrow();
            long ms = (pong.atNanos() - s.lastPingSentNanos) / 1_000_000;
            return ms <= prompt ? WsCase.Verdict.ok("Pong " + ms + " ms after the Ping")
                    : WsCase.Verdict.broken("Pong " + ms + " ms after the Ping");
        });
    }

    @ConformanceTest
    @Requirement("WS-CTRL-3")
    void oversizedControlFramesFailTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a Ping, Pong or Close with more than 125 octets of payload fails the connection",
                oversizeControlCases(), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-CTRL-8")
    void unsolicitedPongsAreIgnored(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "an unsolicited Pong gets no answer and the text after it is echoed",
                unsolicitedPongCases(), ServerControlScenarios::nothingButTheEcho);
    }

    @ConformanceTest
    @Requirement("WS-CTRL-7")
    void burstsOfPingsAreRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: how many Pongs for 10 Pings, and whether each carries its Ping's payload",
                burstCases(), s -> {
                    List<String> got = s.pongs().stream().map(p -> new String(p, java.nio.charset.StandardCharsets.UTF_8)).toList();
                    boolean inOrder = true;
                    for (int i = 0; i < got.size(); i++) {
                        inOrder &= got.get(i).equals("ping-" + i);
                    }
                    return got.size() + " Pong(s)" + (got.size() == 10 && inOrder ? ", one per Ping in order" : ": " + got);
                });
    }
}
