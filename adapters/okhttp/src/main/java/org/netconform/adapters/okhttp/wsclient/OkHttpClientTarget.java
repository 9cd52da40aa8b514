package org.netconform.adapters.okhttp.wsclient;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsclient.ClientConnection;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.spi.wsclient.WebSocketClientAdapter;

/** OkHttp's WebSocket client ({@code OkHttpClient.newWebSocket}), default settings. */
public final class OkHttpClientTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Client());

    @Override
    public String id() {
        return "okhttp";
    }

    @Override
    public String description() {
        return "OkHttp " + okhttp3.OkHttp.VERSION + " (okhttp-jvm): OkHttpClient.newWebSocket, default settings";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Client implements WebSocketClientAdapter {
        private static final OkHttpClient HTTP = new OkHttpClient();

        @Override
        public Set<String> capabilities() {
            // OkHttp answers Pings itself and tells the application nothing of them
            return Set.of(OBSERVE_CLOSE, SEND_RAW_CLOSE_CODE, SUBPROTOCOLS, EXTENSIONS, TLS);
        }

        @Override
        public ClientConnection connect(ConnectRequest request, ClientRecorder rec) throws Exception {
            Request.Builder rb = new Request.Builder().url(request.uri().toString());
            if (!request.subprotocols().isEmpty()) {
                rb.header("Sec-WebSocket-Protocol", String.join(", ", request.subprotocols()));
            }
            // OkHttp offers permessage-deflate on its own and refuses a Sec-WebSocket-Extensions header of the
            // application's: that one offer is what it can make, anything else goes to OkHttp as asked (and fails)
            if (!request.extensions().isEmpty() && !request.extensions().equals(java.util.List.of("permessage-deflate"))) {
                rb.header("Sec-WebSocket-Extensions", String.join(", ", request.extensions()));
            }
            OkHttpClient.Builder cb = HTTP.newBuilder().connectTimeout(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (request.sslContext() != null) {
                // wss with the suite's test certificate: trust it (the only change from the default)
                cb.sslSocketFactory(request.sslContext().getSocketFactory(), request.trustManager());
            }
            OkHttpClient client = cb.build();
            CompletableFuture<WebSocket> opened = new CompletableFuture<>();
            WebSocket ws = client.newWebSocket(rb.build(), new WebSocketListener() {
                @Override
                public void onOpen(WebSocket webSocket, Response response) {
                    opened.complete(webSocket);
                }

                @Override
                public void onMessage(WebSocket webSocket, String text) {
                    rec.text(text);
                }

                @Override
                public void onMessage(WebSocket webSocket, ByteString bytes) {
                    rec.binary(bytes.toByteArray());
                }

                @Override
                public void onClosing(WebSocket webSocket, int code, String reason) {
                    rec.closeFrame(code, reason);
                }

                @Override
                public void onClosed(WebSocket webSocket, int code, String reason) {
                    rec.closed(code, reason, true);
                }

                @Override
                public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                    if (!opened.completeExceptionally(t)) {
                        rec.error(t);
                        rec.closed(1006, String.valueOf(t.getMessage()), false);
                    }
                }
            });
            try {
                opened.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            } catch (java.util.concurrent.TimeoutException e) {
                ws.cancel();
                throw e;
            }
            return new ClientConnection() {
                @Override
                public void sendText(String text) {
                    if (!ws.send(text)) {
                        throw new IllegalStateException("OkHttp refused to enqueue the message (closing or queue full)");
                    }
                }

                @Override
                public void sendBinary(byte[] data) {
                    if (!ws.send(ByteString.of(data))) {
                        throw new IllegalStateException("OkHttp refused to enqueue the message (closing or queue full)");
                    }
                }

                @Override
                public void close(int code, String reason) {
                    ws.close(code, reason);
                }

                @Override
                public void abort() {
                    ws.cancel();
                }
            };
        }
    }
}
