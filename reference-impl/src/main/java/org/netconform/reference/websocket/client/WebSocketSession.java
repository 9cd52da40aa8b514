package org.netconform.reference.websocket.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.netconform.reference.websocket.ClientHandshake;
import org.netconform.reference.websocket.CloseCodes;
import org.netconform.reference.websocket.ClosePayload;
import org.netconform.reference.websocket.DecoderConfig;
import org.netconform.reference.websocket.Frame;
import org.netconform.reference.websocket.FrameDecoder;
import org.netconform.reference.websocket.FrameEncoder;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.reference.websocket.Message;
import org.netconform.reference.websocket.MessageAssembler;
import org.netconform.reference.websocket.Opcode;
import org.netconform.spi.websocket.Role;
import org.netconform.reference.websocket.WebSocketProtocolException;

/**
 * One established client connection. Sending is thread-safe; receiving happens on the session's own
 * daemon reader thread, which reports to the {@link WebSocketListener}.
 *
 * <p>Closing (§5.5.1, §7.1): {@link #close(int, String)} sends a Close and waits, on the reader
 * thread, for the server's Close and then for the server to close TCP; a Close the server starts is
 * echoed with its status code. Either way, when the server has not closed TCP within the close
 * timeout, the client closes it. A protocol violation by the server fails the connection: a Close
 * with 1002, 1007 or 1009, then TCP is closed and nothing more is read (§7.1.7).
 */
public final class WebSocketSession {
    private final WebSocketClient client;
    private final Socket socket;
    private final OutputStream out;
    private final HttpResponseHead response;
    private final ClientHandshake.Result negotiated;
    private final WebSocketListener listener;
    private final FrameEncoder encoder;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;

    private final Object writeLock = new Object();
    private volatile boolean closeSent;
    private volatile boolean closeReceived;
    private volatile boolean closed;
    private int receivedCode = CloseCodes.ABNORMAL_CLOSURE;
    private String receivedReason = "";
    private Throwable failure;

    WebSocketSession(WebSocketClient client, Socket socket, HttpResponseHead response,
                     ClientHandshake.Result negotiated, WebSocketListener listener) throws IOException {
        this.client = client;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.response = response;
        this.negotiated = negotiated;
        this.listener = listener;
        this.encoder = client.newEncoder();
        this.decoder = new FrameDecoder(DecoderConfig.receivingAs(Role.CLIENT)
                .withMaxMessageSize(client.options().maxMessageSize())
                .withMaxFramePayload((int) Math.min(client.options().maxMessageSize(), DecoderConfig.MAX_ARRAY_PAYLOAD)));
        this.assembler = new MessageAssembler(client.options().maxMessageSize(), new MessageAssembler.Listener() {
            @Override
            public void onMessage(Message message) {
                listener.onMessage(WebSocketSession.this, message);
            }

            @Override
            public void onControl(Frame frame) {
                control(frame);
            }
        });
    }

