package org.netconform.suites.wsclient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.netconform.reference.websocket.Opcode;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.wsclient.ClientConnection;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.spi.wsclient.WebSocketClientAdapter;
import org.netconform.suites.wsclient.fuzz.Chop;
import org.netconform.suites.wsclient.fuzz.ClientFrame;
import org.netconform.suites.wsclient.fuzz.FuzzServer;

/**
 * One live connection of the client under test to a fresh {@link FuzzServer}: the server's side
 * ({@link #peer}), what the client reported ({@link #rec}) and the client's API ({@link #conn}).
 * Closing it drops both ends and hands the wire log to the case.
 */
final class Live implements AutoCloseable {
    static final Duration CONNECT = Duration.ofSeconds(5);
    /** How long a conforming client may take to react (fail, answer, close). */
    static final Duration REACT = Duration.ofSeconds(2);
    /** How long to watch for something that must not happen. */
    static final Duration QUIET = Duration.ofMillis(300);

    /**
     * The client refused the 101 it was sent. Where that 101 is the plain valid one, the harness got no
     * session to test with (an ERROR); a test of the handshake itself catches it and judges the refusal.
     */
    static final class Refused extends IllegalStateException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    final FuzzServer server;
    final FuzzServer.Peer peer;
    final ClientRecorder rec;
    final ClientConnection conn;
    private final ClientCases.Context ctx;

    private Live(ClientCases.Context ctx, FuzzServer server, FuzzServer.Peer peer, ClientRecorder rec, ClientConnection conn) {
        this.ctx = ctx;
        this.rec = rec;
        this.server = server;
        this.peer = peer;
        this.conn = conn;
    }

    /** Connects with a valid 101; throws (an ERROR, the harness got no session) when that fails. */
    static Live open(ClientCases.Context ctx, WebSocketClientAdapter client, String path) throws Exception {
        return open(ctx, client, path, FuzzServer.Peer::valid101, List.of());
    }

    static Live open(ClientCases.Context ctx, WebSocketClientAdapter client, String path,
                     Function<FuzzServer.Peer, String> response, List<String> subprotocols) throws Exception {
        return open(ctx, client, path, response, subprotocols, List.of());
    }

    static Live open(ClientCases.Context ctx, WebSocketClientAdapter client, String path,
                     Function<FuzzServer.Peer, String> response, List<String> subprotocols, List<String> extensions)
            throws Exception {
        return open(ctx, client, FuzzServer.start(), null, path, response, subprotocols, extensions);
    }

    /** Connects to the fuzzing server over TLS (wss://localhost) with a valid 101, trusting its test certificate. */
    static Live openTls(ClientCases.Context ctx, WebSocketClientAdapter client, String path) throws Exception {
        org.netconform.suites.wsclient.fuzz.SelfSignedCertificates.Pair cert =
                org.netconform.suites.wsclient.fuzz.SelfSignedCertificates.trusted();
        return open(ctx, client, FuzzServer.startTls(cert.server()), cert.trust(), path, FuzzServer.Peer::valid101,
                List.of(), List.of());
    }

