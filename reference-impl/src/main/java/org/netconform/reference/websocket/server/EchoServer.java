package org.netconform.reference.websocket.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.reference.websocket.HttpHeadCodec;
import org.netconform.reference.websocket.HttpHeadException;
import org.netconform.reference.websocket.HttpHeaders;
import org.netconform.reference.websocket.HttpRequestHead;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.reference.websocket.ServerHandshake;

/**
 * The reference WebSocket echo server (RFC 6455, server role): the seed's Go echo server done right.
 * JDK only, non-blocking NIO with one or more selector threads.
 *
 * <ul>
 *   <li>Echoes every text and binary message at the configured path with its type; other paths get
 *       404, bad handshakes 400, an unsupported version 426 with {@code Sec-WebSocket-Version: 13}, a
 *       refused Origin 403 ({@link ServerHandshake}), a head over 8 KiB 431.</li>
 *   <li>Heartbeat: pings every open connection each interval with an 8-octet counter as payload, and
 *       gives up a peer whose ping stays unanswered for the pong timeout. It then sends Close
 *       <b>1001 Going Away</b> and drops TCP at once. Not 1002: an unanswered ping proves nothing about
 *       the peer's framing (§7.4.1 reserves 1002 for a protocol error the endpoint saw); the peer or the
 *       path is gone or stalled, and the server is going away from it. A Pong is matched to the
 *       outstanding Ping by payload; unsolicited and stale Pongs are ignored (§5.5.3). Optionally it also
 *       sends the seed's text message {@code "heartbeat"} each interval.</li>
 *   <li>Limits (§10.4): frame and message size fail the connection with 1009 as soon as the header or
 *       the running total shows the excess, before anything is buffered; the HTTP head is bounded.</li>
 *   <li>A connection that has not finished its handshake within the handshake timeout is dropped; one
 *       above the connection limit gets 503 and is closed.</li>
 *   <li>Outbound octets are queued per connection up to a bound; a slow reader that lets the queue fill
 *       gets Close <b>1008 Policy Violation</b> (the queued data is discarded) and TCP is dropped after
 *       the close timeout. The octets queued for all connections together have a budget too
 *       ({@link EchoServerConfig#maxTotalOutboundBytes()}): past it the slowest readers (most queued) get the
 *       same 1008 until the total is under three quarters of the budget, so a few slow readers cannot take
 *       the heap.</li>
 *   <li>An error on one connection (an exception, even an {@link Error} such as OutOfMemoryError) drops that
 *       connection, never a selector thread. Should a selector thread die all the same, the server says so
 *       ({@link #failure()}, {@link #onFailure}, logged at ERROR) and stops, rather than linger accepting
 *       nothing.</li>
 *   <li>Closing (§5.5.1, §7.1): a received Close is answered with a Close echoing its status code (none
 *       when it had none) and the server closes TCP right after writing it. A protocol error fails the
 *       connection (§7.1.7): Close with 1002, 1007 or 1009, no further input processed, TCP closed.</li>
 *   <li>Connects and closes (with code, reason and who closed) are logged through {@link System.Logger}
 *       named {@code org.netconform.reference.websocket.server}: connects at DEBUG, closes at INFO.</li>
 * </ul>
 *
 * Usage: {@code int port = server.start(0); ...; server.stop();}. Thread-safe start and stop.
 */
public final class EchoServer implements AutoCloseable {
    static final System.Logger LOG = System.getLogger("org.netconform.reference.websocket.server");
    private static final long TICK_MS = 20;

    private final EchoServerConfig config;
    private final ServerHandshake handshake;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong outbound = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final List<java.util.function.Consumer<Throwable>> failureListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Throwable failure;
    private final List<IoLoop> loops = new ArrayList<>();
    private ServerSocketChannel server;
    private volatile boolean running;
    private int nextLoop;

    public EchoServer(EchoServerConfig config) {
        this.config = config;
        this.handshake = new ServerHandshake(config.originPolicy());
    }

    public EchoServerConfig config() {
        return config;
    }

    /** Binds 127.0.0.1 on {@code port} (0 = ephemeral) and starts serving; returns the bound port. */
    public int start(int port) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    public synchronized int start(InetSocketAddress address) {
        if (running) {
            throw new IllegalStateException("already started");
        }
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 4096);
            server.configureBlocking(false);
            running = true;
            for (int i = 0; i < config.ioThreads(); i++) {
                loops.add(new IoLoop(i));
            }
            loops.get(0).selector.wakeup();
            server.register(loops.get(0).selector, SelectionKey.OP_ACCEPT);
            for (IoLoop l : loops) {
                l.thread.start();
            }
            int bound = ((InetSocketAddress) server.getLocalAddress()).getPort();
            LOG.log(Level.INFO, "echo server on {0}:{1}{2}", address.getAddress().getHostAddress(), bound, config.path());
            return bound;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connections open now (handshaking or established). */
    public int connectionCount() {
        return connections.get();
    }