    void start() {
        Thread t = new Thread(this::readLoop, "ws-client-reader-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** The server's 101 response. */
    public HttpResponseHead response() {
        return response;
    }

    public Optional<String> subprotocol() {
        return negotiated.subprotocol();
    }

    public boolean isOpen() {
        return !closeSent && !closeReceived && !closed;
    }

    /**
     * Sends a text message.
     *
     * @throws IllegalArgumentException when the text is not valid Unicode (an unpaired surrogate): it
     *                                  has no UTF-8 form (§5.6)
     */
    public void sendText(String text) throws IOException {
        byte[] utf8;
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            utf8 = new byte[b.remaining()];
            b.get(utf8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text is not valid Unicode: " + e.getMessage(), e);
        }
        sendData(new Frame(true, Opcode.TEXT, utf8));
    }

    public void sendBinary(byte[] data) throws IOException {
        sendData(Frame.binary(data));
    }

    /** Sends one fragment of a message: {@code opcode} is TEXT or BINARY first, CONTINUATION after. */
    public void sendFragment(Opcode opcode, byte[] data, boolean fin) throws IOException {
        sendData(new Frame(fin, opcode, data));
    }

    private void sendData(Frame f) throws IOException {
        // checked under the write lock: the reader may be writing the responding Close right now
        synchronized (writeLock) {
            if (closeSent || closed) {
                throw new IllegalStateException("the connection is closing: no data after Close (§5.5.1)");
            }
            write(f);
        }
    }

    /** Sends a Ping; more than 125 octets is refused (§5.5). */
    public void ping(byte[] payload) throws IOException {
        if (payload.length > Frame.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a Ping carries at most 125 octets");
        }
        write(Frame.ping(payload));
    }

    /** Starts the closing handshake with no status code. */
    public void close() throws IOException {
        startClose(ClosePayload.EMPTY);
    }

    /**
     * Starts the closing handshake with a code and reason.
     *
     * @throws IllegalArgumentException for a code that may not be sent (1005, 1006, 1015, 0-999, ...)
     *                                  or a reason over 123 octets (§5.5.1, §7.4)
     */
    public void close(int code, String reason) throws IOException {
        ClosePayload p = ClosePayload.of(code, reason);
        p.encode(); // refuses what may not be sent, before anything changes
        startClose(p);
    }

    private void startClose(ClosePayload p) throws IOException {
        synchronized (writeLock) {
            if (closeSent || closed) {
                return;
            }
            write(Frame.close(p));
            closeSent = true;
        }
        closeAfter(client.options().closeTimeout().toMillis() * 2);
    }

    /** Drops the TCP connection without a closing handshake. */
    public void abort() {
        closeSocket();
    }

    private void write(Frame f) throws IOException {
        byte[] octets = encoder.encode(f);
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("connection closed");
            }
            out.write(octets);
            out.flush();
        }
    }

    private void readLoop() {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = socket.getInputStream();
            while (!closeReceived) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                decoder.feed(buf, 0, n, frame -> {
                    if (!closeReceived) {
                        assembler.accept(frame);
                    }
                });
            }
            if (closeReceived) {
                awaitServerClose(in, buf);
            }
        } catch (WebSocketProtocolException e) {
            fail(e);
        } catch (IOException e) {
            if (!closed) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            closeSocket();
            listener.onClosed(this, receivedCode, receivedReason, failure);
        }
    }

    /** After the closing handshake the server closes TCP first (§7.1.1); wait for it, within the timeout. */
    private void awaitServerClose(InputStream in, byte[] buf) throws IOException {
        socket.setSoTimeout((int) Math.max(1, client.options().closeTimeout().toMillis()));
        try {
            while (in.read(buf) >= 0) {
                // octets after the Close are discarded (§5.5.1)
            }
        } catch (SocketTimeoutException e) {
            // the server did not close: close it ourselves
        }
    }

    private void control(Frame frame) {
        switch (frame.opcode()) {
            case PING -> {
                try {
                    write(Frame.pong(frame.payload()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                listener.onPing(this, frame.payload());
            }
            case PONG -> listener.onPong(this, frame.payload());
            case CLOSE -> {
                ClosePayload p = ClosePayload.decode(frame.payload());
                receivedCode = p.code().orElse(CloseCodes.NO_STATUS_RCVD);
                receivedReason = p.reason();
                closeReceived = true;
                listener.onCloseFrame(this, receivedCode, receivedReason);
                synchronized (writeLock) {
                    if (!closeSent && client.answersClose()) {
                        try {
                            write(Frame.close(p.code().isPresent() ? ClosePayload.of(p.code().getAsInt()) : ClosePayload.EMPTY));
                            closeSent = true;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("not a control frame: " + frame);
        }
    }

    private void fail(WebSocketProtocolException e) {
        failure = e;
        synchronized (writeLock) {
            if (!closeSent && !closed) {
                try {
                    out.write(encoder.encode(Frame.close(ClosePayload.of(e.closeCode()))));
                    out.flush();
                    closeSent = true;
                } catch (IOException | RuntimeException ignored) {
                    // failing anyway
                }
            }
        }
    }

    private void closeAfter(long millis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            closeSocket();
        }, "ws-client-close-timer");
        t.setDaemon(true);
        t.start();
    }

    private void closeSocket() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
