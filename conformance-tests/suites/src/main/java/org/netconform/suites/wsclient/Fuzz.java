package org.netconform.suites.wsclient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.netconform.harness.Values;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.WebSocketClientAdapter;
import org.netconform.suites.wsclient.fuzz.Chop;
import org.netconform.suites.wsclient.fuzz.ClientFrame;

/** Shared shapes of client cases: must fail, must deliver, must answer; each in every chop. */
final class Fuzz {
    private Fuzz() {
    }

    static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static RawFrameWriter raw() {
        return RawFrameWriter.frame();
    }

    @SafeVarargs
    static <T> List<T> list(T... items) {
        return List.of(items);
    }

    /** The client must fail the connection on each of these frame sequences, in every chop. */
    static void mustFail(WebSocketClientAdapter client, String expectation, Map<String, List<byte[]>> inputs) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        inputs.forEach((name, frames) -> {
            for (Chop chop : Chop.values()) {
                cases.put(name + " [" + chop + "]", ctx -> {
                    try (Live live = Live.open(ctx, client, "/fail")) {
                        return live.expectFailure(chop, frames);
                    }
                });
            }
        });
        ClientCases.check("the client fails the connection (sends a Close or closes TCP within " + Live.REACT.toMillis()
                + " ms), delivers nothing from the offending frame and answers no later Ping: " + expectation, cases);
    }

    /**
     * The client must fail the connection on a Close it cannot accept: it answers with no Close at
     * all, or with one whose code is an error code (not 1000, 1001, none, or the code it got).
     */
    static void mustRefuseClose(WebSocketClientAdapter client, String expectation, Map<String, byte[]> closePayloads) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        closePayloads.forEach((name, payload) -> {
            for (Chop chop : Chop.values()) {
                cases.put(name + " [" + chop + "]", ctx -> {
                    try (Live live = Live.open(ctx, client, "/bad-close")) {
                        live.peer.sendClose(chop, payload);
                        if (!live.peer.awaitCloseOrEnd(Live.REACT)) {
                            return "neither answered nor closed TCP within " + Live.REACT.toMillis() + " ms";
                        }
                        ClientFrame c = live.clientClose(java.time.Duration.ofMillis(50));
                        int sent = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
                        if (c != null && (c.closeCode() == -1 || c.closeCode() == 1000 || c.closeCode() == 1001
                                || c.closeCode() == sent)) {
                            return "accepted it: answered with the normal Close " + c;
                        }
                        return null;
                    }
                });
            }
        });
        ClientCases.check("the client fails the connection: no normal closing-handshake answer (" + expectation + ")", cases);
    }

    /** What a case should deliver: the frames to send and the messages the application must get. */
    record Delivery(List<byte[]> frames, List<ClientRecorder.Received> expected) {
    }

    static ClientRecorder.Received text(String s) {
        return new ClientRecorder.Received(ClientRecorder.Type.TEXT, utf8(s));
    }

    static ClientRecorder.Received binary(byte[] b) {
        return new ClientRecorder.Received(ClientRecorder.Type.BINARY, b);
    }

    /** The client must deliver exactly these messages, intact, in every listed chop, and stay open. */
    static void mustDeliver(WebSocketClientAdapter client, String expectation, Map<String, Delivery> inputs, Chop... chops) {
        Chop[] modes = chops.length == 0 ? Chop.values() : chops;
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        inputs.forEach((name, d) -> {
            for (Chop chop : modes) {
                cases.put(name + " [" + chop + "]", ctx -> {
                    try (Live live = Live.open(ctx, client, "/deliver")) {
                        live.send(chop, d.frames());
                        live.rec.awaitMessages(d.expected().size(), Live.REACT);
                        return compare(live, d.expected());
                    }
                });
            }
        });
        ClientCases.check(expectation, cases);
    }

    static String compare(Live live, List<ClientRecorder.Received> expected) {
        List<ClientRecorder.Received> got = live.rec.messages();
        if (got.size() != expected.size()) {
            ClientFrame close = live.peer.frames().stream().filter(f -> f.opcode() == ClientFrame.CLOSE).findFirst().orElse(null);
            return "delivered " + got.size() + " of " + expected.size() + " messages " + got
                    + (close != null ? "; the client closed with " + close : "")
                    + (live.peer.tcpEnd() != org.netconform.suites.wsclient.fuzz.FuzzServer.TcpEnd.OPEN ? "; TCP " + live.peer.tcpEnd() : "");
        }
        for (int i = 0; i < got.size(); i++) {
            ClientRecorder.Received g = got.get(i), e = expected.get(i);
            if (g.type() != e.type() || !Arrays.equals(g.payload(), e.payload())) {
                return "message " + i + ": expected " + e.type() + " " + describe(e.payload()) + ", got " + g.type() + " "
                        + describe(g.payload());
            }
        }
        ClientFrame close = live.peer.frames().stream().filter(f -> f.opcode() == ClientFrame.CLOSE).findFirst().orElse(null);
        return close == null ? null : "delivered the messages but then closed: " + close;
    }

    static String describe(byte[] b) {
        return "[" + Values.hex(b, 24) + "]";
    }

    /** Frames the client sent that break the predicate, described. */
    static List<String> offenders(List<ClientFrame> frames, Predicate<ClientFrame> ok) {
        List<String> bad = new ArrayList<>();
        for (ClientFrame f : frames) {
            if (!ok.test(f)) {
                bad.add(f.toString());
            }
        }
        return bad;
    }

    /**
     * A session in which the client sends what its API can: text, binary, a Pong (answering the
     * server's Ping) and a Close; returns every frame it sent.
     */
    static List<ClientFrame> clientTalks(ClientCases.Context ctx, WebSocketClientAdapter client) throws Exception {
        try (Live live = Live.open(ctx, client, "/talk")) {
            live.conn.sendText("Hello");
            live.conn.sendBinary(new byte[] {1, 2, 3, 4, 5});
            live.conn.sendText("");
            live.conn.sendBinary(new byte[300]);
            live.send(Chop.WHOLE, Live.ping("are you there"));
            live.peer.awaitFrame(f -> f.opcode() == ClientFrame.PONG, Live.REACT);
            live.conn.close(1000, "done");
            live.clientClose(Live.REACT);
            live.peer.awaitTcpEnd(Live.QUIET);
            List<ClientFrame> frames = live.peer.frames();
            if (frames.stream().filter(ClientFrame::isData).count() < 4) {
                throw new IllegalStateException("the client sent " + frames.size() + " frames, not the 4 messages asked for");
            }
            return frames;
        }
    }
}
