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

    /**
     * The endpoint: a public class, because Jetty binds the listener methods with method handles and
     * refuses those of a class that is not public (an anonymous class made every connect fail with
     * IllegalAccessException before a single octet was sent, which looked like a hang).
     */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final ClientRecorder rec;

        Endpoint(ClientRecorder rec) {
            this.rec = rec;
        }

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

        // no onWebSocketPing: a listener that declares it takes over answering Pings (Jetty then sends no
        // Pong of its own), and the target is Jetty with its default behaviour

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
    }

    static final class Client implements WebSocketClientAdapter {
        /**
         * One started client for every connection, as an application would use it: starting a client
         * (an HttpClient with its own thread pool and scheduler) per connection made the reliability case
         * of WS-CLOSE-11 (1000 connections) take 15 s. Its threads are daemons, so it never holds up the
         * JVM's exit; nothing else carries over between connections (each has its own session).
         */
        private static volatile WebSocketClient shared;

        private static WebSocketClient jetty() throws Exception {
            WebSocketClient c = shared;
            if (c == null) {
                synchronized (Client.class) {
                    c = shared;
                    if (c == null) {
                        org.eclipse.jetty.util.thread.QueuedThreadPool pool = new org.eclipse.jetty.util.thread.QueuedThreadPool();
                        pool.setName("jetty-ws-client");
                        pool.setDaemon(true);
                        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient();
                        http.setExecutor(pool);
                        http.setScheduler(new org.eclipse.jetty.util.thread.ScheduledExecutorScheduler("jetty-ws-client-scheduler", true));
                        c = new WebSocketClient(http);
                        c.start();
                        shared = c;
                    }
                }
            }
            return c;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(SEND_RAW_CLOSE_CODE, SEND_PING, SUBPROTOCOLS, EXTENSIONS);
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
            Endpoint endpoint = new Endpoint(rec);
            WebSocketClient jetty = jetty();
            CompletableFuture<Session> f = jetty.connect(endpoint, request.uri(), up);
            Session s;
            try {
                s = f.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
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
                public void close(int code, String reason) {
                    // starts the closing handshake and returns, as an application's close() does; the
                    // callback can fail with ClosedChannelException when the server completes the
                    // handshake and closes TCP before Jetty reports the write, so it is recorded, not thrown
                    s.close(code, reason, Callback.from(() -> { }, rec::error));
                }

                @Override
                public void abort() {
                    s.disconnect();
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
