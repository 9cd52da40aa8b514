package org.netconform.suites.wsserver;

import static org.netconform.suites.wsserver.ServerCases.BINARY;
import static org.netconform.suites.wsserver.ServerCases.PING;
import static org.netconform.suites.wsserver.ServerCases.PONG;
import static org.netconform.suites.wsserver.ServerCases.TEXT;
import static org.netconform.suites.wsserver.ServerCases.concat;
import static org.netconform.suites.wsserver.ServerCases.echo;
import static org.netconform.suites.wsserver.ServerCases.fails;
import static org.netconform.suites.wsserver.ServerCases.frame;
import static org.netconform.suites.wsserver.ServerCases.msg;
import static org.netconform.suites.wsserver.ServerCases.text;
import static org.netconform.suites.wsserver.ServerCases.utf8;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/** Fragmentation over the wire: Autobahn 5.x and 10.1, and what the server's own echoes look like. */
@Execution(ExecutionMode.CONCURRENT)
class ServerFragmentationScenarios {
    private static final byte[] EMPTY = new byte[0];

    static List<WsCase> deliveryCases() {
        byte[] frag = concat(frame(false, TEXT, utf8("fragment1")), frame(true, 0, utf8("fragment2")));
        byte[] big = ServerCases.randomText(65536, 10);
        byte[] bin = ServerCases.randomBytes(1000, 11);
        return List.of(
                echo("5.3", "text in 2 fragments", frag, 0, msg(TEXT, utf8("fragment1fragment2"))),
                echo("5.4", "text in 2 fragments, in TCP chops of 5", frag, 5, msg(TEXT, utf8("fragment1fragment2"))),
                echo("5.5", "text in 2 fragments, octet-wise", frag, 1, msg(TEXT, utf8("fragment1fragment2"))),
                echo("10.1.1", "64 KiB text in fragments of 1300 octets", ServerCases.fragmented(TEXT, big, 1300), 0, msg(TEXT, big)),
                echo("F.2.1", "binary in fragments of 1 octet", ServerCases.fragmented(BINARY, bin, 1), 0, msg(BINARY, bin)),
                echo("F.2.2", "text made only of empty fragments",
                        concat(frame(false, TEXT, EMPTY), frame(false, 0, EMPTY), frame(true, 0, EMPTY)), 0, msg(TEXT, EMPTY)),
                echo("6.1.3", "text: empty fragment, \"middle\", empty fragment",
                        concat(frame(false, TEXT, EMPTY), frame(false, 0, utf8("middle")), frame(true, 0, EMPTY)), 0,
                        msg(TEXT, utf8("middle"))));
    }

    /** Autobahn 5.6-5.8, 5.19-5.20: control frames between fragments. */
    static List<WsCase> interleavedControlCases() {
        List<WsCase> out = new ArrayList<>();
        byte[] withPing = concat(frame(false, TEXT, utf8("fragment1")), frame(PING, utf8("between")),
                frame(true, 0, utf8("fragment2")));
        int[] chops = {0, 5, 1};
        String[] ids = {"5.6", "5.7", "5.8"};
        for (int i = 0; i < 3; i++) {
            int chop = chops[i];
            out.add(WsCase.of(ids[i], "text fragment, ping, last fragment" + (chop == 5 ? ", chops of 5" : chop == 1
                    ? ", octet-wise" : ""), s -> {
                ServerCases.mustOpen(s);
                s.expected.add(msg(TEXT, utf8("fragment1fragment2")));
                if (chop > 0) {
                    s.sendChopped("fragment, ping, fragment", withPing, chop, 0);
                } else {
                    s.send("fragment, ping, fragment", withPing);
                }
                s.awaitMessages(1, WsOptions.timeoutMs());
                s.awaitPongs(1, 200);
                ServerCases.closeNormally(s);
            }));
        }
        out.add(WsCase.of("5.19", "text in 5 fragments with a ping after the 2nd and 4th, sent 100 ms apart", s -> {
            ServerCases.mustOpen(s);
            s.expected.add(msg(TEXT, utf8("f1f2f3f4f5")));
            s.send("f1", frame(false, TEXT, utf8("f1")));
            s.send("f2 + ping", concat(frame(false, 0, utf8("f2")), frame(PING, utf8("pong-1"))));
            s.awaitPongs(1, WsOptions.timeoutMs());
            s.send("f3", frame(false, 0, utf8("f3")));
            s.send("f4 + ping", concat(frame(false, 0, utf8("f4")), frame(PING, utf8("pong-2"))));
            s.awaitPongs(2, WsOptions.timeoutMs());
            s.send("f5", frame(true, 0, utf8("f5")));
            s.awaitMessages(1, WsOptions.timeoutMs());
            ServerCases.closeNormally(s);
        }));
        out.add(echo("5.20", "text fragment, unsolicited pong, last fragment",
                concat(frame(false, TEXT, utf8("a")), frame(PONG, utf8("x")), frame(true, 0, utf8("b"))), 0,
                msg(TEXT, utf8("ab"))));
        return out;
    }

