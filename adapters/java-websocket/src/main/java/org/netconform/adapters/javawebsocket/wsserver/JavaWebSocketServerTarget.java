package org.netconform.adapters.javawebsocket.wsserver;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsserver.LazyServerAdapter;

/**
 * Java-WebSocket's {@code WebSocketServer} echoing text and binary messages. It serves every path, so it
 * does not declare {@code resource-name}; it has no message limit of its own.
 */
public final class JavaWebSocketServerTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Adapter());

    @Override
    public String id() {
        return "java-websocket-server";
    }

    @Override
    public String description() {
        return "Java-WebSocket " + version() + " WebSocketServer echo on 127.0.0.1";
    }

    static String version() {
        String v = WebSocketServer.class.getPackage().getImplementationVersion();
        return v == null ? "1.6.0" : v;
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Adapter extends LazyServerAdapter {
        private Echo server;

        Adapter() {
            super("/ws", Set.of());
        }

        @Override
        public String description() {
            return "Java-WebSocket echo";
        }

        @Override
        protected int start(String path) throws Exception {
            server = new Echo(new InetSocketAddress("127.0.0.1", 0));
            server.setReuseAddr(true);
            server.setDaemon(true);
            server.start();
            server.started.get(10, TimeUnit.SECONDS);
            return server.getPort();
        }

        @Override
        protected void stop() throws Exception {
            server.stop(1000);
        }
    }

    static final class Echo extends WebSocketServer {
        final CompletableFuture<Void> started = new CompletableFuture<>();

        Echo(InetSocketAddress address) {
            super(address);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            conn.send(message);
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            conn.send(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                started.completeExceptionally(ex);
            }
        }

        @Override
        public void onStart() {
            started.complete(null);
        }
    }
}
