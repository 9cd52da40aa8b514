package org.netconform.adapters.undertow.wsserver;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.Version;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsserver.LazyServerAdapter;
import org.xnio.Pooled;

/** Undertow's core WebSocket handler at /ws with a receive listener that echoes whole messages. */
public final class UndertowServerTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Adapter());

    @Override
    public String id() {
        return "undertow";
    }

    @Override
    public String description() {
        return "Undertow " + Version.getVersionString() + " core WebSocket echo on 127.0.0.1";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Adapter extends LazyServerAdapter {
        private static final java.util.List<java.util.logging.Logger> QUIET = java.util.stream.Stream.of("io.undertow", "org.xnio")
                .map(java.util.logging.Logger::getLogger).toList();
        private Undertow server;

        Adapter() {
            super("/ws", Set.of(RESOURCE_NAME));
        }

        @Override
        public String description() {
            return "Undertow WebSocket echo";
        }

        @Override
        protected int start(String path) {
            if (!Boolean.getBoolean("netconform.ws.serverLog")) {
                QUIET.forEach(l -> l.setLevel(java.util.logging.Level.OFF));
            }
            server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                    .setHandler(Handlers.path().addExactPath(path, Handlers.websocket((exchange, channel) -> {
                        channel.getReceiveSetter().set(new Echo());
                        channel.resumeReceives();
                    }))).build();
            server.start();
            return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        }

        @Override
        protected void stop() {
            server.stop();
        }
    }

    static final class Echo extends AbstractReceiveListener {
        @Override
        protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
            WebSockets.sendText(message.getData(), channel, null);
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
            try (Pooled<ByteBuffer[]> data = message.getData()) {
                ByteBuffer[] parts = data.getResource();
                int n = 0;
                for (ByteBuffer b : parts) {
                    n += b.remaining();
                }
                ByteBuffer copy = ByteBuffer.allocate(n);
                for (ByteBuffer b : parts) {
                    copy.put(b);
                }
                WebSockets.sendBinary(copy.flip(), channel, null);
            }
        }
    }
}