    static WsCase.Verdict echoedWithPongs(WireSession s) {
        WsCase.Verdict v = ServerCases.echoed(s);
        if (!v.passed()) {
            return v;
        }
        long pingsSent = s.log().lines().filter(l -> l.contains("OUT") && l.contains("ping")).count();
        List<byte[]> pongs = s.pongs();
        if (s.log().contains("fragment, ping, fragment") && pongs.isEmpty()) {
            return WsCase.Verdict.broken("the message was echoed but the Ping between its fragments got no Pong");
        }
        if (s.log().contains("f4 + ping") && pongs.size() < 2) {
            return WsCase.Verdict.broken("only " + pongs.size() + " Pong(s) for the 2 Pings between fragments");
        }
        return WsCase.Verdict.ok("message intact, " + pongs.size() + " Pong(s)" + (pingsSent > 0 ? "" : ""));
    }

    static List<WsCase> fragmentedControlCases() {
        return List.of(
                fails("5.1", "ping in 2 fragments", concat(frame(false, PING, utf8("frag1")), frame(true, 0, utf8("frag2")))),
                fails("5.2", "pong in 2 fragments", concat(frame(false, PONG, utf8("frag1")), frame(true, 0, utf8("frag2")))),
                fails("C.4.1", "close with FIN clear", frame(false, ServerCases.CLOSE, ServerCases.closePayload(1000, new byte[0]))));
    }

    static List<WsCase> orphanContinuationCases() {
        byte[] cont1 = frame(true, 0, utf8("non-continuation payload"));
        byte[] cont0 = frame(false, 0, utf8("non-continuation payload"));
        return List.of(
                fails("5.9", "continuation with FIN, nothing to continue", cont1),
                fails("5.10", "continuation with FIN, nothing to continue, chops of 1", text("ok"), 1, cont1, 1),
                fails("5.12", "continuation without FIN, nothing to continue", cont0),
                fails("5.13", "continuation without FIN, nothing to continue, chops of 1", text("ok"), 1, cont0, 1),
                fails("5.15", "a complete fragmented text, then a continuation and a text",
                        concat(frame(false, TEXT, utf8("fragment1")), frame(true, 0, utf8("fragment2"))), 1,
                        concat(frame(false, 0, utf8("fragment3")), frame(true, TEXT, utf8("fragment4"))), 0),
                fails("5.16", "continuation, text fragment, last fragment, repeated",
                        concat(frame(false, 0, utf8("fragment1")), frame(false, TEXT, utf8("fragment2")),
                                frame(true, 0, utf8("fragment3")))));
    }

    static List<WsCase> interleavedDataCases() {
        return List.of(
                fails("5.18", "text fragment, then a text frame with FIN",
                        concat(frame(false, TEXT, utf8("fragment1")), frame(true, TEXT, utf8("fragment2")))),
                fails("F.6.2", "text fragment, then a binary frame",
                        concat(frame(false, TEXT, utf8("fragment1")), frame(true, BINARY, utf8("fragment2")))),
                fails("F.6.3", "binary fragment, then a text fragment, then the last continuation",
                        concat(frame(false, BINARY, utf8("a")), frame(false, TEXT, utf8("b")), frame(true, 0, utf8("c")))));
    }

    /** Large echoes, to see whether the server fragments on its own. */
    static List<WsCase> autoFragmentCases() {
        byte[] k64 = ServerCases.randomBytes(65536, 12);
        int mib = WsOptions.scaled(1 << 20, 65537);
        byte[] m1 = ServerCases.randomBytes(mib, 13);
        return List.of(echo("F.7.1", "binary of 64 KiB", frame(BINARY, k64), 0, msg(BINARY, k64)),
                echo("F.7.2", "binary of " + mib + " octets", frame(BINARY, m1), 0, msg(BINARY, m1)));
    }

    @ConformanceTest
    @Requirement("WS-FRAG-2")
    void fragmentedMessagesAreDeliveredWhole(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "fragmented messages (2 fragments, 1-octet fragments, empty fragments, 1300-octet fragments) "
                + "echoed as the concatenation of their fragments", deliveryCases(), ServerCases::echoed);
    }

    @ConformanceTest
    @Requirement("WS-FRAG-3")
    void controlFramesBetweenFragmentsAreHandled(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a Ping between fragments answered, a Pong ignored, the message delivered intact",
                interleavedControlCases(), ServerFragmentationScenarios::echoedWithPongs);
    }

    @ConformanceTest
    @Requirement("WS-CTRL-4")
    void fragmentedControlFramesFailTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a Ping, Pong or Close with FIN clear fails the connection", fragmentedControlCases(),
                ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-FRAG-5")
    void aContinuationWithNothingToContinueFailsTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a continuation frame outside a fragmented message fails the connection",
                orphanContinuationCases(), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-FRAG-6")
    void aDataFrameInsideAFragmentedMessageFailsTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a text or binary frame while a fragmented message is in progress fails the connection",
                interleavedDataCases(), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-FRAG-7")
    void whetherTheServerFragmentsItsOwnMessagesIsRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: the frames the server uses for large echoes", autoFragmentCases(),
                s -> s.messages.isEmpty() ? "no echo: " + ServerCases.summary(s)
                        : s.messages.get(0).payload().length + " octets in " + s.messages.get(0).frames() + " frame(s)"
                        + (s.messages.get(0).frames() > 1 ? ", first frame " + s.frames.stream().filter(f -> f.opcode() == 2)
                        .findFirst().map(f -> f.length() + " octets").orElse("?") : ""));
    }
}
