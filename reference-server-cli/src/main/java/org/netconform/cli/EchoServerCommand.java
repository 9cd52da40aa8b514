package org.netconform.cli;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.netconform.reference.websocket.OriginPolicy;
import org.netconform.reference.websocket.server.EchoServer;
import org.netconform.reference.websocket.server.EchoServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the reference WebSocket echo server until interrupted. */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
        description = "The netconform reference WebSocket echo server (RFC 6455), on 127.0.0.1 unless told otherwise.")
public final class EchoServerCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to bind (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, description = "port; 0 picks a free one (default ${DEFAULT-VALUE})")
    int port = 7777;

    @Option(names = "--path", description = "resource name served (default ${DEFAULT-VALUE})")
    String path = "/ws";

    @Option(names = "--interval", description = "heartbeat ping interval in ms, 0 = off (default ${DEFAULT-VALUE})")
    long intervalMs = 1000;

    @Option(names = "--pong-timeout", description = "ms a ping may stay unanswered before Close 1001 (default: the interval)")
    Long pongTimeoutMs;

    @Option(names = "--text-heartbeat", description = "also send the text \"heartbeat\" every interval, as the seed's Go server did")
    boolean textHeartbeat;

    @Option(names = "--origin", split = ",", description = "allowed Origin values; requests without Origin are always allowed")
    List<String> origins = List.of();

    @Option(names = "--allow-any-origin", description = "accept every Origin (only for servers that use no cookies)")
    boolean anyOrigin;

    @Option(names = "--max-frame", description = "largest frame payload in octets (default ${DEFAULT-VALUE})")
    int maxFrame = 16 * 1024 * 1024;

    @Option(names = "--max-message", description = "largest message in octets (default ${DEFAULT-VALUE})")
    long maxMessage = 16L * 1024 * 1024;

    @Option(names = "--max-connections", description = "connections beyond this get 503 (default ${DEFAULT-VALUE})")
    int maxConnections = 10_000;

    @Option(names = "--max-outbound", description = "octets queued per slow reader before Close 1008 (default: 2 x max-message + 28, at least 64 MiB)")
    Long maxOutbound;

    @Option(names = "--max-total-outbound", description = "octets queued for all connections together; past it the "
            + "slowest readers get Close 1008 (default: an eighth of the max heap, at most 256 MiB, at least 48 MiB)")
    Long maxTotalOutbound;

    @Option(names = "--handshake-timeout", description = "ms to complete the opening handshake (default ${DEFAULT-VALUE})")
    long handshakeTimeoutMs = 5000;

    @Option(names = "--io-threads", description = "selector threads (default ${DEFAULT-VALUE})")
    int ioThreads = 1;

    EchoServerConfig config() {
        EchoServerConfig c = EchoServerConfig.defaults().withPath(path)
                .withHeartbeat(Duration.ofMillis(intervalMs), Duration.ofMillis(pongTimeoutMs == null ? intervalMs : pongTimeoutMs))
                .withTextHeartbeat(textHeartbeat)
                .withOriginPolicy(anyOrigin ? OriginPolicy.allowAll() : OriginPolicy.allowList(Set.copyOf(origins)))
                .withLimits(maxFrame, maxMessage).withMaxConnections(maxConnections)
                .withHandshakeTimeout(Duration.ofMillis(handshakeTimeoutMs)).withIoThreads(ioThreads);
        c = maxOutbound == null ? c : c.withMaxOutboundBytes(maxOutbound);
        return maxTotalOutbound == null ? c : c.withMaxTotalOutboundBytes(maxTotalOutbound);
    }

    @Override
    public Integer call() throws InterruptedException {
        EchoServer server = new EchoServer(config());
        // a server whose selector thread died says so and exits non-zero, rather than linger accepting nothing
        server.onFailure(t -> {
            System.err.println("echo server: a selector thread died, stopping: " + t);
            System.exit(1);
        });
        int bound = server.start(new java.net.InetSocketAddress(host, port));
        System.out.println("echo server listening on ws://" + host + ":" + bound + path + " (outbound budget "
                + server.config().maxTotalOutboundBytes() + " octets for all connections, "
                + server.config().maxOutboundBytes() + " per connection)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EchoServerCommand()).execute(args));
    }
}