    /** Connections accepted since start. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** Outbound octets queued now for all connections together. */
    public long outboundQueued() {
        return outbound.get();
    }

    /** Connections closed with 1008 because the outbound budget of all connections was spent. */
    public long shedCount() {
        return shed.get();
    }

    /** Why a selector thread died (the server then stopped), if one did. */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /**
     * Called (on a thread of its own) if a selector thread dies; the server has stopped by then. A command-line
     * server exits non-zero from here rather than linger.
     */
    public void onFailure(java.util.function.Consumer<Throwable> listener) {
        failureListeners.add(listener);
        Throwable f = failure;
        if (f != null) {
            listener.accept(f);
        }
    }

    private final Object shedLock = new Object();

    long outbound() {
        return outbound.get();
    }

    void queued(long delta) {
        outbound.addAndGet(delta);
    }

    /**
     * The outbound budget of all connections is spent: closes the slowest readers (most queued first) with
     * 1008 until what stays queued is under three quarters of the budget. A connection of this thread is
     * closed at once; one of another selector thread, on that thread.
     */
    void relieve(Connection requester) {
        // its own lock, not the server's: stop() holds the server's monitor while it waits for the selector
        // threads, and a selector thread that relieves the budget then would never finish
        synchronized (shedLock) {
            long budget = config.maxTotalOutboundBytes();
            long total = outbound.get();
            if (total <= budget) {
                return;
            }
            List<Connection> all = new ArrayList<>();
            for (IoLoop l : loops) {
                all.addAll(l.open);
            }
            all.sort(java.util.Comparator.comparingLong(Connection::queuedOctets).reversed());
            long target = budget / 4 * 3;
            for (Connection c : all) {
                if (total <= target) {
                    break;
                }
                long q = c.queuedOctets();
                if (q == 0) {
                    break;
                }
                if (c.shedding) {
                    total -= q;
                    continue;
                }
                c.shedding = true;
                shed.incrementAndGet();
                total -= q;
                if (c.loop() == requester.loop()) {
                    c.shed();
                } else {
                    c.loop().tasks.add(c::shed);
                    c.loop().selector.wakeup();
                }
            }
        }
    }

    List<IoLoop> loops() {
        return loops;
    }

