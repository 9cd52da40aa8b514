package org.netconform.suites.wsserver;

import static org.netconform.suites.wsserver.ServerCases.BINARY;
import static org.netconform.suites.wsserver.ServerCases.CLOSE;
import static org.netconform.suites.wsserver.ServerCases.PING;
import static org.netconform.suites.wsserver.ServerCases.TEXT;
import static org.netconform.suites.wsserver.ServerCases.bytes;
import static org.netconform.suites.wsserver.ServerCases.concat;
import static org.netconform.suites.wsserver.ServerCases.echo;
import static org.netconform.suites.wsserver.ServerCases.fails;
import static org.netconform.suites.wsserver.ServerCases.frame;
import static org.netconform.suites.wsserver.ServerCases.msg;
import static org.netconform.suites.wsserver.ServerCases.rsvFrame;
import static org.netconform.suites.wsserver.ServerCases.text;
import static org.netconform.suites.wsserver.ServerCases.utf8;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/** Base framing over the wire: Autobahn 1.x (lengths), 3.x (reserved bits), 4.x (opcodes), masking, lengths. */
@Execution(ExecutionMode.CONCURRENT)
class ServerFramingScenarios {
    static final int[] SIZES = {0, 125, 126, 127, 128, 65535, 65536};

    /** Autobahn 1.1.1-1.1.7 and 1.2.1-1.2.7, plus 65537. */
    static List<WsCase> lengthCases() {
        List<WsCase> out = new ArrayList<>();
        int[] sizes = {0, 125, 126, 127, 128, 65535, 65536, 65537};
        for (int i = 0; i < sizes.length; i++) {
            byte[] t = ServerCases.randomText(sizes[i], i);
            byte[] b = ServerCases.randomBytes(sizes[i], i);
            // Autobahn numbers 1.1.1-1.1.7 (1.1.8 is the chopped case); 65537 is ours
            String t1 = i < 7 ? "1.1." + (i + 1) : "F.8.1";
            String t2 = i < 7 ? "1.2." + (i + 1) : "F.8.2";
            out.add(echo(t1, "text message of " + sizes[i] + " octets", frame(TEXT, t), 0, msg(TEXT, t)));
            out.add(echo(t2, "binary message of " + sizes[i] + " octets", frame(BINARY, b), 0, msg(BINARY, b)));
        }
        return out;
    }

    /** Autobahn 1.1.8 / 1.2.8 (997-octet chops), 2.6-like octet chops, and several frames in one write. */
    static List<WsCase> chopCases() {
        byte[] t = ServerCases.randomText(65536, 8);
        byte[] b = ServerCases.randomBytes(65536, 8);
        byte[] small = utf8("Hello, κόσμε");
        return List.of(
                echo("1.1.8", "64 KiB text in TCP chops of 997 octets", frame(TEXT, t), 997, msg(TEXT, t)),
                echo("1.2.8", "64 KiB binary in TCP chops of 997 octets", frame(BINARY, b), 997, msg(BINARY, b)),
                echo("F.9.1", "text frame written one octet at a time", frame(TEXT, small), 1, msg(TEXT, small)),
                echo("F.9.2", "three frames in one write", concat(text("one"), frame(BINARY, bytes(1, 2, 3)), text("three")),
                        0, msg(TEXT, utf8("one")), msg(BINARY, bytes(1, 2, 3)), msg(TEXT, utf8("three"))));
    }

    /** Autobahn 3.1-3.7: RSV bits on text, binary, ping, close; frame-wise and octet-wise. */
    static List<WsCase> rsvCases() {
        byte[] hello = text("Hello");
        byte[] ping = frame(PING, new byte[0]);
        return List.of(
                fails("3.1", "text with RSV1 (rsv=4)", rsvFrame(4, TEXT, utf8("Hello"))),
                fails("3.2", "text, then text with RSV2, then ping", hello, 1, concat(rsvFrame(2, TEXT, utf8("Hello")), ping), 0),
                fails("3.3", "text, then text with RSV1+RSV2, then ping, frame-wise", hello, 1,
                        concat(rsvFrame(6, TEXT, utf8("Hello")), ping), 0),
                fails("3.4", "text, then text with RSV3, then ping, octet-wise", hello, 1,
                        concat(rsvFrame(1, TEXT, utf8("Hello")), ping), 1),
                fails("3.5", "binary with RSV1+RSV3", rsvFrame(5, BINARY, bytes(0, 1, 2))),
                fails("3.6", "ping with RSV2+RSV3", rsvFrame(3, PING, utf8("Hello"))),
                fails("3.7", "close with all RSV bits", rsvFrame(7, CLOSE, ServerCases.closePayload(1000, new byte[0]))));
    }

