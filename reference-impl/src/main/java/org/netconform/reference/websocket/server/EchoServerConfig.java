package org.netconform.reference.websocket.server;

import java.time.Duration;
import java.util.Objects;
import org.netconform.reference.websocket.DecoderConfig;
import org.netconform.reference.websocket.OriginPolicy;

/**
 * How an {@link EchoServer} behaves. Build with {@link #defaults()} and the {@code with...} methods.
 *
 * @param path              the resource name served (RFC 6455 §3); other paths get 404
 * @param pingInterval      how often the server pings each open connection; {@link Duration#ZERO} turns
 *                          the heartbeat off
 * @param pongTimeout       how long a ping may stay unanswered before the server gives the peer up:
 *                          it then sends Close 1001 (Going Away) and drops TCP without waiting for an
 *                          answer, see {@link EchoServer}
 * @param textHeartbeat     also send the text message {@code "heartbeat"} every interval (the seed's
 *                          Go server did; off by default, since it mixes heartbeats into the echo)
 * @param originPolicy      which Origin values to accept; the default accepts only requests without
 *                          Origin (non-browser clients); {@link OriginPolicy#allowAll()} must be chosen
 * @param maxFramePayload   largest frame payload accepted; more fails the connection with 1009
 * @param maxMessageSize    largest message after reassembly; more fails the connection with 1009
 * @param rejectNonMinimalLength whether a non-minimal length encoding fails with 1002 (strict by default)
 * @param handshakeTimeout  a connection that has not completed its opening handshake by then is dropped
 * @param maxConnections    connections beyond this many (handshaking or open) get 503 and are closed
 * @param maxOutboundBytes  octets the server queues for one slow reader before it closes it with 1008
 * @param maxTotalOutboundBytes octets the server queues for all connections together; past it, the slowest
 *                          readers (those with the most queued) are closed with 1008 until the total is back
 *                          under three quarters of it, so that a few slow readers cannot exhaust the heap
 * @param closeTimeout      after sending a Close, how long to wait for the peer's Close before dropping TCP
 * @param ioThreads         selector threads; connections are spread over them
 */
