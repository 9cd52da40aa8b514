package org.netconform.suites.wsserver;

import org.netconform.harness.Values;
import static org.netconform.suites.wsserver.ServerCases.BINARY;
import static org.netconform.suites.wsserver.ServerCases.PING;
import static org.netconform.suites.wsserver.ServerCases.PONG;
import static org.netconform.suites.wsserver.ServerCases.TEXT;
import static org.netconform.suites.wsserver.ServerCases.bytes;
import static org.netconform.suites.wsserver.ServerCases.concat;
import static org.netconform.suites.wsserver.ServerCases.echo;
import static org.netconform.suites.wsserver.ServerCases.fails;
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

/** UTF-8 over the wire: Autobahn 6.x (valid and invalid text, split anywhere, Kuhn's stress test forms). */
@Execution(ExecutionMode.CONCURRENT)
class ServerUtf8Scenarios {
    static final byte[] HELLO = utf8("Hello-µ@ßöäüàá-UTF-8!!");
    static final byte[] KOSME = utf8("κόσμε");

    /** Invalid sequences, each sent inside "κόσμε" ... "edited" (Kuhn's stress test, sections 3 to 5). */
    static final int[][] INVALID = {
            {0x80}, {0xBF}, {0x80, 0xBF}, {0x80, 0xBF, 0x80, 0xBF},   // stray continuation octets
            {0xC0, 0x20}, {0xE0, 0x20}, {0xF0, 0x20}, {0xF8, 0x20}, {0xFC, 0x20},  // lonely start octets
            {0xC0}, {0xE0, 0x80}, {0xF0, 0x80, 0x80}, {0xDF}, {0xEF, 0xBF}, {0xF7, 0xBF, 0xBF},  // cut short
            {0xFE}, {0xFF}, {0xFE, 0xFE, 0xFF, 0xFF}, {0xF5, 0x80, 0x80, 0x80},  // impossible octets
            {0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xF0, 0x80, 0x80, 0xAF}, {0xF8, 0x80, 0x80, 0x80, 0xAF},  // overlong "/"
            {0xC1, 0xBF}, {0xE0, 0x9F, 0xBF}, {0xF0, 0x8F, 0xBF, 0xBF},  // maximal overlong
            {0xC0, 0x80}, {0xE0, 0x80, 0x80},  // overlong NUL
            {0xED, 0xA0, 0x80}, {0xED, 0xAD, 0xBF}, {0xED, 0xB0, 0x80}, {0xED, 0xBF, 0xBF},  // single surrogates
            {0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80}, {0xED, 0xAF, 0xBF, 0xED, 0xBF, 0xBF},  // surrogate pairs
            {0xF4, 0x90, 0x80, 0x80}, {0xF7, 0xBF, 0xBF, 0xBF},  // above U+10FFFF
    };

    /** Boundary code points that must be accepted (Kuhn section 2, noncharacters, BOM). */
    static final int[] VALID_CODE_POINTS = {0x0000, 0x007F, 0x0080, 0x07FF, 0x0800, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD,
            0xFFFE, 0xFFFF, 0x10000, 0x10FFFF};

    static List<WsCase> invalidSingleFrameCases() {
        List<WsCase> out = new ArrayList<>();
        for (int i = 0; i < INVALID.length; i++) {
            byte[] bad = concat(KOSME, bytes(INVALID[i]), utf8("edited"));
            out.add(fails("6.3." + (i + 1), "text \"κόσμε\" + " + Values.hex(bytes(INVALID[i]), 8) + " + \"edited\"",
                    frame(TEXT, bad)));
        }
        return out;
    }

    static List<WsCase> invalidAcrossFragmentsCases() {
        return List.of(
                fails("6.4.1", "valid first fragment, invalid second (ED A0 80), valid third",
                        concat(frame(false, TEXT, KOSME), frame(false, 0, bytes(0xED, 0xA0, 0x80)), frame(true, 0, utf8("x")))),
                fails("6.4.2", "code point begun in one fragment (E2 82) and broken in the next (28)",
                        concat(frame(false, TEXT, concat(utf8("ab"), bytes(0xE2, 0x82))), frame(true, 0, bytes(0x28)))),
                fails("6.4.3", "final fragment ends inside a code point (E2 82)",
                        concat(frame(false, TEXT, utf8("ab")), frame(true, 0, bytes(0xE2, 0x82)))),
                fails("6.4.4", "single frame ending inside a 4-octet code point (F0 9F 98)",
                        frame(TEXT, concat(utf8("ab"), bytes(0xF0, 0x9F, 0x98)))),
                fails("6.4.5", "invalid octet sent octet-wise inside a fragmented message",
                        new byte[0], 0, concat(frame(false, TEXT, KOSME), frame(true, 0, bytes(0xF4, 0x90, 0x80, 0x80))), 1));
    }