    /** Autobahn 4.1.1-4.1.5 and 4.2.1-4.2.5: reserved data and control opcodes. */
    static List<WsCase> opcodeCases() {
        List<WsCase> out = new ArrayList<>();
        byte[] hello = text("Hello");
        int[][] groups = {{3, 4, 5, 6, 7}, {11, 12, 13, 14, 15}};
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < 5; i++) {
                int op = groups[g][i];
                String id = "4." + (g + 1) + "." + (i + 1);
                byte[] bad = frame(op, i % 2 == 0 ? new byte[0] : utf8("reserved"));
                out.add(i < 2 ? fails(id, "frame with reserved opcode " + op, bad)
                        : fails(id, "text, frame with reserved opcode " + op + ", ping" + (i == 4 ? ", octet-wise" : ""),
                        hello, 1, concat(bad, frame(PING, new byte[0])), i == 4 ? 1 : 0));
            }
        }
        return out;
    }

    static List<WsCase> unmaskedCases() {
        return List.of(
                fails("M.2.1", "unmasked text frame", RawFrameWriter.frame().opcode(TEXT).payload(utf8("Hello")).toBytes()),
                fails("M.2.2", "text, then an unmasked binary frame", text("Hello"), 1,
                        RawFrameWriter.frame().opcode(BINARY).payload(bytes(1, 2, 3)).toBytes(), 0),
                fails("M.2.3", "unmasked ping", RawFrameWriter.frame().opcode(PING).payload(utf8("ping")).toBytes()),
                fails("M.2.4", "unmasked close", RawFrameWriter.frame().opcode(CLOSE)
                        .payload(ServerCases.closePayload(1000, new byte[0])).toBytes()));
    }

    static List<WsCase> maskKeyCases() {
        byte[] whole = utf8("masked-differently");
        byte[] msg = concat(
                RawFrameWriter.frame().fin(false).opcode(TEXT).payload(utf8("m")).mask(0x01020304).toBytes(),
                RawFrameWriter.frame().fin(false).opcode(0).payload(utf8("as")).mask(0xA0B0C0D0).toBytes(),
                RawFrameWriter.frame().fin(false).opcode(0).payload(utf8("ked")).mask(0xFFFFFFFF).toBytes(),
                RawFrameWriter.frame().fin(false).opcode(0).payload(utf8("-diff")).mask(0x00000000).toBytes(),
                RawFrameWriter.frame().fin(true).opcode(0).payload(utf8("erently")).mask(0x7F7F7F7F).toBytes());
        byte[] odd = ServerCases.randomBytes(4099, 77);
        return List.of(
                echo("M.6.1", "text in five fragments, each with its own key (lengths 1, 2, 3, 5, 7)", msg, 0,
                        msg(TEXT, whole)),
                echo("M.6.2", "binary of 4099 octets (not a multiple of 4)", frame(BINARY, odd), 0, msg(BINARY, odd)));
    }

    static List<WsCase> topBitCases() {
        return List.of(
                fails("L.6.1", "binary frame whose 64-bit length has the top bit set",
                        concat(bytes(0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4), bytes(1, 2, 3, 4, 5))),
                fails("L.6.2", "text frame with length 0xFFFFFFFFFFFFFFFF",
                        concat(bytes(0x81, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 9, 9, 9, 9), utf8("abc"))));
    }

    static List<WsCase> nonMinimalCases() {
        return List.of(
                WsCase.of("L.7.1", "text \"Hello\" with its length 5 as 7E 00 05", s -> {
                    ServerCases.mustOpen(s);
                    s.send("text, 16-bit length 5", WireSession.masked(RawFrameWriter.frame().opcode(TEXT).payload(utf8("Hello"))
                            .lengthEncoding(RawFrameWriter.LengthEncoding.EXTENDED_16)));
                    s.awaitMessages(1, org.netconform.suites.wsserver.WsOptions.timeoutMs());
                    ServerCases.closeNormally(s);
                }),
                WsCase.of("L.7.2", "binary of 200 octets with a 64-bit length", s -> {
                    ServerCases.mustOpen(s);
                    s.send("binary, 64-bit length 200", WireSession.masked(RawFrameWriter.frame().opcode(BINARY)
                            .payload(ServerCases.randomBytes(200, 3)).lengthEncoding(RawFrameWriter.LengthEncoding.EXTENDED_64)));
                    s.awaitMessages(1, org.netconform.suites.wsserver.WsOptions.timeoutMs());
                    ServerCases.closeNormally(s);
                }));
    }

    @ConformanceTest
    @Requirement("WS-FRAME-8")
    void payloadLengthsAtEveryEncodingEdgeRoundTrip(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "text and binary messages of 0, 125, 126, 127, 128, 65535, 65536 and 65537 octets echoed intact",
                lengthCases(), ServerCases::echoed);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-9")
    void framesDecodeTheSameHoweverTheOctetsAreSplit(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "frames in 997-octet and 1-octet writes, and several frames in one write, echoed intact",
                chopCases(), ServerCases::echoed);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-11")
    void messagesComeBackWithTheirType(WebSocketServerAdapter ws) {
        List<WsCase> cases = lengthCases().stream().filter(c -> c.id().endsWith(".1") || c.id().endsWith(".2")).toList();
        CaseRunner.check(ws, "empty and short text and binary messages echoed with their opcode", cases, ServerCases::echoed);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-2")
    void reservedBitsFailTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a frame with any RSV bit set fails the connection (TCP closed, nothing after it echoed)",
                rsvCases(), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-4")
    void reservedOpcodesFailTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a frame with opcode 3-7 or 11-15 fails the connection", opcodeCases(), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-6")
    void aLengthWithTheTopBitSetFailsTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a 64-bit length with its most significant bit set fails the connection", topBitCases(),
                ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-7")
    void nonMinimalLengthsAreRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: accepted, or failed and with which code", nonMinimalCases(),
                s -> s.messages.isEmpty() ? "refused: " + ServerCases.summary(s) : "accepted (echoed)");
    }

    @ConformanceTest
    @Requirement("WS-MASK-2")
    void unmaskedClientFramesCloseTheConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "an unmasked frame from the client closes the connection without being processed",
                unmaskedCases(), ServerCases::failedConnection);
    }

    @ConformanceTest
    @Requirement("WS-MASK-6")
    void eachFrameIsUnmaskedWithItsOwnKey(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "fragments under different keys and a payload not a multiple of 4 echoed intact",
                maskKeyCases(), ServerCases::echoed);
    }
}
