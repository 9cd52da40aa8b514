package org.netconform.adapters.jetty.wsserver;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsserver.LazyServerAdapter;

/**
 * Jetty 12's WebSocket server (the Jetty API, {@code jetty-websocket-jetty-server}): an echo endpoint
 * mapped at /ws through {@code WebSocketUpgradeHandler}, echoing through the session API (so no received
 * frame is forwarded with its mask), 16 MiB frame and message limits.
 */
public final class JettyServerTarget implements Target {
    static final int LIMIT = 16 * 1024 * 1024;
    private final List<AreaAdapter> adapters = List.of(new Adapter());

    @Override
    public String id() {
        return "jetty-server";
    }

    @Override
    public String description() {
        return "Jetty " + Jetty.VERSION + " WebSocket server (Jetty API) echo on 127.0.0.1";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Adapter extends LazyServerAdapter {
        private Server server;

        Adapter() {
            super("/ws", Set.of(LIMITS, RESOURCE_NAME));
        }

        @Override
        public String description() {
            return "Jetty WebSocket echo";
        }

        @Override
        public OptionalLong maxMessageSize() {
            return OptionalLong.of(LIMIT);
        }

        @Override
        public OptionalLong maxFramePayload() {
            return OptionalLong.of(LIMIT);
        }

        @Override
        protected int start(String path) throws Exception {
            server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
                container.setMaxFrameSize(LIMIT);
                container.setMaxTextMessageSize(LIMIT);
                container.setMaxBinaryMessageSize(LIMIT);
                container.setIdleTimeout(Duration.ofSeconds(30));
                container.addMapping(path, (request, response, callback) -> new Echo());
            }));
            server.start();
            return connector.getLocalPort();
        }

        @Override
        protected void stop() throws Exception {
            server.stop();
        }
    }

    /** Echoes whole messages through the session. */
    public static final class Echo extends Session.Listener.AbstractAutoDemanding {
        @Override
        public void onWebSocketText(String message) {
            getSession().sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            getSession().sendBinary(copy, Callback.NOOP);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // Jetty has already failed the connection with its close code (that is what the suite judges);
            // handling the error here, as an application would, keeps Jetty from logging "Unhandled Error"
        }
    }
}