    static List<WsCase> validSplitCases() {
        List<WsCase> out = new ArrayList<>();
        out.add(echo("6.2.1", "valid text in one frame", frame(TEXT, HELLO), 0, msg(TEXT, HELLO)));
        out.add(echo("6.2.2", "valid text in two fragments split inside a code point",
                concat(frame(false, TEXT, Arrays.copyOf(HELLO, 7)), frame(true, 0, Arrays.copyOfRange(HELLO, 7, HELLO.length))),
                0, msg(TEXT, HELLO)));
        out.add(echo("6.2.3", "valid text in fragments of one octet", ServerCases.fragmented(TEXT, HELLO, 1), 0, msg(TEXT, HELLO)));
        byte[] four = utf8(new String(Character.toChars(0x1F600)));
        out.add(echo("6.2.4", "U+1F600 (4 octets) spread over four fragments", ServerCases.fragmented(TEXT, four, 1), 0,
                msg(TEXT, four)));
        for (int cut = 1; cut < KOSME.length; cut++) {
            out.add(echo("6.2.5." + cut, "\"κόσμε\" split after octet " + cut,
                    concat(frame(false, TEXT, Arrays.copyOf(KOSME, cut)),
                            frame(true, 0, Arrays.copyOfRange(KOSME, cut, KOSME.length))), 0, msg(TEXT, KOSME)));
        }
        return out;
    }

    static List<WsCase> validCodePointCases() {
        List<WsCase> out = new ArrayList<>();
        out.add(echo("6.5.1", "\"κόσμε\"", frame(TEXT, KOSME), 0, msg(TEXT, KOSME)));
        out.add(echo("6.1.1", "empty text", frame(TEXT, new byte[0]), 0, msg(TEXT, new byte[0])));
        for (int i = 0; i < VALID_CODE_POINTS.length; i++) {
            byte[] b = utf8("a" + new String(Character.toChars(VALID_CODE_POINTS[i])) + "z");
            out.add(echo("6.7." + (i + 1), String.format("U+%04X between a and z", VALID_CODE_POINTS[i]), frame(TEXT, b), 0,
                    msg(TEXT, b)));
        }
        return out;
    }

    static List<WsCase> binaryIsNotTextCases() {
        byte[] bad = bytes(0xC0, 0x80, 0xED, 0xA0, 0x80, 0xFF, 0xFE);
        return List.of(
                echo("U.6.1", "binary message whose octets are invalid UTF-8", frame(BINARY, bad), 0, msg(BINARY, bad)),
                echo("U.6.2", "fragmented binary splitting invalid UTF-8", ServerCases.fragmented(BINARY, bad, 2), 0, msg(BINARY, bad)),
                ServerControlScenarios.ping("U.6.3", "ping whose payload is invalid UTF-8", bytes(0xC0, 0x80, 0xED, 0xA0, 0x80), 0));
    }

    static List<WsCase> failFastCases() {
        return List.of(WsCase.of("6.4.F", "first fragment valid, second holds an invalid octet (FIN clear), then 1 s pause",
                s -> {
                    ServerCases.mustOpen(s);
                    s.send("valid first fragment", frame(false, TEXT, KOSME));
                    s.send("second fragment with F4 90 80 80, FIN clear", frame(false, 0, bytes(0xF4, 0x90, 0x80, 0x80)));
                    s.offendingSentNanos = System.nanoTime();
                    s.watch(1000);
                    boolean early = s.serverSentClose || s.end != WireSession.End.OPEN;
                    s.note(early ? "the server failed before the message ended" : "no reaction before the message ended");
                    s.send("last fragment", frame(true, 0, utf8("edited")));
                    s.readToEnd(WsOptions.timeoutMs());
                }));
    }

    @ConformanceTest
    @Requirement("WS-UTF8-2")
    void invalidTextFailsTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, INVALID.length + " invalid UTF-8 forms in a single text frame each fail the connection",
                invalidSingleFrameCases(), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-UTF8-3")
    void validTextSplitAnywhereIsDelivered(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "valid text split at every octet, inside code points, echoed intact", validSplitCases(),
                ServerCases::echoed);
    }

    @ConformanceTest
    @Requirement("WS-UTF8-4")
    void theReassembledMessageIsValidated(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "text invalid only as a whole (broken across fragments, cut short at the end) fails the connection",
                invalidAcrossFragmentsCases(), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-UTF8-5")
    void everyValidCodePointIsAccepted(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "boundary code points, U+FEFF and noncharacters echoed intact", validCodePointCases(),
                ServerCases::echoed);
    }

    @ConformanceTest
    @Requirement("WS-UTF8-6")
    void binaryAndPingPayloadsAreNotValidatedAsText(WebSocketServerAdapter ws) {
        List<WsCase> cases = binaryIsNotTextCases();
        CaseRunner.check(ws, "binary messages and Ping payloads with invalid UTF-8 come back intact", cases,
                s -> s.expected.get(0).opcode() == PONG ? ServerControlScenarios.pongMatches(s) : ServerCases.echoed(s));
    }

    @ConformanceTest
    @Requirement("WS-UTF8-7")
    void whetherInvalidTextFailsFastIsRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: fails on the first invalid octet, or only when the message ends", failFastCases(),
                s -> (s.log().contains("failed before the message ended") ? "fail-fast: " : "at the end of the message: ")
                        + ServerCases.summary(s));
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-23")
    void invalidTextIsAnsweredWith1007(WebSocketServerAdapter ws) {
        List<WsCase> cases = new ArrayList<>(invalidSingleFrameCases());
        cases.addAll(invalidAcrossFragmentsCases());
        CaseRunner.check(ws, "the Close for invalid UTF-8 in a text message carries 1007", cases, ServerCases.closeCodeIs(1007));
    }

}
