package org.netconform.adapters.tyrus.wsserver;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.server.Server;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsserver.LazyServerAdapter;

/**
 * Tyrus, the Jakarta WebSocket reference implementation, in its standalone Grizzly server (port -1 picks
 * an ephemeral port; 0 would mean 8025), with an annotated echo endpoint at /ws.
 */
public final class TyrusServerTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Adapter());

    @Override
    public String id() {
        return "tyrus";
    }

    @Override
    public String description() {
        return "Tyrus " + version() + " standalone (Grizzly) echo endpoint on 127.0.0.1";
    }

    static String version() {
        String v = Server.class.getPackage().getImplementationVersion();
        return v == null ? "2.2.2" : v;
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Adapter extends LazyServerAdapter {
        private static final java.util.List<java.util.logging.Logger> QUIET = java.util.stream.Stream.of("org.glassfish")
                .map(java.util.logging.Logger::getLogger).toList();
        private Server server;

        Adapter() {
            super("/ws", Set.of(RESOURCE_NAME));
        }

        @Override
        public String description() {
            return "Tyrus echo endpoint";
        }

        @Override
        protected int start(String path) throws Exception {
            if (!Boolean.getBoolean("netconform.ws.serverLog")) {
                QUIET.forEach(l -> l.setLevel(java.util.logging.Level.OFF));
            }
            server = new Server("127.0.0.1", -1, "/", Map.of(), EchoEndpoint.class);
            server.start();
            return server.getPort();
        }

        @Override
        protected void stop() {
            server.stop();
        }
    }

    /** Echoes whole text and binary messages. */
    @ServerEndpoint("/ws")
    public static final class EchoEndpoint {
        @OnMessage
        public String onText(String message) {
            return message;
        }

        @OnMessage
        public ByteBuffer onBinary(ByteBuffer message) {
            return message;
        }
    }
}