public record EchoServerConfig(String path, Duration pingInterval, Duration pongTimeout, boolean textHeartbeat,
                               OriginPolicy originPolicy, int maxFramePayload, long maxMessageSize,
                               boolean rejectNonMinimalLength, Duration handshakeTimeout, int maxConnections,
                               long maxOutboundBytes, long maxTotalOutboundBytes, Duration closeTimeout,
                               int ioThreads) {

    public EchoServerConfig {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pongTimeout, "pongTimeout");
        Objects.requireNonNull(originPolicy, "originPolicy");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (pingInterval.isNegative() || pongTimeout.isNegative() || handshakeTimeout.isNegative()
                || closeTimeout.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        if (maxFramePayload <= 0 || maxFramePayload > DecoderConfig.MAX_ARRAY_PAYLOAD || maxMessageSize <= 0
                || maxMessageSize > DecoderConfig.MAX_ARRAY_PAYLOAD) {
            throw new IllegalArgumentException("frame and message limits must be 1.." + DecoderConfig.MAX_ARRAY_PAYLOAD);
        }
        if (maxOutboundBytes < maxMessageSize + 14) {
            // an echo of the largest message must fit, header included
            throw new IllegalArgumentException("maxOutboundBytes must hold one echo of the largest message");
        }
        if (maxTotalOutboundBytes < maxMessageSize + 14) {
            throw new IllegalArgumentException("maxTotalOutboundBytes must hold one echo of the largest message");
        }
        if (maxConnections <= 0 || ioThreads <= 0) {
            throw new IllegalArgumentException("maxConnections and ioThreads must be positive");
        }
    }

    /**
     * /ws, 1 s heartbeat (pong timeout 1 s), no text heartbeat, Origin-less clients only, 16 MiB limits, 64 MiB
     * queued per connection and {@link #defaultTotalOutbound()} for all of them.
     */
    public static EchoServerConfig defaults() {
        return new EchoServerConfig("/ws", Duration.ofSeconds(1), Duration.ofSeconds(1), false,
                OriginPolicy.allowList(java.util.Set.of()), 16 * 1024 * 1024, 16L * 1024 * 1024, true,
                Duration.ofSeconds(5), 10_000, 64L * 1024 * 1024, defaultTotalOutbound(), Duration.ofSeconds(2), 1);
    }

    /**
     * The default budget of queued outbound octets for all connections: an eighth of the JVM's maximum heap (a
     * queued echo of a large message can take twice its size in the heap, and messages on their way in take
     * room too), at most 256 MiB, at least two echoes of a 16 MiB message and 16 MiB more.
     */
    public static long defaultTotalOutbound() {
        return Math.max(2L * (16 * 1024 * 1024 + 14) + 16L * 1024 * 1024,
                Math.min(256L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8));
    }

    public EchoServerConfig withPath(String p) {
        return new EchoServerConfig(p, pingInterval, pongTimeout, textHeartbeat, originPolicy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, handshakeTimeout, maxConnections, maxOutboundBytes,
                maxTotalOutboundBytes, closeTimeout, ioThreads);
    }

    public EchoServerConfig withHeartbeat(Duration interval, Duration timeout) {
        return new EchoServerConfig(path, interval, timeout, textHeartbeat, originPolicy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, handshakeTimeout, maxConnections, maxOutboundBytes,
                maxTotalOutboundBytes, closeTimeout, ioThreads);
    }

    public EchoServerConfig withTextHeartbeat(boolean on) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, on, originPolicy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, handshakeTimeout, maxConnections, maxOutboundBytes,
                maxTotalOutboundBytes, closeTimeout, ioThreads);
    }

    public EchoServerConfig withOriginPolicy(OriginPolicy policy) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, textHeartbeat, policy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, handshakeTimeout, maxConnections, maxOutboundBytes,
                maxTotalOutboundBytes, closeTimeout, ioThreads);
    }

    /** Frame and message limits; the outbound queue grows to hold at least two echoes of the largest message. */
    public EchoServerConfig withLimits(int frame, long message) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, textHeartbeat, originPolicy, frame,
                message, rejectNonMinimalLength, handshakeTimeout, maxConnections,
                Math.max(maxOutboundBytes, 2 * message + 28), Math.max(maxTotalOutboundBytes, 2 * message + 28),
                closeTimeout, ioThreads);
    }

    public EchoServerConfig withRejectNonMinimalLength(boolean reject) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, textHeartbeat, originPolicy, maxFramePayload,
                maxMessageSize, reject, handshakeTimeout, maxConnections, maxOutboundBytes, maxTotalOutboundBytes,
                closeTimeout, ioThreads);
    }

    public EchoServerConfig withHandshakeTimeout(Duration t) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, textHeartbeat, originPolicy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, t, maxConnections, maxOutboundBytes, maxTotalOutboundBytes,
                closeTimeout, ioThreads);
    }

    public EchoServerConfig withMaxConnections(int n) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, textHeartbeat, originPolicy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, handshakeTimeout, n, maxOutboundBytes, maxTotalOutboundBytes,
                closeTimeout, ioThreads);
    }

    public EchoServerConfig withMaxOutboundBytes(long n) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, textHeartbeat, originPolicy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, handshakeTimeout, maxConnections, n, maxTotalOutboundBytes,
                closeTimeout, ioThreads);
    }

    /** The budget of queued outbound octets for all connections together. */
    public EchoServerConfig withMaxTotalOutboundBytes(long n) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, textHeartbeat, originPolicy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, handshakeTimeout, maxConnections, maxOutboundBytes, n,
                closeTimeout, ioThreads);
    }

    public EchoServerConfig withCloseTimeout(Duration t) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, textHeartbeat, originPolicy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, handshakeTimeout, maxConnections, maxOutboundBytes,
                maxTotalOutboundBytes, t, ioThreads);
    }

    public EchoServerConfig withIoThreads(int n) {
        return new EchoServerConfig(path, pingInterval, pongTimeout, textHeartbeat, originPolicy, maxFramePayload,
                maxMessageSize, rejectNonMinimalLength, handshakeTimeout, maxConnections, maxOutboundBytes,
                maxTotalOutboundBytes, closeTimeout, n);
    }
}
