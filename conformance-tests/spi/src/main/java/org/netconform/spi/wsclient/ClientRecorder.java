package org.netconform.spi.wsclient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the client library reported to its application, in order, from any thread. Adapters call
 * the recording methods; the suite reads and waits. Bounded: past {@link #MAX_EVENTS} events or
 * {@link #MAX_OCTETS} message octets the rest is counted, not kept.
 */
public final class ClientRecorder {
    public static final int MAX_EVENTS = 20_000;
    public static final long MAX_OCTETS = 64L * 1024 * 1024;

    public enum Type { TEXT, BINARY }

    /** One message as delivered to the application. */
    public record Received(Type type, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return type + "(" + payload.length + " octets)";
        }
    }

    /** The close as reported to the application. */
    public record Closed(int code, String reason, boolean remote) {
    }

    private final List<Received> messages = new ArrayList<>();
    private final List<byte[]> pings = new ArrayList<>();
    private final List<byte[]> pongs = new ArrayList<>();
    private final List<Closed> closeFrames = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private Closed closed;
    private long octets;
    private int dropped;
    private final long start = System.nanoTime();

    public synchronized void text(String text) {
        message(Type.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void binary(byte[] data) {
        message(Type.BINARY, data);
    }

    public synchronized void message(Type type, byte[] payload) {
        if (messages.size() >= MAX_EVENTS || octets + payload.length > MAX_OCTETS) {
            dropped++;
        } else {
            octets += payload.length;
            messages.add(new Received(type, payload.clone()));
            note("app: " + type + " message, " + payload.length + " octets");
        }
        notifyAll();
    }

    public synchronized void ping(byte[] payload) {
        if (pings.size() < MAX_EVENTS) {
            pings.add(payload.clone());
        }
        note("app: ping, " + payload.length + " octets");
        notifyAll();
    }

    public synchronized void pong(byte[] payload) {
        if (pongs.size() < MAX_EVENTS) {
            pongs.add(payload.clone());
        }
        note("app: pong, " + payload.length + " octets");
        notifyAll();
    }

    /** The server's Close frame as the library reports it (capability {@code observe-close}). */
    public synchronized void closeFrame(int code, String reason) {
        closeFrames.add(new Closed(code, reason, true));
        note("app: close frame " + code + " '" + reason + "'");
        notifyAll();
    }

    /** The connection is closed; the code and reason the library reports to its application. */
    public synchronized void closed(int code, String reason, boolean remote) {
        if (closed == null) {
            closed = new Closed(code, reason == null ? "" : reason, remote);
        }
        note("app: closed " + code + " '" + reason + "' remote=" + remote);
        notifyAll();
    }

    /** The library reported an error to its application. */
    public synchronized void error(Throwable t) {
        if (errors.size() < 100) {
            errors.add(t);
        }
        note("app: error " + t);
        notifyAll();
    }

    private void note(String line) {
        if (log.size() < 1000) {
            log.add(String.format("%7.1f ms %s", (System.nanoTime() - start) / 1e6, line));
        }
    }

    public synchronized List<Received> messages() {
        return List.copyOf(messages);
    }

    public synchronized List<byte[]> pings() {
        return List.copyOf(pings);
    }

    public synchronized List<byte[]> pongs() {
        return List.copyOf(pongs);
    }

    public synchronized List<Closed> closeFrames() {
        return List.copyOf(closeFrames);
    }

    public synchronized Optional<Closed> closed() {
        return Optional.ofNullable(closed);
    }

    public synchronized List<Throwable> errors() {
        return List.copyOf(errors);
    }

    public synchronized int dropped() {
        return dropped;
    }

    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    /** Waits until the condition holds (it is checked under this recorder's lock) or the time is up. */
    public synchronized boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public boolean awaitMessages(int n, Duration timeout) {
        return await(() -> messages.size() >= n, timeout);
    }

    public boolean awaitClosed(Duration timeout) {
        return await(() -> closed != null, timeout);
    }
}