    private void failed(IoLoop loop, Throwable t) {
        failure = t;
        LOG.log(Level.ERROR, "selector thread " + loop.thread.getName() + " died; the echo server stops", t);
        running = false;
        try {
            // refused from now on, rather than left waiting in the backlog of a server that accepts nothing
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (IoLoop l : loops) {
            l.selector.wakeup();
        }
        Thread notify = new Thread(() -> failureListeners.forEach(f -> f.accept(t)), "netconform-echo-failure");
        notify.setDaemon(true);
        notify.start();
    }

    /** Closes every connection with 1001 (Going Away), waits briefly for them, and stops. Idempotent. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (IoLoop l : loops) {
            l.selector.wakeup();
        }
        for (IoLoop l : loops) {
            try {
                l.done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
        loops.clear();
    }

    @Override
    public void close() {
        stop();
    }

    boolean running() {
        return running;
    }

    ServerHandshake handshake() {
        return handshake;
    }

    void closed() {
        connections.decrementAndGet();
    }

    /** One selector thread: its connections, their timers, and (loop 0) the acceptor. */
    final class IoLoop implements Runnable {
        final Selector selector;
        final Thread thread;
        final Queue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
        final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private long acceptPausedUntil;
        private SelectionKey acceptKey;
        final Set<Connection> open = ConcurrentHashMap.newKeySet();
        final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
        final CountDownLatch done = new CountDownLatch(1);

        IoLoop(int index) throws IOException {
            selector = Selector.open();
            thread = new Thread(this, "netconform-echo-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            long nextTick = System.nanoTime();
            long stopDeadline = 0;
            try {
                while (true) {
                    if (!running && stopDeadline == 0) {
                        stopDeadline = System.nanoTime() + config.closeTimeout().toNanos();
                        for (Connection c : List.copyOf(open)) {
                            c.initiateClose(1001, "server shutting down", false);
                        }
                    }
                    if (stopDeadline != 0 && (open.isEmpty() || System.nanoTime() - stopDeadline > 0)) {
                        break;
                    }
                    selector.select(TICK_MS);
                    SocketChannel ch;
                    while ((ch = incoming.poll()) != null) {
                        register(ch);
                    }
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        try {
                            task.run();
                        } catch (RuntimeException | Error e) {
                            LOG.log(Level.WARNING, "a task of " + thread.getName() + " failed", e);
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            acceptKey = key;
                            acceptAll(key);
                            continue;
                        }
                        Connection c = (Connection) key.attachment();
                        try {
                            if (key.isReadable()) {
                                c.onReadable(readBuffer);
                            }
                            if (key.isValid() && key.isWritable()) {
                                c.flush();
                            }
                        } catch (IOException | RuntimeException e) {
                            c.abort(e);
                        } catch (Error e) {
                            // even an OutOfMemoryError costs this connection (whose buffers go with it), not the thread
                            dropOnError(c, e);
                        }
                    }
                    selector.selectedKeys().clear();
                    long now = System.nanoTime();
                    if (now - nextTick >= 0) {
                        nextTick = now + TICK_MS * 1_000_000;
                        for (Connection c : open) {
                            try {
                                c.tick(now);
                            } catch (IOException | RuntimeException e) {
                                c.abort(e);
                            } catch (Error e) {
                                dropOnError(c, e);
                            }
                        }
                        resumeAccepting(now);
                    }
                }
            } catch (Throwable t) {
                failed(this, t);
            } finally {
                for (Connection c : List.copyOf(open)) {
                    c.abort(null);
                }
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                done.countDown();
            }
        }

        private void dropOnError(Connection c, Error e) {
            try {
                c.abort(e);
                LOG.log(Level.WARNING, "connection {0} dropped after {1}", c.remote, e.toString());
            } catch (Error again) {
                // nothing left to free here; the loop goes on
            }
        }

        /** Accepts what is waiting; a failing accept (e.g. out of file descriptors) pauses accepting for 100 ms. */
        private void acceptAll(SelectionKey key) {
            SocketChannel ch;
            while (running) {
                try {
                    ch = server.accept();
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "accept failed, pausing accepts for 100 ms: {0}", e.toString());
                    acceptPausedUntil = System.nanoTime() + 100_000_000L;
                    key.interestOps(0);
                    return;
                }
                if (ch == null) {
                    return;
                }
                accepted.incrementAndGet();
                if (connections.incrementAndGet() > config.maxConnections()) {
                    connections.decrementAndGet();
                    refuseOverLimit(ch);
                    continue;
                }
                IoLoop target = loops.get(nextLoop++ % loops.size());
                if (target == this) {
                    register(ch);
                } else {
                    target.incoming.add(ch);
                    target.selector.wakeup();
                }
            }
        }

        private void resumeAccepting(long now) {
            if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0 && acceptKey != null && acceptKey.isValid()) {
                acceptPausedUntil = 0;
                acceptKey.interestOps(SelectionKey.OP_ACCEPT);
            }
        }

        private void register(SocketChannel ch) {
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection c = new Connection(EchoServer.this, this, ch);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                open.add(c);
                LOG.log(Level.DEBUG, "connect from {0}", c.remote);
            } catch (IOException | RuntimeException e) {
                connections.decrementAndGet();
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // it is gone either way
                }
            }
        }

        private void refuseOverLimit(SocketChannel ch) {
            try (ch) {
                ch.configureBlocking(false);
                ch.write(ByteBuffer.wrap(HttpHeadCodec.serialize(new HttpResponseHead("HTTP/1.1", 503,
                        "Service Unavailable", HttpHeaders.of("Content-Length", "0", "Connection", "close")))));
                LOG.log(Level.WARNING, "connection limit {0} reached, refused {1}", config.maxConnections(),
                        ch.getRemoteAddress());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    static HttpResponseHead plain(int status, String reason) {
        return new HttpResponseHead("HTTP/1.1", status, reason,
                HttpHeaders.of("Content-Length", "0", "Connection", "close"));
    }

    static HttpRequestHead parseHead(byte[] head) {
        return HttpHeadCodec.parseRequest(head);
    }

    static String pathOf(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String hex(byte[] b, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, max); i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return b.length > max ? sb + "..." : sb.toString();
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }

    static boolean isHeadException(Throwable t) {
        return t instanceof HttpHeadException;
    }
}
