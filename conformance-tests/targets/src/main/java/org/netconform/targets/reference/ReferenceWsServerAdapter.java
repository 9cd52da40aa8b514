package org.netconform.targets.reference;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.netconform.reference.websocket.OriginPolicy;
import org.netconform.reference.websocket.server.EchoServer;
import org.netconform.reference.websocket.server.EchoServerConfig;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/**
 * The reference echo server, started lazily on 127.0.0.1 with an ephemeral port: 1 s heartbeat (2 s pong timeout), Origin
 * allow-list {@value #ALLOWED_ORIGIN}, 16 MiB frame and message limits. Its log is quiet unless
 * {@code -Dnetconform.ws.serverLog=true}.
 */
public final class ReferenceWsServerAdapter implements WebSocketServerAdapter {
    public static final String ALLOWED_ORIGIN = "http://allowed.example";
    static final int LIMIT = 16 * 1024 * 1024;
    private static final Logger SERVER_LOG = Logger.getLogger("org.netconform.reference.websocket.server");

    private final EchoServerConfig config;
    private EchoServer server;
    private URI uri;

    public ReferenceWsServerAdapter() {
        this(EchoServerConfig.defaults().withOriginPolicy(OriginPolicy.allowList(Set.of(ALLOWED_ORIGIN)))
                .withLimits(LIMIT, LIMIT).withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    public ReferenceWsServerAdapter(EchoServerConfig config) {
        this.config = config;
    }

    @Override
    public synchronized URI uri() {
        if (server == null) {
            if (!Boolean.getBoolean("netconform.ws.serverLog")) {
                SERVER_LOG.setLevel(Level.WARNING);
            }
            server = new EchoServer(config);
            int port = server.start(0);
            uri = URI.create("ws://127.0.0.1:" + port + config.path());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "netconform-reference-ws-stop"));
        }
        return uri;
    }

    @Override
    public String description() {
        return "netconform reference echo server (JDK NIO, in process)";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(ORIGIN_POLICY, LIMITS, HEARTBEAT, RESOURCE_NAME);
    }

    @Override
    public Optional<String> allowedOrigin() {
        return Optional.of(ALLOWED_ORIGIN);
    }

    @Override
    public OptionalLong maxMessageSize() {
        return OptionalLong.of(config.maxMessageSize());
    }

    @Override
    public OptionalLong maxFramePayload() {
        return OptionalLong.of(config.maxFramePayload());
    }

    @Override
    public OptionalLong heartbeatIntervalMs() {
        return OptionalLong.of(config.pingInterval().toMillis());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
