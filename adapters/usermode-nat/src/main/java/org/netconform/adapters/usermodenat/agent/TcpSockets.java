package org.netconform.adapters.usermodenat.agent;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent's TCP listeners and connections. Every socket is bound with SO_REUSEADDR and SO_REUSEPORT, so
 * one local port can listen and connect at once (hole punching, simultaneous open).
 */
final class TcpSockets implements AutoCloseable {
    /** An accepted connection: the listener that took it and the source it saw. */
    record Accepted(String at, String source) {
    }

    /** How a connect ended, in the words of TcpOutcome.Kind; for ESTABLISHED the two ends. */
    record Connected(String outcome, String local, String remote, String detail) {
    }

    private final Map<String, ServerSocket> listeners = new HashMap<>();
    private final Map<String, Deque<Accepted>> accepted = new HashMap<>();
    private final Map<String, Socket> connections = new HashMap<>();
    private final Map<String, CompletableFuture<Connected>> pending = new HashMap<>();

    private static String key(String from, String to) {
        return from + ">" + to;
    }

    synchronized void listen(String at) throws IOException {
        if (listeners.containsKey(at)) {
            return;
        }
        ServerSocket l = new ServerSocket();
        l.setReuseAddress(true);
        l.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        l.bind(Endpoints.parse(at), 64);
        listeners.put(at, l);
        accepted.put(at, new ArrayDeque<>());
        Thread t = new Thread(() -> acceptAll(at, l), "tcp listen " + at);
        t.setDaemon(true);
        t.start();
    }

    private void acceptAll(String at, ServerSocket l) {
        while (!l.isClosed()) {
            try {
                Socket s = l.accept();
                synchronized (this) {
                    connections.put(key(at, Endpoints.format(s.getRemoteSocketAddress())) + "#accepted", s);
                    accepted.get(at).add(new Accepted(at, Endpoints.format(s.getRemoteSocketAddress())));
                    notifyAll();
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * The oldest connection the listener at {@code at} (null: any listener) accepted and nobody asked about
     * yet; null if none came within the wait.
     */
    synchronized Accepted accepted(String at, long waitMs) throws InterruptedException {
        if (at != null && !accepted.containsKey(at)) {
            throw new IllegalArgumentException("no listener at " + at);
        }
        long end = System.nanoTime() + waitMs * 1_000_000;
        while (true) {
            for (Map.Entry<String, Deque<Accepted>> e : accepted.entrySet()) {
                if ((at == null || e.getKey().equals(at)) && !e.getValue().isEmpty()) {
                    return e.getValue().poll();
                }
            }
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
    }

    /** Starts a connect from {@code from} to {@code to} in the background (both ends of a simultaneous open start first). */
    synchronized void start(String from, String to, long waitMs) {
        String key = key(from, to);
        if (pending.containsKey(key) || connections.containsKey(key)) {
            throw new IllegalArgumentException("a connection from " + from + " to " + to + " exists");
        }
        pending.put(key, CompletableFuture.supplyAsync(() -> connect(key, from, to, waitMs)));
    }

    /** The outcome of a connect started with {@link #start}. */
    Connected result(String from, String to, long waitMs) throws InterruptedException {
        CompletableFuture<Connected> f;
        synchronized (this) {
            f = pending.get(key(from, to));
        }
        if (f == null) {
            throw new IllegalArgumentException("no connect from " + from + " to " + to + " was started");
        }
        try {
            return f.get(waitMs + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return new Connected("ERROR", null, null, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            return new Connected("NO_ANSWER", null, null, "connect still running");
        } finally {
            synchronized (this) {
                pending.remove(key(from, to));
            }
        }
    }

    private Connected connect(String key, String from, String to, long waitMs) {
        Socket s = new Socket();
        try {
            s.setReuseAddress(true);
            s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            s.bind(Endpoints.parse(from));
            s.connect(Endpoints.parse(to), (int) Math.max(1, waitMs));
            synchronized (this) {
                connections.put(key, s);
            }
            return new Connected("ESTABLISHED", Endpoints.format(s.getLocalSocketAddress()),
                    Endpoints.format(s.getRemoteSocketAddress()), null);
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            return new Connected("NO_ANSWER", null, null, e.getMessage());
        } catch (NoRouteToHostException e) {
            // EHOSTUNREACH: an ICMP destination unreachable (host or net) came back
            closeQuietly(s);
            return new Connected("ICMP_UNREACHABLE", null, null, e.getMessage());
        } catch (ConnectException e) {
            closeQuietly(s);
            String m = String.valueOf(e.getMessage());
            // ECONNREFUSED is a RST (or, rarely, an ICMP port unreachable; Linux does not tell them apart);
            // ETIMEDOUT is the kernel giving up on its SYN retries
            if (m.contains("timed out")) {
                return new Connected("NO_ANSWER", null, null, m);
            }
            if (m.contains("refused")) {
                return new Connected("RESET", null, null, m);
            }
            return new Connected("ICMP_UNREACHABLE", null, null, m);
        } catch (IOException e) {
            closeQuietly(s);
            return new Connected("ERROR", null, null, e.toString());
        }
    }

    /** Ends the connection from {@code from} to {@code to}: FIN, or RST with SO_LINGER 0. */
    synchronized boolean close(String from, String to, boolean reset) throws IOException {
        Socket s = connections.remove(key(from, to));
        if (s == null) {
            s = connections.remove(key(from, to) + "#accepted");
        }
        if (s == null) {
            return false;
        }
        if (reset) {
            s.setSoLinger(true, 0);
        }
        s.close();
        return true;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to release beyond the descriptor
        }
    }

    @Override
    public synchronized void close() {
        connections.values().forEach(TcpSockets::closeQuietly);
        listeners.values().forEach(l -> {
            try {
                l.close();
            } catch (IOException ignored) {
                // as above
            }
        });
        connections.clear();
        listeners.clear();
    }
}