    private static Live open(ClientCases.Context ctx, WebSocketClientAdapter client, FuzzServer server,
                             java.security.KeyStore trust, String path, Function<FuzzServer.Peer, String> response,
                             List<String> subprotocols, List<String> extensions) throws Exception {
        ctx.onClose(server);
        ClientRecorder rec = new ClientRecorder();
        ConnectRequest req = ConnectRequest.to(server.uri(path), CONNECT).offering(subprotocols, extensions);
        if (trust != null) {
            req = req.trusting(trust);
        }
        ConnectRequest request = req;
        CompletableFuture<ClientConnection> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return client.connect(request, rec);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, ClientCases.POOL);
        // wait for the client's request, but stop waiting as soon as connect() failed without sending one
        FuzzServer.Peer peer = server.accept(CONNECT, connecting::isCompletedExceptionally);
        if (peer == null && connecting.isCompletedExceptionally()) {
            Throwable why = connecting.handle((c, t) -> t).join();
            why = why instanceof java.util.concurrent.CompletionException && why.getCause() != null ? why.getCause() : why;
            throw new IllegalStateException("the client failed before sending an opening handshake to " + req.uri()
                    + ": " + ClientCases.chain(why), why);
        }
        if (peer == null) {
            connecting.cancel(true);
            throw new IllegalStateException("the client sent no opening handshake to " + req.uri() + "\n" + server.wireLog());
        }
        peer.respond(response.apply(peer));
        ClientConnection conn;
        try {
            conn = connecting.get(CONNECT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            ctx.log(server.wireLog());
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            throw new Refused("the client refused a valid opening handshake: " + ClientCases.chain(cause), cause);
        } catch (TimeoutException e) {
            ctx.log(server.wireLog());
            throw new IllegalStateException("the client did not report the connection open within " + CONNECT.toSeconds() + " s");
        }
        Live live = new Live(ctx, server, peer, rec, conn);
        ctx.add(live);
        return live;
    }

    boolean send(Chop chop, byte[]... frames) {
        return peer.send(chop, frames);
    }

    boolean send(Chop chop, List<byte[]> frames) {
        return peer.send(chop, frames);
    }

    // ---- frame builders (server frames: unmasked unless told) ----

