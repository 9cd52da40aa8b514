package org.netconform.spi.wsserver;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * A live WebSocket server under test (the {@code endpoint} layer): the suite connects to
 * {@link #uri()} as a fuzzing client. The server must echo every text and binary message back with
 * the same type and payload.
 *
 * <p>The adapter starts its server lazily on the first {@link #uri()} call and stops it on
 * {@link #close()} or at JVM exit. Declare capabilities for what the suite may check beyond the
 * mandatory core:
 * <ul>
 *   <li>{@link #ORIGIN_POLICY}: the server refuses Origins other than {@link #allowedOrigin()};</li>
 *   <li>{@link #LIMITS}: the server enforces {@link #maxMessageSize()} (and, if given,
 *       {@link #maxFramePayload()});</li>
 *   <li>{@link #HEARTBEAT}: the server pings idle connections;</li>
 *   <li>{@link #RESOURCE_NAME}: the server serves WebSocket only at the URI's path, so another path
 *       must be refused (a server that upgrades every path does not declare it);</li>
 *   <li>{@link #SERVER_CLOSE}: not used by echo servers; reserved.</li>
 * </ul>
 */
public interface WebSocketServerAdapter extends AreaAdapter, AutoCloseable {
    String ORIGIN_POLICY = "origin-policy";
    String LIMITS = "limits";
    String HEARTBEAT = "heartbeat";
    String RESOURCE_NAME = "resource-name";
    String SERVER_CLOSE = "server-close";

    @Override
    default Layer layer() {
        return Layer.ENDPOINT;
    }

    /** The ws:// or wss:// URI of the running echo server; starts it on first use. */
    URI uri();

    /** One line for the report: the library, its version and how it is set up. */
    String description();

    /** With {@link #ORIGIN_POLICY}: an Origin the server accepts. */
    default Optional<String> allowedOrigin() {
        return Optional.empty();
    }

    /** With {@link #LIMITS}: the largest message the server accepts (octets). */
    default OptionalLong maxMessageSize() {
        return OptionalLong.empty();
    }

    /** With {@link #LIMITS}: the largest frame payload the server accepts, when it has its own limit. */
    default OptionalLong maxFramePayload() {
        return OptionalLong.empty();
    }

    /** With {@link #HEARTBEAT}: the ping interval in milliseconds. */
    default OptionalLong heartbeatIntervalMs() {
        return OptionalLong.empty();
    }

    /**
     * For an adapter that runs the server itself (a process, a thread): how and when it stopped by itself, if
     * it did; empty while it runs (or when the adapter cannot tell). The harness uses it to tell a crash from
     * a verdict: the cases it spoiled are run again after {@link #restart()}, or marked ERROR with this reason.
     */
    default java.util.Optional<ServerExit> exited() {
        return java.util.Optional.empty();
    }

    /**
     * For an adapter that sees the server's own output: the failures it reported for single connections while it
     * kept running (e.g. Go's net/http "http: panic serving 127.0.0.1:50312: ..."), in the order seen; empty by
     * default. A case whose connection had one is run again (it says nothing about the requirement it tests),
     * and the report names the incident.
     */
    default java.util.List<ServerIncident> incidents() {
        return java.util.List.of();
    }

    /**
     * Starts the server again, at the same {@link #uri()}, after it stopped by itself ({@link #exited()}); false
     * when this adapter cannot (the default, and every server the harness does not run, such as a URL).
     */
    default boolean restart() {
        return false;
    }

    /** Whether TLS certificates of this target are to be trusted without verification (tests only). */
    default boolean trustAll() {
        return false;
    }

    @Override
    default Set<String> capabilities() {
        return Set.of();
    }

    /** Stops the server if this adapter started it. */
    @Override
    default void close() {
    }
}
