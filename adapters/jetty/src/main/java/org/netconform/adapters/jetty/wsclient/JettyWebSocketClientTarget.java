package org.netconform.adapters.jetty.wsclient;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsclient.ClientConnection;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.spi.wsclient.WebSocketClientAdapter;

/** Jetty 12's WebSocket client (jetty-websocket-jetty-client), default settings. */
public final class JettyWebSocketClientTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Client());

    @Override
    public String id() {
        return "jetty-websocket-client";
    }

    @Override
    public String description() {
        return "Jetty " + org.eclipse.jetty.util.Jetty.VERSION + " WebSocket client (org.eclipse.jetty.websocket.client), default settings";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Client implements WebSocketClientAdapter {
        /** A client of its own per connection, stopped with it: no state carries over between cases. */
        private static WebSocketClient jetty() throws Exception {
            WebSocketClient c = new WebSocketClient();
            c.start();
            return c;
        }

        private static void stop(WebSocketClient c) {
            Thread t = new Thread(() -> {
                try {
                    c.stop();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }, "jetty-client-stop");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(OBSERVE_PINGS, SEND_RAW_CLOSE_CODE, SEND_PING, SUBPROTOCOLS, EXTENSIONS);
        }

        @Override
        public ClientConnection connect(ConnectRequest request, ClientRecorder rec) throws Exception {
            ClientUpgradeRequest up = new ClientUpgradeRequest();
            if (!request.subprotocols().isEmpty()) {
                up.setSubProtocols(request.subprotocols());
            }
            if (!request.extensions().isEmpty()) {
                up.setExtensions(request.extensions().stream()
                        .map(org.eclipse.jetty.websocket.api.ExtensionConfig::parse).toList());
            }
            Session.Listener.AutoDemanding endpoint = new Session.Listener.AutoDemanding() {
                @Override
                public void onWebSocketText(String message) {
                    rec.text(message);
                }

                @Override
                public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
                    byte[] b = new byte[payload.remaining()];
                    payload.get(b);
                    rec.binary(b);
                    callback.succeed();
                }

                @Override
                public void onWebSocketPing(ByteBuffer payload) {
                    byte[] b = new byte[payload.remaining()];
                    payload.get(b);
                    rec.ping(b);
                }

                @Override
                public void onWebSocketPong(ByteBuffer payload) {
                    byte[] b = new byte[payload.remaining()];
                    payload.get(b);
                    rec.pong(b);
                }

                @Override
                public void onWebSocketClose(int code, String reason) {
                    rec.closed(code, reason, true);
                }

                @Override
                public void onWebSocketError(Throwable cause) {
                    rec.error(cause);
                }
            };
            WebSocketClient jetty = jetty();
            CompletableFuture<Session> f = jetty.connect(endpoint, request.uri(), up);
            Session s;
            try {
                s = f.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                stop(jetty);
                throw e.getCause() instanceof Exception x ? x : e;
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
                stop(jetty);
                throw e;
            }
            long timeout = request.timeout().toMillis();
            return new ClientConnection() {
                @Override
                public void sendText(String text) throws Exception {
                    await(Callback.Completable.with(c -> s.sendText(text, c)), timeout);
                }

                @Override
                public void sendBinary(byte[] data) throws Exception {
                    await(Callback.Completable.with(c -> s.sendBinary(ByteBuffer.wrap(data), c)), timeout);
                }

                @Override
                public void sendPing(byte[] payload) throws Exception {
                    await(Callback.Completable.with(c -> s.sendPing(ByteBuffer.wrap(payload), c)), timeout);
                }

                @Override
                public void close(int code, String reason) throws Exception {
                    await(Callback.Completable.with(c -> s.close(code, reason, c)), timeout);
                }

                @Override
                public void abort() {
                    s.disconnect();
                    stop(jetty);
                }
            };
        }

        private static void await(CompletableFuture<Void> f, long timeout) throws Exception {
            try {
                f.get(timeout, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
        }
    }
}
