package org.netconform.targets.reference;

import java.time.Duration;
import java.util.Set;
import org.netconform.reference.websocket.Message;
import org.netconform.reference.websocket.Opcode;
import org.netconform.reference.websocket.client.ReconnectingConnection;
import org.netconform.reference.websocket.client.WebSocketClient;
import org.netconform.reference.websocket.client.WebSocketListener;
import org.netconform.reference.websocket.client.WebSocketSession;
import org.netconform.spi.wsclient.ClientConnection;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.spi.wsclient.WebSocketClientAdapter;

/**
 * The reference client ({@link WebSocketClient}) as a client target. Public and open so the suite's
 * self-tests can hand it a deliberately broken {@link WebSocketClient} subclass.
 */
public class ReferenceWebSocketClient implements WebSocketClientAdapter {

    @Override
    public Set<String> capabilities() {
        return Set.of(OBSERVE_PINGS, OBSERVE_CLOSE, SEND_RAW_CLOSE_CODE, SEND_PING, SUBPROTOCOLS, EXTENSIONS, TLS, BROWSER,
                LIMITS, RECONNECTS);
    }

    @Override
    public java.util.OptionalLong maxMessageSize() {
        return java.util.OptionalLong.of(WebSocketClient.Options.defaults().maxMessageSize());
    }

    /** The origin it sends, acting as a browser client would for a page of this origin (WS-SEC-1). */
    public static final String ORIGIN = "http://www.example.com";

    @Override
    public java.util.Optional<String> origin() {
        return java.util.Optional.of(ORIGIN);
    }

    /** First reconnect after 200-400 ms, then growing (truncated binary exponential backoff, RFC 6455 §7.2.3). */
    static final Duration RECONNECT_BASE = Duration.ofMillis(200);
    static final Duration RECONNECT_MAX = Duration.ofSeconds(5);

    /** The client to drive; the self-tests override this with a broken one. */
    protected WebSocketClient client(ConnectRequest request) {
        WebSocketClient.Options o = WebSocketClient.Options.defaults().withSubprotocols(request.subprotocols())
                .withExtensions(request.extensions()).withTimeouts(request.timeout(), Duration.ofSeconds(2))
                .withOrigin(ORIGIN);
        return new WebSocketClient(request.sslContext() == null ? o : o.withSslContext(request.sslContext()));
    }

    @Override
    public ClientConnection connect(ConnectRequest request, ClientRecorder rec) throws Exception {
        WebSocketListener listener = new WebSocketListener() {
            @Override
            public void onMessage(WebSocketSession session, Message m) {
                rec.message(m.type() == Opcode.TEXT ? ClientRecorder.Type.TEXT : ClientRecorder.Type.BINARY, m.payload());
            }

            @Override
            public void onPing(WebSocketSession session, byte[] payload) {
                rec.ping(payload);
            }

            @Override
            public void onPong(WebSocketSession session, byte[] payload) {
                rec.pong(payload);
            }

            @Override
            public void onCloseFrame(WebSocketSession session, int code, String reason) {
                rec.closeFrame(code, reason);
            }

            @Override
            public void onClosed(WebSocketSession session, int code, String reason, Throwable failure) {
                if (failure != null) {
                    rec.error(failure);
                }
                rec.closed(code, reason, true);
            }
        };
        WebSocketClient client = client(request);
        ReconnectingConnection kept = request.reconnect()
                ? ReconnectingConnection.open(client, request.uri(), listener, RECONNECT_BASE, RECONNECT_MAX) : null;
        WebSocketSession first = kept == null ? client.connect(request.uri(), listener) : null;
        java.util.function.Supplier<WebSocketSession> session = kept == null ? () -> first : kept::session;
        return new ClientConnection() {
            @Override
            public void sendText(String text) throws Exception {
                session.get().sendText(text);
            }

            @Override
            public void sendBinary(byte[] data) throws Exception {
                session.get().sendBinary(data);
            }

            @Override
            public void sendPing(byte[] payload) throws Exception {
                session.get().ping(payload);
            }

            @Override
            public void close(int code, String reason) throws Exception {
                if (kept != null) {
                    kept.abortReconnecting();
                }
                session.get().close(code, reason);
            }

            @Override
            public void abort() {
                if (kept != null) {
                    kept.abort();
                } else {
                    first.abort();
                }
            }
        };
    }
}