    static byte[] text(String s) {
        return RawFrameWriter.frame().opcode(Opcode.TEXT).payload(s.getBytes(StandardCharsets.UTF_8)).toBytes();
    }

    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return RawFrameWriter.frame().fin(fin).opcode(opcode).payload(payload).toBytes();
    }

    static byte[] ping(String s) {
        return RawFrameWriter.frame().opcode(Opcode.PING).payload(s.getBytes(StandardCharsets.UTF_8)).toBytes();
    }

    static byte[] close(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return RawFrameWriter.frame().opcode(Opcode.CLOSE).payload(p).toBytes();
    }

    /** The marker Ping sent after an offending frame: a client that failed the connection never answers it. */
    static final String AFTER = "after-the-offending-frame";

    /**
     * Sends the offending frames then a marker Ping and judges whether the client failed the
     * connection: it sent a Close or closed TCP within {@link #REACT}, delivered nothing it should not
     * have, and did not answer the marker Ping. Returns the problem, or null.
     */
    String expectFailure(Chop chop, List<byte[]> offending) {
        List<byte[]> all = new java.util.ArrayList<>(offending);
        all.add(ping(AFTER));
        send(chop, all);
        return judgeFailure(0);
    }

    String judgeFailure(int messagesAllowed) {
        if (!peer.awaitCloseOrEnd(REACT)) {
            return "did not fail the connection: no Close and TCP still open after " + REACT.toMillis() + " ms"
                    + delivered(messagesAllowed);
        }
        // a Pong for the marker may trail the client's Close by a little
        peer.awaitFrame(f -> f.opcode() == ClientFrame.PONG && new String(f.payload(), StandardCharsets.UTF_8).equals(AFTER),
                Duration.ofMillis(50));
        if (peer.frames().stream().anyMatch(f -> f.opcode() == ClientFrame.PONG
                && new String(f.payload(), StandardCharsets.UTF_8).equals(AFTER))) {
            return "answered a Ping sent after the offending frame: it went on processing data";
        }
        if (rec.messages().size() > messagesAllowed) {
            return "closed, but first delivered to the application " + rec.messages().subList(messagesAllowed, rec.messages().size());
        }
        return null;
    }

    private String delivered(int allowed) {
        List<ClientRecorder.Received> m = rec.messages();
        return m.size() > allowed ? "; delivered " + m.subList(allowed, m.size()) : "";
    }

    /** How often a test that needs the client's responding Close retries a connection where it got none. */
    static final int ANSWER_ATTEMPTS = 4;

    /** The client's responding Close to a Close the server sent, and how many connections it took. */
    record Answer(Live live, ClientFrame close, int attempts, List<String> missed) {
        String attemptsText() {
            return attempts == 1 ? "" : " (" + missed.size() + " earlier connection(s) ended without a Close: "
                    + String.join("; ", missed) + ")";
        }
    }

    /**
     * Opens a connection, sends the server's Close with this payload and waits up to {@code wait} for the
     * client's Close. Some clients (Java-WebSocket) race their own threads and now and then close TCP
     * without the responding Close; whether a client answers reliably is judged by WS-CLOSE-11 alone.
     * So when the client ended TCP without a Close, this retries on a fresh connection, up to
     * {@link #ANSWER_ATTEMPTS} connections, and the caller judges what the Close says (its code, its
     * timing), not the race. A client that keeps TCP open without answering, or never answers in
     * {@link #ANSWER_ATTEMPTS} connections, gets {@code close == null}: a deterministic non-answer.
     */
    static Answer answerToClose(ClientCases.Context ctx, WebSocketClientAdapter client, String path, Chop chop, byte[] payload,
                                Duration wait, java.util.function.Consumer<Live> beforeClose) throws Exception {
        List<String> missed = new java.util.ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Live live = open(ctx, client, path);
            beforeClose.accept(live);
            live.peer.sendClose(chop, payload);
            ClientFrame c = live.clientClose(wait);
            if (c != null || live.peer.tcpEnd() == FuzzServer.TcpEnd.OPEN || attempt == ANSWER_ATTEMPTS) {
                return new Answer(live, c, attempt, missed);
            }
            missed.add("TCP " + live.peer.tcpEnd());
            ctx.log("connection " + attempt + ": the client ended TCP (" + live.peer.tcpEnd()
                    + ") without a responding Close; trying a fresh connection");
            live.close();
        }
    }

    /**
     * Opens a connection, has the application close it with this code and reason, and waits up to
     * {@link #REACT} for the client's Close. As with {@link #answerToClose}, a connection whose client
     * ended TCP without any Close (Java-WebSocket's thread race, judged by WS-CLOSE-11 alone) is retried on a
     * fresh one, up to {@link #ANSWER_ATTEMPTS}; the caller judges the Close the client sent.
     */
    static Answer ownClose(ClientCases.Context ctx, WebSocketClientAdapter client, String path, int code, String reason)
            throws Exception {
        List<String> missed = new java.util.ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Live live = open(ctx, client, path);
            live.conn.close(code, reason);
            ClientFrame c = live.clientClose(REACT);
            if (c != null || live.peer.tcpEnd() == FuzzServer.TcpEnd.OPEN || attempt == ANSWER_ATTEMPTS) {
                return new Answer(live, c, attempt, missed);
            }
            missed.add("TCP " + live.peer.tcpEnd());
            ctx.log("connection " + attempt + ": the client ended TCP (" + live.peer.tcpEnd()
                    + ") without sending its Close; trying a fresh connection");
            live.close();
        }
    }

    static Answer answerToClose(ClientCases.Context ctx, WebSocketClientAdapter client, String path, Chop chop, byte[] payload,
                                Duration wait) throws Exception {
        return answerToClose(ctx, client, path, chop, payload, wait, l -> { });
    }

    /** The first Close frame the client sent, waiting up to {@code timeout}; null if none. */
    ClientFrame clientClose(Duration timeout) {
        return peer.awaitFrame(f -> f.opcode() == ClientFrame.CLOSE, timeout);
    }

    private boolean closed;

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            conn.abort();
        } catch (RuntimeException ignored) {
            // the client is being dropped anyway
        }
        server.close();
        ctx.log(server.wireLog() + String.join("\n", rec.log().stream().map(l -> "          client " + l).toList()));
    }
}
