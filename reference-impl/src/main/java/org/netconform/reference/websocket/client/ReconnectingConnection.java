package org.netconform.reference.websocket.client;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * A connection that reconnects on its own after an abnormal closure (RFC 6455 §7.2.3): the first attempt after
 * a random delay in {@code [base, 2 base)}, each further attempt after {@code base * 2^(n-1)} plus a random part
 * under {@code base}, so every delay is longer than the one before (truncated at {@code max}); a connection that
 * stayed up longer than {@code max} starts the count again. A closing handshake the peer completed, or
 * {@link #close()}, ends it. The listener sees every session in turn.
 */
public final class ReconnectingConnection implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebSocketClient client;
    private final URI uri;
    private final WebSocketListener listener;
    private final Duration base;
    private final Duration max;
    private volatile WebSocketSession current;
    private volatile boolean closed;
    private volatile int failures;
    private volatile long connectedAt;

    private ReconnectingConnection(WebSocketClient client, URI uri, WebSocketListener listener, Duration base,
                                   Duration max) {
        this.client = client;
        this.uri = uri;
        this.listener = listener;
        this.base = base;
        this.max = max;
    }

    /** Connects once (throwing as {@link WebSocketClient#connect} does), then keeps reconnecting as described. */
    public static ReconnectingConnection open(WebSocketClient client, URI uri, WebSocketListener listener, Duration base,
                                              Duration max) throws IOException {
        ReconnectingConnection c = new ReconnectingConnection(Objects.requireNonNull(client), uri, listener, base, max);
        c.current = client.connect(uri, c.watching());
        c.connectedAt = System.nanoTime();
        return c;
    }

    /** The session in use now (a new one after each reconnect). */
    public WebSocketSession session() {
        return current;
    }

    /** How long to wait before attempt {@code n} (1 for the first after a closure). */
    Duration delay(int n) {
        return Duration.ofMillis(delayMillis(n, base.toMillis(), max.toMillis(), RANDOM.nextDouble()));
    }

    /** {@code base * 2^(n-1) + random * base}, at most {@code max}; {@code random} in {@code [0, 1)}. */
    static long delayMillis(int n, long base, long max, double random) {
        long b = Math.max(1, base);
        long grow = b * (1L << Math.min(20, Math.max(0, n - 1)));
        return Math.min(max, grow + (long) (random * b));
    }

    private WebSocketListener watching() {
        return new WebSocketListener() {
            @Override
            public void onMessage(WebSocketSession s, org.netconform.reference.websocket.Message m) {
                listener.onMessage(s, m);
            }

            @Override
            public void onPing(WebSocketSession s, byte[] payload) {
                listener.onPing(s, payload);
            }

            @Override
            public void onPong(WebSocketSession s, byte[] payload) {
                listener.onPong(s, payload);
            }

            @Override
            public void onCloseFrame(WebSocketSession s, int code, String reason) {
                listener.onCloseFrame(s, code, reason);
            }

            @Override
            public void onClosed(WebSocketSession s, int code, String reason, Throwable failure) {
                listener.onClosed(s, code, reason, failure);
                if (code == 1006 && !closed) {
                    if (System.nanoTime() - connectedAt > max.toNanos()) {
                        failures = 0;
                    }
                    Thread t = new Thread(ReconnectingConnection.this::reconnect, "reconnect " + uri);
                    t.setDaemon(true);
                    t.start();
                }
            }
        };
    }

    private void reconnect() {
        while (!closed) {
            failures++;
            try {
                Thread.sleep(delay(failures).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (closed) {
                return;
            }
            try {
                WebSocketSession s = client.connect(uri, watching());
                connectedAt = System.nanoTime();
                current = s;
                if (closed) {
                    s.abort();
                }
                return;
            } catch (IOException | RuntimeException e) {
                // refused or failed: try again, later
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        WebSocketSession s = current;
        if (s != null) {
            s.close();
        }
    }

    /** Stops reconnecting, leaving the current session as it is (for a close the application starts itself). */
    public void abortReconnecting() {
        closed = true;
    }

    /** Drops the connection without ceremony and stops reconnecting. */
    public void abort() {
        closed = true;
        WebSocketSession s = current;
        if (s != null) {
            s.abort();
        }
    }
}
