package org.netconform.suites.wsclient;

import static org.netconform.suites.wsclient.Fuzz.binary;
import static org.netconform.suites.wsclient.Fuzz.hex;
import static org.netconform.suites.wsclient.Fuzz.list;
import static org.netconform.suites.wsclient.Fuzz.raw;
import static org.netconform.suites.wsclient.Fuzz.text;
import static org.netconform.suites.wsclient.Fuzz.utf8;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.reference.websocket.Opcode;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.wsclient.WebSocketClientAdapter;
import org.netconform.suites.wsclient.fuzz.Chop;
import org.netconform.suites.wsclient.fuzz.ClientFrame;

/**
 * Framing, masking, control frames, fragmentation and UTF-8 as they bind a client (RFC 6455 §5, §8):
 * the fuzzing server sends crafted frames in every chop and watches what the client does.
 */
public class ClientFramingScenarios {

    // ---- what the client sends ----

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-MASK-1")
    void masksEveryFrame(WebSocketClientAdapter client) {
        ClientCases.check("every frame from the client has MASK set and a key", "talk", ctx -> {
            List<String> bad = Fuzz.offenders(Fuzz.clientTalks(ctx, client), ClientFrame::masked);
            return bad.isEmpty() ? null : "unmasked frames: " + bad;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-1")
    void sendsNoReservedBits(WebSocketClientAdapter client) {
        ClientCases.check("RSV1-3 clear in every frame (no extension negotiated)", "talk", ctx -> {
            List<String> bad = Fuzz.offenders(Fuzz.clientTalks(ctx, client), f -> f.rsv() == 0);
            return bad.isEmpty() ? null : "frames with RSV bits: " + bad;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-3")
    void sendsOnlyDefinedOpcodes(WebSocketClientAdapter client) {
        ClientCases.check("opcodes 0, 1, 2, 8, 9, 10 only", "talk", ctx -> {
            List<String> bad = Fuzz.offenders(Fuzz.clientTalks(ctx, client),
                    f -> List.of(0, 1, 2, 8, 9, 10).contains(f.opcode()));
            return bad.isEmpty() ? null : "reserved opcodes: " + bad;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-CTRL-2")
    void controlFramesHaveFin(WebSocketClientAdapter client) {
        ClientCases.check("FIN set on every Pong and Close the client sends", "talk", ctx -> {
            List<String> bad = Fuzz.offenders(Fuzz.clientTalks(ctx, client), f -> !f.isControl() || f.fin());
            return bad.isEmpty() ? null : "fragmented control frames: " + bad;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-5")
    void sendsMinimalLengths(WebSocketClientAdapter client) {
        ClientCases.check("lengths in their minimal form: 124, 125 in 7 bits, 126, 65535 in 16, 65536 in 64", "sizes", ctx -> {
            try (Live live = Live.open(ctx, client, "/lengths")) {
                for (int n : new int[] {124, 125, 126, 65535, 65536}) {
                    live.conn.sendBinary(new byte[n]);
                }
                live.peer.awaitFrame(f -> f.payload().length == 65536 && f.fin(), Live.REACT);
                List<String> bad = Fuzz.offenders(live.peer.frames(), ClientFrame::minimalLength);
                return bad.isEmpty() ? null : "non-minimal lengths: " + bad;
            }
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-11")
    void messagesHaveTheirTypeBothWays(WebSocketClientAdapter client) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        cases.put("client sends text, binary, empty text, empty binary", ctx -> {
            try (Live live = Live.open(ctx, client, "/types")) {
                live.conn.sendText("héllo");
                live.conn.sendBinary(new byte[] {0, (byte) 0xFF});
                live.conn.sendText("");
                live.conn.sendBinary(new byte[0]);
                live.peer.awaitFrame(f -> f.isData() && f.fin() && f.payload().length == 0 && f.opcode() != 1
                        && live.peer.frames().stream().filter(ClientFrame::isData).count() >= 4, Live.REACT);
                List<String> got = live.peer.frames().stream().filter(ClientFrame::isData)
                        .map(f -> ClientFrame.opcodeName(f.opcode()) + ":" + Fuzz.describe(f.payload())).toList();
                List<String> want = List.of("TEXT:" + Fuzz.describe(utf8("héllo")),
                        "BINARY:" + Fuzz.describe(new byte[] {0, (byte) 0xFF}), "TEXT:" + Fuzz.describe(new byte[0]),
                        "BINARY:" + Fuzz.describe(new byte[0]));
                return got.equals(want) ? null : "sent " + got + ", expected " + want;
            }
        });
        Map<String, Fuzz.Delivery> in = new LinkedHashMap<>();
        in.put("server sends text, binary, empty text, empty binary", new Fuzz.Delivery(
                list(Live.text("héllo"), raw().opcode(2).payload(new byte[] {0, (byte) 0xFF}).toBytes(), Live.text(""),
                        raw().opcode(2).toBytes()),
                list(text("héllo"), binary(new byte[] {0, (byte) 0xFF}), text(""), binary(new byte[0]))));
        in.forEach((name, d) -> cases.put(name, ctx -> {
            try (Live live = Live.open(ctx, client, "/types-in")) {
                live.send(Chop.PER_FRAME, d.frames());
                live.rec.awaitMessages(d.expected().size(), Live.REACT);
                return Fuzz.compare(live, d.expected());
            }
        }));
        ClientCases.check("text goes out with opcode 1, binary with 2; received ones are delivered with their type", cases);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-8")
    void lengthEdgesRoundTrip(WebSocketClientAdapter client) {
        int[] sizes = {0, 125, 126, 127, 128, 65535, 65536, 65537};
        Map<String, Fuzz.Delivery> in = new LinkedHashMap<>();
        for (int n : sizes) {
            byte[] p = pattern(n);
            in.put("server binary of " + n + " octets", new Fuzz.Delivery(list(raw().opcode(2).payload(p).toBytes()), list(binary(p))));
        }
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        cases.put("client sends binaries of " + Arrays.toString(sizes) + " octets", ctx -> {
            try (Live live = Live.open(ctx, client, "/sizes-out")) {
                for (int n : sizes) {
                    live.conn.sendBinary(pattern(n));
                }
                // a client may fragment a message (RFC 6455 §5.4): compare messages, reassembled
                long until = System.nanoTime() + Live.REACT.toNanos();
                List<byte[]> got = messages(live.peer.frames());
                while (got.size() < sizes.length && System.nanoTime() < until) {
                    live.peer.awaitFrame(f -> false, Duration.ofMillis(20));
                    got = messages(live.peer.frames());
                }
                if (got.size() != sizes.length) {
                    return "server read " + got.size() + " messages, expected " + sizes.length;
                }
                for (int i = 0; i < sizes.length; i++) {
                    if (!Arrays.equals(got.get(i), pattern(sizes[i]))) {
                        return "message of " + sizes[i] + " octets arrived as " + Fuzz.describe(got.get(i));
                    }
                }
                return null;
            }
        });
        in.forEach((name, d) -> cases.put(name, ctx -> {
            try (Live live = Live.open(ctx, client, "/sizes-in")) {
                live.send(Chop.WHOLE, d.frames());
                live.rec.awaitMessages(1, Live.REACT);
                int size = d.expected().get(0).payload().length;
                ClientFrame c = live.rec.messages().isEmpty() ? live.clientClose(Duration.ofMillis(100)) : null;
                long declared = client.capabilities().contains(WebSocketClientAdapter.LIMITS)
                        ? client.maxMessageSize().orElse(Long.MAX_VALUE) : Long.MAX_VALUE;
                if (size > declared && live.rec.messages().isEmpty() && (c == null || c.closeCode() != 1009)) {
                    return "a message of " + size + " octets, over the declared limit of " + declared
                            + ", was neither delivered nor refused with 1009: " + (c == null ? "no Close" : c);
                }
                if (c != null && c.closeCode() == 1009 && (size > 65535 || size > declared)) {
                    // a message size limit is the receiver's to set (RFC 6455 §7.4.1, 1009 "too big to
                    // process"); what this requirement checks, the length forms, is not at stake
                    ctx.log("refused a message of " + size + " octets as too big (1009): a size limit the RFC allows");
                    return null;
                }
                return Fuzz.compare(live, d.expected());
            }
        }));
        ClientCases.check("payloads at the 7/16/64-bit length edges arrive with the same length and octets, both ways", cases);
    }

    /** The data messages in these client frames, each reassembled from its fragments. */
    static List<byte[]> messages(List<ClientFrame> frames) {
        List<byte[]> out = new ArrayList<>();
        java.io.ByteArrayOutputStream current = null;
        for (ClientFrame f : frames) {
            if (!f.isData()) {
                continue;
            }
            if (f.opcode() != 0 || current == null) {
                current = new java.io.ByteArrayOutputStream();
            }
            current.writeBytes(f.payload());
            if (f.fin()) {
                out.add(current.toByteArray());
                current = null;
            }
        }
        return out;
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-9")
    void decodesFramesHoweverSplit(WebSocketClientAdapter client) {
        Map<String, Fuzz.Delivery> in = new LinkedHashMap<>();
        in.put("text, binary, text of 300 octets", new Fuzz.Delivery(
                list(Live.text("Hello"), raw().opcode(2).payload(pattern(200)).toBytes(), Live.text("x".repeat(300))),
                list(text("Hello"), binary(pattern(200)), text("x".repeat(300)))));
        Fuzz.mustDeliver(client, "every message delivered intact whether the octets come in one write, a write per frame"
                + " or a write per octet", in);
    }

    // ---- receiving what a server must not send ----

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-MASK-4")
    void failsOnAMaskedFrame(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        in.put("masked text", list(raw().opcode(1).mask(0x37fa213d).payload(utf8("Hello")).toBytes()));
        in.put("masked binary", list(raw().opcode(2).mask(0x01020304).payload(new byte[] {9, 9}).toBytes()));
        in.put("masked ping", list(raw().opcode(9).mask(0x11223344).payload(utf8("p")).toBytes()));
        Fuzz.mustFail(client, "server frames must not be masked", in);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-2")
    void failsOnReservedBits(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        for (int rsv = 1; rsv <= 7; rsv++) {
            in.put("text rsv=" + rsv, list(raw().opcode(1).rsv(rsv).payload(utf8("rsv")).toBytes()));
        }
        for (int rsv : new int[] {1, 2, 4}) {
            in.put("binary rsv=" + rsv, list(raw().opcode(2).rsv(rsv).payload(new byte[] {1}).toBytes()));
            in.put("ping rsv=" + rsv, list(raw().opcode(9).rsv(rsv).payload(utf8("p")).toBytes()));
            in.put("close rsv=" + rsv, list(raw().opcode(8).rsv(rsv).payload(hex("03 e8")).toBytes()));
        }
        Fuzz.mustFail(client, "RSV bits no extension defines", in);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-4")
    void failsOnReservedOpcodes(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        for (int op : new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}) {
            in.put("opcode " + op, list(raw().opcode(op).payload(utf8("op")).toBytes()));
        }
        Fuzz.mustFail(client, "reserved opcodes 3-7 and 11-15", in);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-6")
    void failsOnA64BitLengthWithTheTopBitSet(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        in.put("binary claiming 2^63 + 5 octets", list(raw().opcode(2).declaredLength(0x8000000000000005L).payload(new byte[5]).toBytes()));
        in.put("text claiming 2^64 - 1 octets", list(raw().opcode(1).declaredLength(-1L).payload(utf8("abc")).toBytes()));
        Fuzz.mustFail(client, "the most significant bit of a 64-bit length must be 0", in);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAME-7")
    void whatItDoesWithNonMinimalLengths(WebSocketClientAdapter client) {
        Map<String, byte[]> in = new LinkedHashMap<>();
        in.put("5 as 7E 00 05", raw().opcode(1).lengthEncoding(RawFrameWriter.LengthEncoding.EXTENDED_16).payload(utf8("Hello")).toBytes());
        in.put("200 as 7F 00 .. C8", raw().opcode(2).lengthEncoding(RawFrameWriter.LengthEncoding.EXTENDED_64).payload(new byte[200]).toBytes());
        recordEach(client, "non-minimal lengths: accepted, or how the client failed the connection", in, "non-minimal");
    }

    /** INFO: sends each input and records what the client did. */
    private static void recordEach(WebSocketClientAdapter client, String what, Map<String, byte[]> in, String path) {
        List<String> seen = new ArrayList<>();
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        in.forEach((name, frame) -> cases.put(name, ctx -> {
            try (Live live = Live.open(ctx, client, "/" + path)) {
                live.send(Chop.WHOLE, frame);
                live.rec.awaitMessages(1, Live.QUIET);
                live.peer.awaitCloseOrEnd(Live.QUIET);
                ClientFrame c = live.clientClose(Duration.ZERO);
                synchronized (seen) {
                    seen.add(name + ": " + (!live.rec.messages().isEmpty() ? "accepted (delivered " + live.rec.messages() + ")"
                            : c != null ? "failed the connection, Close " + c.closeCode()
                            : live.peer.tcpEnd() != org.netconform.suites.wsclient.fuzz.FuzzServer.TcpEnd.OPEN
                            ? "closed TCP without a Close" : "nothing delivered, connection open"));
                }
                return null;
            }
        }));
        try {
            ClientCases.check("recorded, not judged", cases);
        } finally {
            Check.record(what, String.join("\n", seen));
        }
    }

    // ---- control frames ----

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-CTRL-3")
    void failsOnAnOversizedControlFrame(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        in.put("ping of 126 octets", list(raw().opcode(9).payload(new byte[126]).toBytes()));
        in.put("pong of 126 octets", list(raw().opcode(10).payload(new byte[126]).toBytes()));
        byte[] close = new byte[126];
        close[0] = 0x03;
        close[1] = (byte) 0xe8;
        Arrays.fill(close, 2, 126, (byte) 'a');
        in.put("close with a 124-octet reason", list(raw().opcode(8).payload(close).toBytes()));
        Fuzz.mustFail(client, "control frames carry at most 125 octets", in);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-CTRL-4")
    void failsOnAFragmentedControlFrame(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        in.put("ping without FIN + continuation", list(raw().fin(false).opcode(9).payload(utf8("pi")).toBytes(),
                raw().opcode(0).payload(utf8("ng")).toBytes()));
        in.put("pong without FIN", list(raw().fin(false).opcode(10).payload(utf8("po")).toBytes()));
        in.put("close without FIN", list(raw().fin(false).opcode(8).payload(hex("03 e8")).toBytes()));
        Fuzz.mustFail(client, "control frames must not be fragmented", in);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-CTRL-5")
    void answersEachPingWithItsPayload(WebSocketClientAdapter client) {
        Map<String, byte[]> pings = new LinkedHashMap<>();
        pings.put("empty", new byte[0]);
        pings.put("125 octets", pattern(125));
        pings.put("text", utf8("Hello"));
        pings.put("invalid UTF-8", hex("ff fe c0 80"));
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        pings.forEach((name, payload) -> {
            for (Chop chop : Chop.values()) {
                cases.put(name + " [" + chop + "]", ctx -> {
                    try (Live live = Live.open(ctx, client, "/ping")) {
                        live.send(chop, raw().opcode(9).payload(payload).toBytes());
                        ClientFrame pong = live.peer.awaitFrame(f -> f.opcode() == ClientFrame.PONG, Live.REACT);
                        if (pong == null) {
                            return "no Pong within " + Live.REACT.toMillis() + " ms";
                        }
                        return Arrays.equals(pong.payload(), payload) ? null
                                : "Pong carries " + Fuzz.describe(pong.payload()) + ", the Ping " + Fuzz.describe(payload);
                    }
                });
            }
        });
        ClientCases.check("a Pong with the Ping's application data", cases);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-CTRL-6")
    void answersPingsPromptly(WebSocketClientAdapter client) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        cases.put("ping alone", ctx -> pongWithin(ctx, client, list(Live.ping("now"))));
        cases.put("ping between two fragments, the last not yet sent", ctx -> pongWithin(ctx, client,
                list(raw().fin(false).opcode(1).payload(utf8("Hel")).toBytes(), Live.ping("now"))));
        ClientCases.check("the Pong is out within 1 s, without waiting for more input", cases);
    }

    private static String pongWithin(ClientCases.Context ctx, WebSocketClientAdapter client, List<byte[]> frames) throws Exception {
        try (Live live = Live.open(ctx, client, "/prompt")) {
            long t0 = live.peer.now();
            live.send(Chop.WHOLE, frames);
            ClientFrame pong = live.peer.awaitFrame(f -> f.opcode() == ClientFrame.PONG, Duration.ofSeconds(1));
            return pong == null ? "no Pong within 1000 ms" : null;
        }
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-CTRL-7")
    void howItAnswersABurstOfPings(WebSocketClientAdapter client) {
        String[] seen = {"no answer"};
        try {
            ClientCases.check("recorded, not judged", "10 pings in one write", ctx -> {
                try (Live live = Live.open(ctx, client, "/burst")) {
                    List<byte[]> pings = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        pings.add(Live.ping("ping-" + i));
                    }
                    live.send(Chop.WHOLE, pings);
                    live.peer.awaitFrame(f -> f.opcode() == ClientFrame.PONG && new String(f.payload(), StandardCharsets.UTF_8).equals("ping-9"), Live.REACT);
                    Thread.sleep(100);
                    List<String> pongs = live.peer.frames().stream().filter(f -> f.opcode() == ClientFrame.PONG)
                            .map(f -> new String(f.payload(), StandardCharsets.UTF_8)).toList();
                    seen[0] = pongs.size() + " Pongs: " + pongs;
                    return null;
                }
            });
        } finally {
            Check.record("the Pongs the client sends for 10 Pings in one write", seen[0]);
        }
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-CTRL-8")
    void ignoresAnUnsolicitedPong(WebSocketClientAdapter client) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        for (Chop chop : Chop.values()) {
            cases.put("pong then text [" + chop + "]", ctx -> {
                try (Live live = Live.open(ctx, client, "/pong")) {
                    live.send(chop, raw().opcode(10).payload(utf8("unsolicited")).toBytes(), Live.text("still here"));
                    live.rec.awaitMessages(1, Live.REACT);
                    String p = Fuzz.compare(live, list(text("still here")));
                    if (p != null) {
                        return p;
                    }
                    List<ClientFrame> sent = live.peer.frames();
                    return sent.isEmpty() ? null : "answered the unsolicited Pong with " + sent;
                }
            });
        }
        ClientCases.check("nothing sent in response, no failure, the next message delivered", cases);
    }

    // ---- fragmentation ----

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAG-2")
    void deliversFragmentedMessages(WebSocketClientAdapter client) {
        Map<String, Fuzz.Delivery> in = new LinkedHashMap<>();
        List<byte[]> oneOctet = new ArrayList<>();
        byte[] hello = utf8("fragmented");
        for (int i = 0; i < hello.length; i++) {
            oneOctet.add(raw().fin(i == hello.length - 1).opcode(i == 0 ? 1 : 0).payload(new byte[] {hello[i]}).toBytes());
        }
        in.put("text in 1-octet fragments", new Fuzz.Delivery(oneOctet, list(text("fragmented"))));
        in.put("binary in 3 fragments", new Fuzz.Delivery(list(raw().fin(false).opcode(2).payload(pattern(100)).toBytes(),
                raw().fin(false).opcode(0).payload(pattern(50)).toBytes(), raw().opcode(0).payload(pattern(7)).toBytes()),
                list(binary(concat(pattern(100), pattern(50), pattern(7))))));
        in.put("text with empty fragments", new Fuzz.Delivery(list(raw().fin(false).opcode(1).toBytes(),
                raw().fin(false).opcode(0).payload(utf8("ab")).toBytes(), raw().fin(false).opcode(0).toBytes(),
                raw().opcode(0).toBytes()), list(text("ab"))));
        in.put("text made only of empty fragments", new Fuzz.Delivery(list(raw().fin(false).opcode(1).toBytes(),
                raw().fin(false).opcode(0).toBytes(), raw().opcode(0).toBytes()), list(text(""))));
        Fuzz.mustDeliver(client, "fragments concatenated in order, with the type of the first frame", in);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAG-3")
    void handlesControlFramesBetweenFragments(WebSocketClientAdapter client) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        for (Chop chop : Chop.values()) {
            cases.put("ping and pong between fragments [" + chop + "]", ctx -> {
                try (Live live = Live.open(ctx, client, "/ctrl-between")) {
                    live.send(chop, raw().fin(false).opcode(1).payload(utf8("Hel")).toBytes(), Live.ping("mid"),
                            raw().opcode(10).payload(utf8("unsolicited")).toBytes(), raw().opcode(0).payload(utf8("lo")).toBytes());
                    live.rec.awaitMessages(1, Live.REACT);
                    ClientFrame pong = live.peer.awaitFrame(f -> f.opcode() == ClientFrame.PONG, Live.REACT);
                    if (pong == null || !new String(pong.payload(), StandardCharsets.UTF_8).equals("mid")) {
                        return "the Ping between fragments got " + (pong == null ? "no Pong" : "the Pong " + pong);
                    }
                    return Fuzz.compare(live, list(text("Hello")));
                }
            });
        }
        ClientCases.check("the Ping answered, the Pong ignored, the message \"Hello\" delivered intact", cases);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAG-5")
    void failsOnAContinuationWithNothingToContinue(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        in.put("continuation with FIN", list(raw().opcode(0).payload(utf8("orphan")).toBytes()));
        in.put("continuation without FIN", list(raw().fin(false).opcode(0).payload(utf8("orphan")).toBytes()));
        in.put("continuation after a complete message", list(Live.text("done"), raw().opcode(0).payload(utf8("orphan")).toBytes()));
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        Fuzz.mustFail(client, "a continuation frame needs a message in progress", withoutFirstMessage(in));
    }

    /** The "after a complete message" case delivers one good message first: judged with that allowance. */
    private static Map<String, List<byte[]>> withoutFirstMessage(Map<String, List<byte[]>> in) {
        Map<String, List<byte[]>> out = new LinkedHashMap<>(in);
        out.remove("continuation after a complete message");
        return out;
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-FRAG-6")
    void failsOnANewMessageInsideAFragmentedOne(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        in.put("text inside text", list(raw().fin(false).opcode(1).payload(utf8("one")).toBytes(), Live.text("two")));
        in.put("binary inside text", list(raw().fin(false).opcode(1).payload(utf8("one")).toBytes(),
                raw().opcode(2).payload(new byte[] {2}).toBytes()));
        in.put("text without FIN inside binary", list(raw().fin(false).opcode(2).payload(new byte[] {1}).toBytes(),
                raw().fin(false).opcode(1).payload(utf8("two")).toBytes(), raw().opcode(0).toBytes()));
        Fuzz.mustFail(client, "fragments of two messages must not interleave", in);
    }

    // ---- UTF-8 ----

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-UTF8-2")
    void failsOnInvalidUtf8Text(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        for (String bad : List.of("c0 80", "e0 80 80", "ed a0 80", "f4 90 80 80", "c1 bf", "f5 80 80 80", "ff", "80",
                "41 e2 82")) {
            in.put("text [" + bad + "]", list(raw().opcode(1).payload(hex(bad)).toBytes()));
        }
        Fuzz.mustFail(client, "text that is not UTF-8", in);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-UTF8-3")
    void acceptsTextSplitInsideCodePoints(WebSocketClientAdapter client) {
        Map<String, Fuzz.Delivery> in = new LinkedHashMap<>();
        String s = "κόσμε 𝄞";
        byte[] b = utf8(s);
        List<byte[]> octets = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            octets.add(raw().fin(i == b.length - 1).opcode(i == 0 ? 1 : 0).payload(new byte[] {b[i]}).toBytes());
        }
        in.put("every octet its own fragment", new Fuzz.Delivery(octets, list(text(s))));
        byte[] clef = utf8("𝄞");
        in.put("a 4-octet code point over four fragments", new Fuzz.Delivery(list(
                raw().fin(false).opcode(1).payload(new byte[] {clef[0]}).toBytes(), raw().fin(false).opcode(0).payload(new byte[] {clef[1]}).toBytes(),
                raw().fin(false).opcode(0).payload(new byte[] {clef[2]}).toBytes(), raw().opcode(0).payload(new byte[] {clef[3]}).toBytes()),
                list(text("𝄞"))));
        Fuzz.mustDeliver(client, "valid text split anywhere is delivered intact", in);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-UTF8-4")
    void failsOnTextInvalidOnceReassembled(WebSocketClientAdapter client) {
        Map<String, List<byte[]>> in = new LinkedHashMap<>();
        in.put("code point begun, then broken in the next fragment", list(raw().fin(false).opcode(1).payload(hex("41 e2 82")).toBytes(),
                raw().opcode(0).payload(hex("41")).toBytes()));
        in.put("final fragment ends inside a code point", list(raw().fin(false).opcode(1).payload(hex("41")).toBytes(),
                raw().opcode(0).payload(hex("42 f0 9d 84")).toBytes()));
        Fuzz.mustFail(client, "the reassembled message must be UTF-8", in);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-UTF8-5")
    void acceptsEveryValidCodePoint(WebSocketClientAdapter client) {
        Map<String, Fuzz.Delivery> in = new LinkedHashMap<>();
        String s = "\u0000\u007f\u0080\u07ff\u0800\ufeff\ufffe\uffff\ud800\udc00\udbff\udfff";
        in.put("U+0000 U+007F U+0080 U+07FF U+0800 U+FEFF U+FFFE U+FFFF U+10000 U+10FFFF",
                new Fuzz.Delivery(list(Live.text(s)), list(text(s))));
        in.put("BOM at the start is kept", new Fuzz.Delivery(list(Live.text("\ufeffbom")), list(text("\ufeffbom"))));
        Fuzz.mustDeliver(client, "delivered intact, nothing stripped", in, Chop.WHOLE);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-UTF8-6")
    void doesNotValidateBinaryOrPings(WebSocketClientAdapter client) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        cases.put("binary and ping with invalid UTF-8", ctx -> {
            try (Live live = Live.open(ctx, client, "/binary-utf8")) {
                byte[] bad = hex("ff fe c0 80 ed a0 80");
                live.send(Chop.PER_FRAME, raw().opcode(2).payload(bad).toBytes(), raw().opcode(9).payload(bad).toBytes());
                live.rec.awaitMessages(1, Live.REACT);
                ClientFrame pong = live.peer.awaitFrame(f -> f.opcode() == ClientFrame.PONG, Live.REACT);
                if (pong == null || !Arrays.equals(pong.payload(), bad)) {
                    return "Ping with invalid UTF-8 answered with " + pong;
                }
                return Fuzz.compare(live, list(binary(bad)));
            }
        });
        ClientCases.check("binary delivered and Ping echoed intact", cases);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-UTF8-1")
    void sendsOnlyValidUtf8(WebSocketClientAdapter client) {
        ClientCases.check("a String with an unpaired surrogate is refused or sent as valid UTF-8", "surrogate", ctx -> {
            try (Live live = Live.open(ctx, client, "/surrogate")) {
                try {
                    live.conn.sendText("a\ud800b");
                } catch (Exception e) {
                    ctx.log("the API refused: " + e);
                    return null;
                }
                ClientFrame f = live.peer.awaitFrame(ClientFrame::isData, Live.REACT);
                if (f == null) {
                    return null;
                }
                return org.netconform.reference.websocket.Utf8Validator.isValid(f.payload()) ? null
                        : "sent invalid UTF-8 " + Fuzz.describe(f.payload());
            }
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-UTF8-8")
    void failsOnACloseReasonThatIsNotUtf8(WebSocketClientAdapter client) {
        Map<String, byte[]> in = new LinkedHashMap<>();
        in.put("1000 + [ff fe]", hex("03 e8 ff fe"));
        in.put("1000 + [ed a0 80]", hex("03 e8 ed a0 80"));
        Fuzz.mustRefuseClose(client, "Close reasons are UTF-8", in);
    }

    // ---- masking keys ----

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-MASK-7")
    void freshKeyForEveryFrame(WebSocketClientAdapter client) {
        // 2000 keys have the same power as the 10 000 used before against every way a key goes stale: a
        // reused or constant key repeats ~2000 times, a zero key shows at once, and a generator with only
        // 16 bits of state repeats ~30 times in 2000 (n^2 / 2^17) against a limit of 2, while 2000 uniform
        // 32-bit keys repeat even once with probability ~5e-4 (n^2 / 2^33). It costs a fifth of the time.
        ClientCases.check("2000 frames on one connection and 200 on another: no key repeats, no zero key", "keys", ctx -> {
            List<Integer> keys = keys(ctx, client, "/keys-a", 2000, i -> "m" + i);
            List<Integer> other = keys(ctx, client, "/keys-b", 200, i -> "m" + i);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            int repeats = 0;
            for (int k : keys) {
                if (!seen.add(k)) {
                    repeats++;
                }
            }
            int across = (int) other.stream().filter(seen::contains).count();
            long zeros = keys.stream().filter(k -> k == 0).count() + other.stream().filter(k -> k == 0).count();
            ctx.log("first keys: " + keys.subList(0, 8).stream().map(k -> String.format("%08x", k)).toList());
            // more than 2 repeats means the keys are not fresh
            if (repeats > 2 || across > 1 || zeros > 1) {
                return repeats + " repeated keys in one connection, " + across + " keys shared across connections, "
                        + zeros + " zero keys";
            }
            return null;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-MASK-8")
    void keysAreUnpredictable(WebSocketClientAdapter client) {
        ClientCases.check("identical payloads get different keys; no constant difference or XOR; monobit and runs tests pass",
                "keys", ctx -> {
                    List<Integer> keys = keys(ctx, client, "/unpredictable", 2000, i -> "same payload");
                    List<String> problems = new ArrayList<>();
                    if (new java.util.HashSet<>(keys).size() < keys.size() - 2) {
                        problems.add("identical payloads share keys: " + (keys.size() - new java.util.HashSet<>(keys).size()) + " repeats");
                    }
                    java.util.Set<Integer> diffs = new java.util.HashSet<>(), xors = new java.util.HashSet<>();
                    for (int i = 1; i < keys.size(); i++) {
                        diffs.add(keys.get(i) - keys.get(i - 1));
                        xors.add(keys.get(i) ^ keys.get(i - 1));
                    }
                    if (diffs.size() < keys.size() / 2) {
                        problems.add("successive keys differ by only " + diffs.size() + " distinct amounts (a counter?)");
                    }
                    if (xors.size() < keys.size() / 2) {
                        problems.add("successive keys XOR to only " + xors.size() + " distinct values");
                    }
                    long ones = keys.stream().mapToLong(Integer::bitCount).sum();
                    long n = keys.size() * 32L;
                    double z = Math.abs(ones - n / 2.0) / Math.sqrt(n / 4.0);
                    if (z > 4.5) {
                        problems.add("monobit: " + ones + " ones in " + n + " bits (z = " + String.format("%.1f", z) + ")");
                    }
                    long runs = 1;
                    int prev = keys.get(0) >>> 31;
                    for (int k : keys) {
                        for (int bit = 31; bit >= 0; bit--) {
                            int b = (k >>> bit) & 1;
                            if (b != prev) {
                                runs++;
                                prev = b;
                            }
                        }
                    }
                    double pi = ones / (double) n;
                    double rz = Math.abs(runs - 2.0 * n * pi * (1 - pi)) / (2 * Math.sqrt(2.0 * n) * pi * (1 - pi));
                    if (rz > 4.5) {
                        problems.add("runs test: " + runs + " runs in " + n + " bits (z = " + String.format("%.1f", rz) + ")");
                    }
                    ctx.log("keys: " + keys.size() + ", ones " + ones + "/" + n + ", runs " + runs);
                    return problems.isEmpty() ? null : String.join("; ", problems);
                });
    }

    private static List<Integer> keys(ClientCases.Context ctx, WebSocketClientAdapter client, String path, int count,
                                      java.util.function.IntFunction<String> payload) throws Exception {
        try (Live live = Live.open(ctx, client, path)) {
            for (int i = 0; i < count; i++) {
                live.conn.sendText(payload.apply(i));
            }
            live.peer.awaitFrame(f -> false, Duration.ZERO);
            long deadline = System.currentTimeMillis() + 5000;
            while (live.peer.frames().stream().filter(ClientFrame::isData).count() < count && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            List<Integer> keys = live.peer.frames().stream().filter(ClientFrame::isData).map(ClientFrame::maskKey).toList();
            if (keys.size() < count) {
                throw new IllegalStateException("only " + keys.size() + " of " + count + " frames arrived");
            }
            return keys;
        }
    }
}
