package org.netconform.suites.wsserver;

import static org.netconform.suites.wsserver.ServerCases.CLOSE;
import static org.netconform.suites.wsserver.ServerCases.PING;
import static org.netconform.suites.wsserver.ServerCases.TEXT;
import static org.netconform.suites.wsserver.ServerCases.bytes;
import static org.netconform.suites.wsserver.ServerCases.closePayload;
import static org.netconform.suites.wsserver.ServerCases.concat;
import static org.netconform.suites.wsserver.ServerCases.fails;
import static org.netconform.suites.wsserver.ServerCases.frame;
import static org.netconform.suites.wsserver.ServerCases.text;
import static org.netconform.suites.wsserver.ServerCases.utf8;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/** Close frames and the closing handshake: Autobahn 7.x, plus peer-initiated close and close timeouts. */
@Execution(ExecutionMode.CONCURRENT)
class ServerCloseScenarios {
    static final int[] VALID_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999,
            4000, 4999};

    /** Echo a text, then Close with this payload; read to the end. */
    static WsCase clientCloses(String id, String title, byte[] closePayloadOctets) {
        return WsCase.of(id, title, s -> {
            ServerCases.mustOpen(s);
            s.expected.add(ServerCases.msg(TEXT, utf8("Hello")));
            s.send("text \"Hello\"", text("Hello"));
            s.awaitMessages(1, WsOptions.timeoutMs());
            s.echoedBefore = s.messages.size();
            s.clientSentClose = true;
            s.closeSentNanos = System.nanoTime();
            s.clientCloseCode = closePayloadOctets.length >= 2
                    ? (closePayloadOctets[0] & 0xFF) << 8 | closePayloadOctets[1] & 0xFF : -1;
            s.send(title, frame(CLOSE, closePayloadOctets));
            s.readToEnd(WsOptions.timeoutMs());
        });
    }

    static List<WsCase> validCloseCases() {
        List<WsCase> out = new ArrayList<>();
        out.add(clientCloses("7.3.1", "Close without payload", new byte[0]));
        out.add(clientCloses("7.3.3", "Close 1000 without reason", closePayload(1000, new byte[0])));
        out.add(clientCloses("7.3.4", "Close 1000 \"Hello World!\"", closePayload(1000, utf8("Hello World!"))));
        out.add(clientCloses("7.3.5", "Close 1000 with a 123-octet reason", closePayload(1000, utf8("r".repeat(123)))));
        for (int i = 0; i < VALID_CODES.length; i++) {
            out.add(clientCloses("7.7." + (i + 1), "Close " + VALID_CODES[i], closePayload(VALID_CODES[i], new byte[0])));
        }
        return out;
    }

    static WsCase.Verdict closingHandshakeAnswered(WireSession s) {
        WsCase.Verdict echo = ServerCases.echoed(s);
        if (!echo.passed()) {
            return WsCase.Verdict.noAnswer("the text before the Close was not echoed: " + echo.detail());
        }
        if (!s.serverSentClose) {
            return s.end == WireSession.End.GARBAGE ? WsCase.Verdict.noAnswer(s.endDetail)
                    : WsCase.Verdict.broken("no Close in response; " + s.end + " " + s.endDetail);
        }
        if (s.serverClosedFirst) {
            return WsCase.Verdict.noAnswer("the server closed before the client did");
        }
        int c = s.serverClose.closeCode();
        if ((c == 1002 || c == 1007) && c != s.clientCloseCode) {
            return WsCase.Verdict.broken("the server answered a valid Close with " + ServerCases.closeText(s) + " (failed it)");
        }
        return WsCase.Verdict.ok("Close " + ServerCases.closeText(s) + " in response");
    }

    static List<WsCase> invalidCodeCases(int... codes) {
        List<WsCase> out = new ArrayList<>();
        for (int code : codes) {
            out.add(fails("7.9." + code, "Close with status code " + code, frame(CLOSE, closePayload(code, new byte[0]))));
        }
        return out;
    }

    static List<WsCase> informationalCodeCases() {
        return List.of(clientCloses("7.13.1", "Close 5000", closePayload(5000, new byte[0])),
                clientCloses("7.13.2", "Close 65535", closePayload(65535, new byte[0])));
    }

    static List<WsCase> afterCloseCases() {
        return List.of(
                WsCase.of("7.1.4", "Close 1000 and a text frame in one write", s -> {
                    ServerCases.mustOpen(s);
                    s.clientSentClose = true;
                    s.send("Close 1000 + text \"after close\"", concat(frame(CLOSE, closePayload(1000, new byte[0])),
                            text("after close")));
                    s.readToEnd(WsOptions.timeoutMs());
                }),
                WsCase.of("7.1.5", "text fragment, Close 1000, last fragment", s -> {
                    ServerCases.mustOpen(s);
                    s.clientSentClose = true;
                    s.send("fragment, Close, fragment", concat(frame(false, TEXT, utf8("frag1")),
                            frame(CLOSE, closePayload(1000, new byte[0])), frame(true, 0, utf8("frag2"))));
                    s.readToEnd(WsOptions.timeoutMs());
                }));
    }

    static List<WsCase> pingAfterCloseCases() {
        return List.of(WsCase.of("7.1.3", "Close 1000 and a ping in one write", s -> {
            ServerCases.mustOpen(s);
            s.clientSentClose = true;
            s.send("Close 1000 + ping", concat(frame(CLOSE, closePayload(1000, new byte[0])), frame(PING, utf8("after"))));
            s.readToEnd(WsOptions.timeoutMs());
        }));
    }

    /** Protocol errors that make the server start the closing handshake itself. */
    static List<WsCase> protocolErrorCases() {
        List<WsCase> out = new ArrayList<>();
        out.addAll(ServerFramingScenarios.rsvCases());
        out.addAll(ServerFramingScenarios.opcodeCases());
        out.addAll(ServerFramingScenarios.topBitCases());
        out.addAll(ServerFragmentationScenarios.fragmentedControlCases());
        out.addAll(ServerFragmentationScenarios.orphanContinuationCases());
        out.addAll(ServerFragmentationScenarios.interleavedDataCases());
        out.add(fails("7.3.2", "Close with a 1-octet payload", frame(CLOSE, bytes(0x03))));
        out.addAll(invalidCodeCases(0, 999, 1005, 1006, 1015));
        return out;
    }

    /** Cases where the RFC leaves the code open (WS-CLOSE-24). */
    static List<WsCase> openCodeCases() {
        List<WsCase> out = new ArrayList<>();
        out.add(fails("7.5.1", "Close 1000 with an invalid UTF-8 reason", frame(CLOSE,
                closePayload(1000, bytes(0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80)))));
        out.addAll(ServerControlScenarios.oversizeControlCases());
        out.addAll(ServerFramingScenarios.unmaskedCases());
        return out;
    }

    static List<WsCase> stalledCloseCases() {
        return List.of(WsCase.of("C.18.1", "protocol error (RSV1), then the client never answers the server's Close", s -> {
            ServerCases.mustOpen(s);
            s.answerClose = false;
            s.send("text with RSV1", ServerCases.rsvFrame(4, TEXT, utf8("x")));
            s.offendingSentNanos = System.nanoTime();
            s.readToEnd(WsOptions.timeoutMs() + 3000);
        }));
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-6")
    void validClosePayloadsCompleteTheClosingHandshake(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "an empty Close, and Closes with codes 1000-1003, 1007-1014, 3000, 3999, 4000, 4999 and "
                + "reasons up to 123 octets, answered with a Close (not 1002)", validCloseCases(),
                ServerCloseScenarios::closingHandshakeAnswered);
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-11")
    void aCloseIsAnsweredWithAClose(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "the server answers the client's Close with a Close", validCloseCases().subList(0, 4),
                s -> s.serverSentClose ? WsCase.Verdict.ok("Close " + ServerCases.closeText(s))
                        : WsCase.Verdict.broken("no Close in response: " + s.end + " " + s.endDetail));
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-12")
    void theResponseCloseIsPrompt(WebSocketServerAdapter ws) {
        long prompt = WsOptions.promptMs();
        CaseRunner.check(ws, "the responding Close arrives within " + prompt + " ms", validCloseCases().subList(0, 4), s -> {
            if (!s.serverSentClose) {
                return WsCase.Verdict.notApplicable("no Close (see WS-CLOSE-11)");
            }
            long ms = (s.serverClose.atNanos() - s.closeSentNanos) / 1_000_000;
            return ms <= prompt ? WsCase.Verdict.ok(ms + " ms") : WsCase.Verdict.broken("Close after " + ms + " ms");
        });
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-13")
    void theResponseCloseCodeIsRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: the code of the responding Close", validCloseCases(),
                s -> s.serverSentClose ? "Close " + ServerCases.closeText(s) : "no Close");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-2")
    void aOneOctetClosePayloadFailsTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a Close with a 1-octet payload fails the connection",
                List.of(fails("7.3.2", "Close with a 1-octet payload", frame(CLOSE, bytes(0x03)))), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-7")
    void closeCodesNeverValidOnTheWireFailTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a Close with code 0, 999, 1005, 1006 or 1015 fails the connection",
                invalidCodeCases(0, 999, 1005, 1006, 1015), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-8")
    void reservedAndUnassignedCloseCodesFailTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a Close with code 1004, 1016, 1100, 2000 or 2999 fails the connection",
                invalidCodeCases(1004, 1016, 1100, 2000, 2999), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-9")
    void closeCodesAbove4999AreRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: accepted, or failed and with which code", informationalCodeCases(), ServerCases::summary);
    }

    @ConformanceTest
    @Requirement("WS-UTF8-8")
    void anInvalidUtf8CloseReasonFailsTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a Close whose reason is not valid UTF-8 fails the connection", openCodeCases().subList(0, 1),
                ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-14")
    void noDataIsEchoedAfterTheClose(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a text after the client's Close (or finishing a message after it) is not echoed",
                afterCloseCases(), ServerCloseScenarios::noDataAfterTheClose);
    }

    /**
     * Nothing echoed after the client's Close, and no data frame at all (an unsolicited one included) after the
     * server's own Close; judged only where the server answered the Close.
     */
    static WsCase.Verdict noDataAfterTheClose(WireSession s) {
        if (!s.messages.isEmpty()) {
            return WsCase.Verdict.broken("echoed " + s.messages.size() + " message(s) after the Close");
        }
        List<SenderViolation> after = s.senderViolations.stream().filter(v -> v.rule() == SenderRule.NO_DATA_AFTER_CLOSE)
                .toList();
        if (!after.isEmpty()) {
            return WsCase.Verdict.broken(after.get(0).detail());
        }
        if (!s.serverSentClose) {
            return WsCase.Verdict.notApplicable("the server sent no Close (see WS-CLOSE-11): " + ServerCases.summary(s));
        }
        return WsCase.Verdict.ok("nothing echoed; " + ServerCases.summary(s));
    }

    @ConformanceTest
    @Requirement("WS-CTRL-9")
    void aPingAfterTheCloseIsRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: whether a Ping after the Close is answered", pingAfterCloseCases(),
                s -> (s.pongs().isEmpty() ? "not answered; " : "answered with a Pong; ") + ServerCases.summary(s));
    }

    static List<WsCase> twoClosesCases() {
        return List.of(WsCase.of("7.1.2", "two Closes in one write", s -> {
            ServerCases.mustOpen(s);
            s.clientSentClose = true;
            s.send("Close 1000 twice", concat(frame(CLOSE, closePayload(1000, new byte[0])),
                    frame(CLOSE, closePayload(1001, new byte[0]))));
            s.readToEnd(WsOptions.timeoutMs());
        }));
    }

    static List<WsCase> noProcessingAfterFailureCases() {
        return List.of(
                fails("C.20.1", "text with RSV1, then a ping and a text, in one write", concat(ServerCases.rsvFrame(4, TEXT, utf8("x")),
                        frame(PING, utf8("still there?")), text("echo me"))),
                fails("C.20.2", "reserved opcode 3, then a ping and a text, in one write", concat(frame(3, new byte[0]),
                        frame(PING, utf8("still there?")), text("echo me"))),
                fails("C.20.3", "continuation with nothing to continue, then a ping and a text",
                        concat(frame(true, 0, utf8("x")), frame(PING, utf8("still there?")), text("echo me"))));
    }

    /** Every case in which the server should fail the connection and announce it with a Close (WS-CLOSE-21). */
    static List<WsCase> everyFailureCase() {
        List<WsCase> cases = new ArrayList<>(protocolErrorCases());
        cases.addAll(invalidCodeCases(1004, 1016, 1100, 2000, 2999));
        cases.addAll(openCodeCases());
        cases.addAll(ServerUtf8Scenarios.invalidSingleFrameCases());
        cases.addAll(ServerUtf8Scenarios.invalidAcrossFragmentsCases());
        cases.addAll(noProcessingAfterFailureCases());
        return cases;
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-15")
    void theServerSendsNoSecondClose(WebSocketServerAdapter ws) {
        List<WsCase> cases = new ArrayList<>(protocolErrorCases());
        cases.addAll(validCloseCases().subList(0, 4));
        cases.addAll(twoClosesCases());
        CaseRunner.check(ws, "whoever started the closing handshake, the server sends at most one Close", cases,
                s -> s.serverCloses <= 1 ? WsCase.Verdict.ok(s.serverCloses + " Close")
                        : WsCase.Verdict.broken(s.serverCloses + " Close frames from the server"));
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-16")
    void theServerClosesTcpAfterTheClosingHandshake(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "after the Close exchange the server closes TCP within " + WsOptions.timeoutMs() + " ms",
                validCloseCases(), s -> {
                    if (!s.serverSentClose) {
                        return WsCase.Verdict.notApplicable("no Close exchange (see WS-CLOSE-11)");
                    }
                    return switch (s.end) {
                        case FIN, RESET -> WsCase.Verdict.ok("TCP " + s.end + " "
                                + (s.endAtNanos - s.serverClose.atNanos()) / 1_000_000 + " ms after the server's Close");
                        case TIMEOUT -> WsCase.Verdict.broken("TCP still open " + WsOptions.timeoutMs()
                                + " ms after the closing handshake");
                        default -> WsCase.Verdict.noAnswer(s.end + " " + s.endDetail);
                    };
                });
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-19")
    void tcpIsClosedWithFinNotReset(WebSocketServerAdapter ws) {
        List<WsCase> cases = new ArrayList<>(validCloseCases().subList(0, 4));
        cases.addAll(afterCloseCases());
        CaseRunner.check(ws, "the server's TCP close is a FIN, not a reset", cases, s -> switch (s.end) {
            case FIN -> WsCase.Verdict.ok("FIN");
            case RESET -> WsCase.Verdict.broken("reset: " + s.endDetail);
            case TIMEOUT -> WsCase.Verdict.notApplicable("TCP not closed (see WS-CLOSE-16)");
            default -> WsCase.Verdict.noAnswer(s.end + " " + s.endDetail);
        });
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-20")
    void afterFailingTheServerProcessesNoMoreInput(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "after the offending frame: no Pong, no echo, TCP closed", noProcessingAfterFailureCases(),
                ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-21")
    void failingSendsACloseFirst(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "when the server fails the connection it sends a Close frame with a status code valid on "
                + "the wire before closing TCP (any such code here; which one fits is WS-CLOSE-22, -23 and WS-LIMIT-4)",
                everyFailureCase(), ServerCases::failedWithAValidCode);
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-22")
    void protocolErrorsAreAnsweredWith1002(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "the Close for a protocol error carries 1002", protocolErrorCases(), ServerCases.closeCodeIs(1002));
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-24")
    void closeCodesWhereSeveralFitAreRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: the code for an invalid Close reason, oversized control frames, unmasked frames",
                openCodeCases(), ServerCases::summary);
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-18")
    void howLongTheServerWaitsForTheClientsCloseIsRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: after its own Close, how long the server waits before closing TCP",
                stalledCloseCases(), s -> s.serverSentClose
                        ? "Close " + ServerCases.closeText(s) + "; " + switch (s.end) {
                            case FIN, RESET -> "TCP " + s.end + " " + (s.endAtNanos - s.serverClose.atNanos()) / 1_000_000
                                    + " ms after its Close";
                            default -> "TCP still open after " + (WsOptions.timeoutMs() + 3000) + " ms";
                        } : "no Close; " + ServerCases.summary(s));
    }
}
