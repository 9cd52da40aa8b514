package org.netconform.adapters.jdk.wsclient;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsclient.ClientConnection;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.spi.wsclient.WebSocketClientAdapter;

/** The JDK's {@link java.net.http.WebSocket} (java.net.http), default settings, as a WebSocket client. */
public final class JdkWebSocketClientTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Client());

    @Override
    public String id() {
        return "jdk-httpclient-websocket";
    }

    @Override
    public String description() {
        return "java.net.http.WebSocket, JDK " + Runtime.version() + ": HttpClient.newWebSocketBuilder(), default settings";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Client implements WebSocketClientAdapter {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        @Override
        public Set<String> capabilities() {
            // no extensions: the builder refuses a Sec-WebSocket-Extensions header (restricted)
            return Set.of(OBSERVE_PINGS, OBSERVE_CLOSE, SEND_RAW_CLOSE_CODE, SEND_PING, SUBPROTOCOLS, TLS);
        }

        @Override
        public ClientConnection connect(ConnectRequest request, ClientRecorder rec) throws Exception {
            // wss with the suite's test certificate: an HttpClient that trusts it (its only change from the default)
            HttpClient http = request.sslContext() == null ? HTTP : HttpClient.newBuilder().sslContext(request.sslContext())
                    .build();
            WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(request.timeout());
            if (!request.subprotocols().isEmpty()) {
                b.subprotocols(request.subprotocols().get(0),
                        request.subprotocols().subList(1, request.subprotocols().size()).toArray(String[]::new));
            }
            CompletableFuture<WebSocket> f = b.buildAsync(request.uri(), new Listener(rec));
            WebSocket ws;
            try {
                ws = f.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
            long timeout = request.timeout().toMillis();
            return new ClientConnection() {
                @Override
                public void sendText(String text) throws Exception {
                    get(ws.sendText(text, true), timeout);
                }

                @Override
                public void sendBinary(byte[] data) throws Exception {
                    get(ws.sendBinary(ByteBuffer.wrap(data), true), timeout);
                }

                @Override
                public void sendPing(byte[] payload) throws Exception {
                    get(ws.sendPing(ByteBuffer.wrap(payload)), timeout);
                }

                @Override
                public void close(int code, String reason) throws Exception {
                    get(ws.sendClose(code, reason), timeout);
                }

                @Override
                public void abort() {
                    ws.abort();
                }
            };
        }

        private static void get(CompletableFuture<WebSocket> f, long timeout) throws Exception {
            try {
                f.get(timeout, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
        }
    }

    /** Reassembles partial messages as an application would, and records everything. */
    static final class Listener implements WebSocket.Listener {
        private final ClientRecorder rec;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Listener(ClientRecorder rec) {
            this.rec = rec;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                rec.text(text.toString());
                text.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                rec.binary(binary.toByteArray());
                binary.reset();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            rec.ping(b);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            rec.pong(b);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            rec.closeFrame(statusCode, reason);
            rec.closed(statusCode, reason, true);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            rec.error(error);
            rec.closed(1006, String.valueOf(error.getMessage()), false);
        }
    }
}
