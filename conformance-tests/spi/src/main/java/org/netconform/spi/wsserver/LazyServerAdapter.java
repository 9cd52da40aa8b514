package org.netconform.spi.wsserver;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Convenience base for adapters that embed a server: starts it on the first {@link #uri()} on 127.0.0.1
 * with an ephemeral port, stops it on {@link #close()} or at JVM exit. A start that fails is remembered
 * and reported as the reason the target cannot run ({@link #unavailableReason()}).
 */
public abstract class LazyServerAdapter implements WebSocketServerAdapter {
    private final String path;
    private final Set<String> capabilities;
    private URI uri;
    private RuntimeException startFailure;
    private boolean hooked;

    protected LazyServerAdapter(String path, Set<String> capabilities) {
        this.path = path;
        this.capabilities = Set.copyOf(capabilities);
    }

    /** Starts the server on 127.0.0.1 and an ephemeral port; returns the bound port. */
    protected abstract int start(String path) throws Exception;

    /** Stops the server. */
    protected abstract void stop() throws Exception;

    @Override
    public final synchronized URI uri() {
        if (uri == null) {
            if (startFailure != null) {
                throw startFailure;
            }
            try {
                int port = start(path);
                uri = URI.create("ws://127.0.0.1:" + port + path);
            } catch (Exception e) {
                startFailure = new IllegalStateException("cannot start " + description() + ": " + e, e);
                throw startFailure;
            }
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(this::close, "netconform-stop-" + getClass().getSimpleName()));
            }
        }
        return uri;
    }

    @Override
    public Set<String> capabilities() {
        return capabilities;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public OptionalLong maxMessageSize() {
        return OptionalLong.empty();
    }

    /**
     * Starts the server again after it stopped by itself: {@link #stop()} (to release what is left), then
     * {@link #start(String)}; true only when it is back on the same port, so {@link #uri()} still holds. An
     * adapter whose server binds an ephemeral port cannot be restarted this way and should not override
     * {@link #exited()} expecting it.
     */
    @Override
    public synchronized boolean restart() {
        if (uri == null) {
            return false;
        }
        try {
            stop();
        } catch (Exception ignored) {
            // it is gone already
        }
        try {
            int port = start(path);
            if (port == uri.getPort()) {
                return true;
            }
            stop();
            startFailure = new IllegalStateException("cannot restart " + description() + " on port " + uri.getPort()
                    + ": it came back on " + port);
        } catch (Exception e) {
            startFailure = new IllegalStateException("cannot restart " + description() + ": " + e, e);
        }
        uri = null;
        return false;
    }

    @Override
    public final synchronized void close() {
        if (uri != null) {
            try {
                stop();
            } catch (Exception ignored) {
                // shutting down either way
            }
            uri = null;
        }
    }
}
