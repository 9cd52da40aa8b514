package org.netconform.reference.websocket.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.netconform.reference.websocket.ClosePayload;
import org.netconform.reference.websocket.DecoderConfig;
import org.netconform.reference.websocket.Frame;
import org.netconform.reference.websocket.FrameDecoder;
import org.netconform.reference.websocket.FrameEncoder;
import org.netconform.reference.websocket.HttpHeadCodec;
import org.netconform.reference.websocket.HttpHeadException;
import org.netconform.reference.websocket.HttpRequestHead;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.reference.websocket.Message;
import org.netconform.reference.websocket.MessageAssembler;
import org.netconform.spi.websocket.Role;
import org.netconform.reference.websocket.ServerHandshake;
import org.netconform.reference.websocket.WebSocketProtocolException;

/** One connection of an {@link EchoServer}; touched only by its selector thread. */
final class Connection implements MessageAssembler.Listener {
    private enum State { HANDSHAKE, OPEN, CLOSING, DRAIN, DONE }

    private static final FrameEncoder ENCODER = new FrameEncoder(Role.SERVER);
    private static final byte[] TEXT_HEARTBEAT = "heartbeat".getBytes(StandardCharsets.US_ASCII);

    private final EchoServer server;
    private final EchoServer.IoLoop loop;
    private final SocketChannel ch;
    private final EchoServerConfig config;
    final String remote;
    SelectionKey key;

    private State state = State.HANDSHAKE;
    private byte[] head = new byte[0];
    private int headLen;
    private FrameDecoder decoder;
    private MessageAssembler assembler;
    /** Frames to write, each as its buffers (a large echo: header, then the message's payload). */
    private final ArrayDeque<ByteBuffer[]> out = new ArrayDeque<>(2);
    /**
     * Octets held in the queue (whole buffers: a frame half written still holds all of its array); read by other
     * selector threads when the server sheds load.
     */
    private volatile long queued;
    /** Set (by any thread) once this connection is chosen to be closed for the server's outbound budget. */
    volatile boolean shedding;

    private final long handshakeDeadline;
    private long closeDeadline;
    private boolean dropAfterFlush;
    private boolean closeSent;
    private String sentClose = "none";
    private String receivedClose = "none";
    private String closedBy = "";

    private long nextPingAt;
    private long nextTextAt;
    private long pingSentAt;
    private byte[] outstandingPing;
    private long pingCounter;

    Connection(EchoServer server, EchoServer.IoLoop loop, SocketChannel ch) throws IOException {
        this.server = server;
        this.loop = loop;
        this.ch = ch;
        this.config = server.config();
        this.remote = String.valueOf(ch.getRemoteAddress());
        this.handshakeDeadline = System.nanoTime() + config.handshakeTimeout().toNanos();
    }

    EchoServer.IoLoop loop() {
        return loop;
    }

    void onReadable(ByteBuffer buf) throws IOException {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
            onEof();
            return;
        }
        buf.flip();
        switch (state) {
            case HANDSHAKE -> readHead(buf);
            case OPEN, CLOSING -> {
                if (!dropAfterFlush) {
                    decode(buf);
                }
            }
            default -> {
                // DRAIN, DONE: input after we are done is discarded (§7.1.1)
            }
        }
    }

    private void onEof() throws IOException {
        if (state == State.DRAIN || state == State.DONE) {
            hardClose();
            return;
        }
        if (closedBy.isEmpty()) {
            closedBy = state == State.HANDSHAKE ? "client closed TCP during the handshake"
                    : receivedClose.equals("none") ? "client dropped TCP without a Close (1006)" : "client";
        }
        finish();
        hardClose();
    }

    private void readHead(ByteBuffer buf) throws IOException {
        int n = buf.remaining();
        if (head.length < headLen + n) {
            head = Arrays.copyOf(head, Math.max(headLen + n, Math.min(2 * head.length + 512, headLen + n + 8192)));
        }
        buf.get(head, headLen, n);
        headLen += n;
        int length;
        HttpRequestHead request;
        try {
            length = HttpHeadCodec.headLength(head, 0, headLen, HttpHeadCodec.DEFAULT_MAX_HEAD);
            if (length < 0) {
                return;
            }
            request = HttpHeadCodec.parseRequest(Arrays.copyOf(head, length));
        } catch (HttpHeadException e) {
            refuse(e.status(), e.getMessage());
            return;
        }
        if (!EchoServer.pathOf(request.target()).equals(config.path())) {
            refuse(404, "no WebSocket at " + request.target());
            return;
        }
        ServerHandshake.Outcome outcome = server.handshake().accept(request);
        write(HttpHeadCodec.serialize(outcome.upgraded() ? outcome.response()
                : withClose(outcome.response())));
        if (!outcome.upgraded()) {
            closedBy = "server refused the handshake with " + outcome.response().status() + ": " + outcome.reason();
            dropAfterFlush = true;
            state = State.CLOSING;
            closeDeadline = System.nanoTime() + config.closeTimeout().toNanos();
            flush();
            return;
        }
        state = State.OPEN;
        decoder = new FrameDecoder(new DecoderConfig(Role.SERVER, config.maxFramePayload(), config.maxMessageSize(),
                config.rejectNonMinimalLength(), 0));
        assembler = new MessageAssembler(config.maxMessageSize(), this);
        long now = System.nanoTime();
        nextPingAt = now + config.pingInterval().toNanos();
        nextTextAt = now + config.pingInterval().toNanos();
        EchoServer.LOG.log(System.Logger.Level.DEBUG, "open {0} {1}", remote, request.target());
        byte[] rest = Arrays.copyOfRange(head, length, headLen);
        head = null;
        if (rest.length > 0) {
            decode(ByteBuffer.wrap(rest));
        }
    }

    private static HttpResponseHead withClose(HttpResponseHead r) {
        return new HttpResponseHead(r.version(), r.status(), r.reason(),
                r.headers().with("Content-Length", "0").with("Connection", "close"));
    }

    private void refuse(int status, String why) throws IOException {
        String phrase = switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 431 -> "Request Header Fields Too Large";
            default -> "Error";
        };
        write(HttpHeadCodec.serialize(EchoServer.plain(status, phrase)));
        closedBy = "server refused the handshake with " + status + ": " + why;
        dropAfterFlush = true;
        state = State.CLOSING;
        closeDeadline = System.nanoTime() + config.closeTimeout().toNanos();
        flush();
    }

    private void decode(ByteBuffer buf) throws IOException {
        try {
            decoder.feed(buf, assembler::accept);
        } catch (WebSocketProtocolException e) {
            fail(e.closeCode(), e.reason());
        }
    }

    /**
     * Called with every message before it is echoed; only the server's own tests set it, to make a connection
     * fail in ways a peer cannot (an {@link Error} in its handling).
     */
    static volatile java.util.function.Consumer<Message> faultInjection = m -> { };

    @Override
    public void onMessage(Message message) {
        faultInjection.accept(message);
        if (closeSent) {
            return; // no data after our Close (§5.5.1)
        }
        if (message.length() <= 4096) {
            write(ENCODER.encode(new Frame(true, message.type(), message.payload())));
            return;
        }
        // a large echo goes out as its header and the message's own payload: no copy of it is made
        write(header(message.type().code(), message.length()), message.payloadBuffer());
    }

    /** The header of an unmasked final frame with minimal length encoding. */
    private static byte[] header(int opcode, int len) {
        if (len <= 125) {
            return new byte[] {(byte) (0x80 | opcode), (byte) len};
        }
        if (len <= 0xFFFF) {
            return new byte[] {(byte) (0x80 | opcode), 126, (byte) (len >>> 8), (byte) len};
        }
        byte[] h = new byte[10];
        h[0] = (byte) (0x80 | opcode);
        h[1] = 127;
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
        }
        return h;
    }

    @Override
    public void onControl(Frame frame) {
        switch (frame.opcode()) {
            case PING -> {
                if (!closeSent) {
                    write(ENCODER.encode(Frame.pong(frame.payload())));
                }
            }
            case PONG -> {
                if (outstandingPing != null && Arrays.equals(outstandingPing, frame.payload())) {
                    outstandingPing = null;
                }
            }
            case CLOSE -> onClose(ClosePayload.decode(frame.payload()));
            default -> throw new IllegalStateException("not a control frame: " + frame);
        }
    }

    private void onClose(ClosePayload close) {
        receivedClose = describe(close);
        if (closeSent) {
            // we started the closing handshake and it is complete: the server closes TCP (§5.5.1)
            closedBy = closedBy.isEmpty() ? "server (closing handshake complete)" : closedBy;
            dropAfterFlush = true;
            flushQuietly();
            return;
        }
        closedBy = "client (server echoed its Close)";
        ClosePayload echo = close.code().isPresent() ? ClosePayload.of(close.code().getAsInt()) : ClosePayload.EMPTY;
        sendClose(echo);
        dropAfterFlush = true;
        flushQuietly();
    }

    /** Fails the connection (§7.1.7): Close with the code, then TCP closed without processing more input. */
    void fail(int code, String reason) throws IOException {
        closedBy = "server failed the connection: " + reason;
        if (!closeSent) {
            sendClose(ClosePayload.of(code, truncate(reason)));
        }
        dropAfterFlush = true;
        flush();
    }

    /**
     * Starts a closing handshake from the server's side.
     *
     * @param drop true to close TCP as soon as the Close is written (the peer is presumed gone),
     *             false to wait up to the close timeout for the peer's Close
     */
    void initiateClose(int code, String reason, boolean drop) {
        if (state == State.HANDSHAKE) {
            closedBy = "server: " + reason;
            finishQuietly();
            return;
        }
        if (closeSent || state != State.OPEN && state != State.CLOSING) {
            return;
        }
        closedBy = "server: " + reason;
        sendClose(ClosePayload.of(code, truncate(reason)));
        dropAfterFlush = drop;
        flushQuietly();
    }

    private void sendClose(ClosePayload close) {
        sentClose = describe(close);
        write(ENCODER.encode(Frame.close(close)));
        closeSent = true;
        state = State.CLOSING;
        closeDeadline = System.nanoTime() + config.closeTimeout().toNanos();
    }

    void tick(long now) throws IOException {
        switch (state) {
            case HANDSHAKE -> {
                if (now - handshakeDeadline > 0) {
                    closedBy = "server: no complete handshake within " + config.handshakeTimeout().toMillis() + " ms";
                    finish();
                }
            }
            case OPEN -> heartbeat(now);
            case CLOSING -> {
                if (closeDeadline != 0 && now - closeDeadline > 0) {
                    closedBy = closedBy + "; no Close or no progress within " + config.closeTimeout().toMillis()
                            + " ms, TCP dropped";
                    finish();
                }
            }
            case DRAIN -> {
                if (now - closeDeadline > 0) {
                    hardClose();
                }
            }
            default -> {
            }
        }
    }

    private void heartbeat(long now) {
        long interval = config.pingInterval().toNanos();
        if (interval == 0) {
            return;
        }
        if (outstandingPing != null) {
            if (now - pingSentAt >= config.pongTimeout().toNanos()) {
                initiateClose(1001, "no Pong within " + config.pongTimeout().toMillis() + " ms", true);
                return;
            }
        } else if (now - nextPingAt >= 0) {
            byte[] payload = java.nio.ByteBuffer.allocate(8).putLong(++pingCounter).array();
            outstandingPing = payload;
            pingSentAt = now;
            nextPingAt = now + interval;
            write(ENCODER.encode(Frame.ping(payload)));
        }
        if (config.textHeartbeat() && now - nextTextAt >= 0) {
            nextTextAt = now + interval;
            write(ENCODER.encode(Frame.text("heartbeat")));
        }
    }

    /**
     * Queues octets; a reader too slow to keep the queue under its bound is closed with 1008, and when the
     * octets queued for all connections pass the server's budget, the slowest readers are.
     */
    private void write(byte[] octets) {
        write(octets, null);
    }

    /** Queues a frame as its octets, or as a header and a payload buffer sent after it (null: none). */
    private void write(byte[] octets, ByteBuffer more) {
        if (state == State.DRAIN || state == State.DONE) {
            return;
        }
        long n = octets.length + (more == null ? 0 : more.remaining());
        if (queued + n > config.maxOutboundBytes()) {
            closeSlowReader("outbound queue over " + config.maxOutboundBytes() + " octets (slow reader)",
                    "outbound queue full");
            return;
        }
        out.add(more == null ? new ByteBuffer[] {ByteBuffer.wrap(octets)} : new ByteBuffer[] {ByteBuffer.wrap(octets), more});
        queued(n);
        if (server.outbound() > config.maxTotalOutboundBytes()) {
            server.relieve(this);
            if (state == State.DRAIN || state == State.DONE || shedding && dropAfterFlush) {
                return;
            }
        }
        flushQuietly();
    }

    long queuedOctets() {
        return queued;
    }

    boolean open() {
        return state == State.OPEN || state == State.CLOSING && !dropAfterFlush;
    }

    private void queued(long delta) {
        queued += delta;
        server.queued(delta);
    }

    /** Drops what is queued; a frame half on the wire is kept, to be finished before a Close. */
    private void discardQueued(boolean keepStarted) {
        ByteBuffer[] started = out.peek();
        boolean keep = keepStarted && started != null && started[0].position() > 0;
        long dropped = 0;
        for (ByteBuffer[] f : out) {
            dropped += size(f);
        }
        out.clear();
        if (keep) {
            out.add(started);
            dropped -= size(started);
        }
        queued(-dropped);
    }

    private static long size(ByteBuffer[] frame) {
        long n = 0;
        for (ByteBuffer b : frame) {
            n += b.limit();
        }
        return n;
    }

    /** Called on this connection's selector thread when the server's outbound budget is spent. */
    void shed() {
        if (state == State.DRAIN || state == State.DONE || state == State.HANDSHAKE) {
            return;
        }
        closeSlowReader("outbound octets of all connections over " + config.maxTotalOutboundBytes()
                + " (one of the slowest readers)", "server busy: slow reader");
        flushQuietly();
    }

    private void closeSlowReader(String why, String reason) {
        if (closeSent) {
            // our Close is already queued behind what the peer does not read: drop TCP, and the queue with it
            closedBy = closedBy + "; TCP dropped: " + why;
            finishQuietly();
            return;
        }
        discardQueued(true);
        closedBy = "server: " + why;
        ClosePayload close = ClosePayload.of(1008, reason);
        sentClose = describe(close);
        byte[] f = ENCODER.encode(Frame.close(close));
        out.add(new ByteBuffer[] {ByteBuffer.wrap(f)});
        queued(f.length);
        closeSent = true;
        state = State.CLOSING;
        dropAfterFlush = true;
        closeDeadline = System.nanoTime() + config.closeTimeout().toNanos();
    }

    void flush() throws IOException {
        while (!out.isEmpty()) {
            ByteBuffer[] f = out.peek();
            if (f.length == 1) {
                ch.write(f[0]);
            } else {
                ch.write(f);
            }
            if (f[f.length - 1].hasRemaining()) {
                if ((key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                }
                return;
            }
            out.poll();
            queued(-size(f));
        }
        if (key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
        if (dropAfterFlush && state != State.DRAIN && state != State.DONE) {
            finish();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            abort(e);
        }
    }

    /** Ends the connection cleanly: FIN, then discard input until the peer's FIN or the close timeout. */
    private void finish() throws IOException {
        if (state == State.DRAIN || state == State.DONE) {
            return;
        }
        log();
        state = State.DRAIN;
        discardQueued(false);
        closeDeadline = System.nanoTime() + config.closeTimeout().toNanos();
        try {
            ch.shutdownOutput();
        } catch (IOException e) {
            hardClose();
        }
    }

    private void finishQuietly() {
        try {
            finish();
        } catch (IOException e) {
            abort(e);
        }
    }

    private void hardClose() {
        if (state == State.DONE) {
            return;
        }
        if (state != State.DRAIN) {
            log();
        }
        state = State.DONE;
        discardQueued(false);
        if (key != null) {
            key.cancel();
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // closed either way
        }
        loop.open.remove(this);
        server.closed();
    }

    /** Drops the connection after an I/O error (or at shutdown, with a null cause). */
    void abort(Throwable cause) {
        if (closedBy.isEmpty()) {
            closedBy = cause == null ? "server stopped" : "I/O error: " + cause;
        }
        hardClose();
    }

    private void log() {
        EchoServer.LOG.log(System.Logger.Level.INFO, "close {0}: sent {1}, received {2}; {3}", remote, sentClose,
                receivedClose, closedBy);
    }

    private static String describe(ClosePayload c) {
        return c.code().isPresent() ? c.code().getAsInt() + (c.reason().isEmpty() ? "" : " \"" + c.reason() + "\"")
                : "Close without status";
    }

    private static String truncate(String reason) {
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        if (b.length <= ClosePayload.MAX_REASON_BYTES) {
            return reason;
        }
        int end = ClosePayload.MAX_REASON_BYTES;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--; // cut at a code point boundary
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
