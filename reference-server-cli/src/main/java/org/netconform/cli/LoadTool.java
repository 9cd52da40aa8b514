package org.netconform.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.OriginPolicy;
import org.netconform.reference.websocket.server.EchoServer;
import org.netconform.reference.websocket.server.EchoServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load figure for the reference server on loopback: opens N WebSocket connections to an embedded
 * {@link EchoServer} with its heartbeat on, answers every Ping from one client selector thread, holds them
 * for a while and reports how many stayed open, the Pings answered per second, and heap per connection.
 *
 * <p>Both ends live in this JVM, so the heap figure is calibrated: the same number of bare TCP connections
 * (accepted and held, nothing else) is measured first, and the WebSocket state is the difference. Run on
 * demand (bin/load-test), never as part of the build.
 *
 * <p>{@code --slow-readers N}: instead, N clients (in a child JVM) that write {@code --message}-octet messages as
 * fast as they can and never read an echo, reconnecting when the server drops them; the server (this JVM, with
 * whatever heap {@code JAVA_OPTS} gives it) is sampled for heap, RSS and queued octets, and a fresh client must
 * still get an echo at the end.
 */
@Command(name = "load-test", mixinStandardHelpOptions = true,
        description = "Hold many heartbeat connections against the embedded reference echo server.")
public final class LoadTool implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = {"-n", "--connections"}, description = "connections to hold (default ${DEFAULT-VALUE})")
    int connections = 10_000;

    @Option(names = "--hold", description = "seconds to hold them with the heartbeat running (default ${DEFAULT-VALUE})")
    int holdSeconds = 15;

    @Option(names = "--interval", description = "server ping interval in ms (default ${DEFAULT-VALUE})")
    long intervalMs = 1000;

    @Option(names = "--io-threads", description = "server selector threads (default ${DEFAULT-VALUE})")
    int ioThreads = 1;

    @Option(names = "--same-process", description = "run the clients in this JVM too (needs 2 file descriptors per "
            + "connection in one process; the heap figure then covers both ends, calibrated against bare TCP)")
    boolean sameProcess;

    @Option(names = "--clients-only", hidden = true, description = "internal: be the client process for --port")
    boolean clientsOnly;

    @Option(names = "--port", hidden = true)
    int port;

    @Option(names = "--slow-readers", description = "hold this many slow readers (write, never read) instead of "
            + "heartbeat connections, and report the server's memory and whether it still serves a fresh client")
    int slowReaders;

    @Option(names = "--message", description = "octets per message a slow reader writes (default ${DEFAULT-VALUE})")
    int messageSize = 1024 * 1024;

    @Option(names = "--max-total-outbound", description = "the server's outbound budget for all connections "
            + "(default: the server's default for this heap)")
    Long maxTotalOutbound;

    @Option(names = "--slow-clients-only", hidden = true)
    boolean slowClientsOnly;

    private boolean calibrate;

    private long pingsAnswered;

    @Override
    public Integer call() throws Exception {
        if (slowClientsOnly) {
            return runSlowClients();
        }
        if (slowReaders > 0) {
            return runSlowReaders();
        }
        if (clientsOnly) {
            return runClients();
        }
        if (!sameProcess) {
            return runServerWithClientProcess();
        }
        calibrate = true;
        System.out.printf("open-file limit: %s; %d CPUs; max heap %d MiB%n", fdLimit(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        double bare = calibrate ? bareTcpPerConnection() : 0;

        long before = usedHeap();
        EchoServerConfig config = EchoServerConfig.defaults().withOriginPolicy(OriginPolicy.allowAll())
                .withHeartbeat(Duration.ofMillis(intervalMs), Duration.ofMillis(intervalMs))
                .withMaxConnections(connections + 100).withIoThreads(ioThreads);
        java.util.logging.Logger.getLogger("org.netconform.reference.websocket.server").setLevel(java.util.logging.Level.WARNING);
        try (EchoServer server = new EchoServer(config); Selector selector = Selector.open()) {
            int port = server.start(0);
            InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port);
            List<SocketChannel> clients = new ArrayList<>(connections);
            long t0 = System.nanoTime();
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            for (int i = 0; i < connections; i++) {
                clients.add(open(addr, selector));
                if (i % 20 == 19) {
                    pump(selector, buf, 0);
                }
            }
            double connectS = (System.nanoTime() - t0) / 1e9;
            System.out.printf("connected %d WebSocket clients in %.1f s (%.0f handshakes/s)%n", connections, connectS,
                    connections / connectS);
            long pingsBefore = pingsAnswered;
            long holdStart = System.nanoTime();
            long end = holdStart + holdSeconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                pump(selector, buf, 50);
            }
            double held = (System.nanoTime() - holdStart) / 1e9;
            long open = clients.stream().filter(c -> c.isOpen()).count();
            System.out.printf("held %.1f s: server reports %d open connections, %d client sockets open, %.0f Pings "
                    + "answered per second (%d expected at one per connection per %d ms)%n", held,
                    server.connectionCount(), open, (pingsAnswered - pingsBefore) / held,
                    connections * 1000L / intervalMs, intervalMs);
            long after = usedHeap();
            double per = (after - before) / (double) connections;
            System.out.printf("heap: %.1f MiB for %d connections = %.0f bytes per connection (server and client "
                    + "ends, in one JVM)%n", (after - before) / 1048576.0, connections, per);
            if (calibrate) {
                System.out.printf("bare TCP connections (both ends, nothing else): %.0f bytes each; WebSocket state "
                        + "(server connection + client bookkeeping) beyond that: %.0f bytes per connection%n", bare, per - bare);
            }
            System.out.printf("process RSS: %s; server threads: %d selector thread(s)%n", rss(), ioThreads);
            for (SocketChannel c : clients) {
                c.close();
            }
        }
        return 0;
    }

    /** The client side in its own process: connect, report, hold answering Pings, report, exit. */
    private int runClients() throws IOException {
        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port);
        try (Selector selector = Selector.open()) {
            List<SocketChannel> clients = new ArrayList<>(connections);
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            long t0 = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                clients.add(open(addr, selector));
                if (i % 20 == 19) {
                    pump(selector, buf, 0);
                }
            }
            System.out.printf("CONNECTED %d %.3f%n", connections, (System.nanoTime() - t0) / 1e9);
            System.out.flush();
            long holdStart = System.nanoTime();
            long pingsBefore = pingsAnswered;
            long end = holdStart + holdSeconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                pump(selector, buf, 50);
            }
            long open = clients.stream().filter(SocketChannel::isOpen).count();
            System.out.printf("HELD %d %.1f %d%n", open, (System.nanoTime() - holdStart) / 1e9, pingsAnswered - pingsBefore);
            System.out.flush();
            for (SocketChannel c : clients) {
                c.close();
            }
        }
        return 0;
    }

    /** The server in this JVM, the clients in a child JVM: the heap and RSS figures are the server's alone. */
    private int runServerWithClientProcess() throws Exception {
        System.out.printf("server process: open-file limit %s; %d CPUs; max heap %d MiB%n", fdLimit(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("org.netconform.reference.websocket.server");
        quiet.setLevel(Boolean.getBoolean("netconform.load.serverLog") ? java.util.logging.Level.INFO
                : java.util.logging.Level.WARNING);
        long before = usedHeap();
        String rssBefore = rss();
        EchoServerConfig config = EchoServerConfig.defaults().withOriginPolicy(OriginPolicy.allowAll())
                .withHeartbeat(Duration.ofMillis(intervalMs), Duration.ofMillis(intervalMs))
                .withMaxConnections(connections + 100).withIoThreads(ioThreads);
        try (EchoServer server = new EchoServer(config)) {
            int p = server.start(0);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xss512k", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), LoadTool.class.getName(), "--clients-only", "--port",
                    String.valueOf(p), "-n", String.valueOf(connections), "--hold", String.valueOf(holdSeconds))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII));
            String connected = out.readLine();
            if (connected == null || !connected.startsWith("CONNECTED")) {
                System.out.println("client process failed: " + connected);
                child.destroyForcibly();
                return 1;
            }
            String[] c = connected.split(" ");
            double connectS = Double.parseDouble(c[2]);
            System.out.printf("connected %d WebSocket clients (child process) in %.1f s (%.0f handshakes/s)%n",
                    connections, connectS, connections / connectS);
            Thread.sleep(Math.max(1000, holdSeconds * 500L));
            int openMid = server.connectionCount();
            long after = usedHeap();
            String rssAfter = rss();
            String held = out.readLine();
            child.waitFor();
            String[] h = held == null ? new String[] {"HELD", "?", "0", "0"} : held.split(" ");
            double heldS = Double.parseDouble(h[2]);
            System.out.printf("held %.1f s with a %d ms heartbeat: server had %d open connections mid-hold; the "
                    + "clients still had %s open at the end and answered %.0f Pings per second (%d expected)%n",
                    heldS, intervalMs, openMid, h[1], Long.parseLong(h[3]) / heldS, connections * 1000L / intervalMs);
            System.out.printf("server heap: %.1f MiB for %d connections = %.0f bytes per connection (live heap after "
                    + "GC, server process only)%n", (after - before) / 1048576.0, openMid,
                    (after - before) / (double) Math.max(1, openMid));
            System.out.printf("server process RSS: %s before, %s with the connections; %d selector thread(s)%n",
                    rssBefore, rssAfter, ioThreads);
        }
        return 0;
    }

    /** The server here, {@link #slowReaders} slow readers in a child JVM; samples the server, then tries a fresh client. */
    private int runSlowReaders() throws Exception {
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("org.netconform.reference.websocket.server");
        quiet.setLevel(Boolean.getBoolean("netconform.load.serverLog") ? java.util.logging.Level.INFO
                : java.util.logging.Level.SEVERE);
        // the heartbeat is off: it would drop a slow reader after one unanswered Ping, and the point here is what
        // the outbound limits do
        EchoServerConfig config = EchoServerConfig.defaults().withOriginPolicy(OriginPolicy.allowAll())
                .withHeartbeat(Duration.ZERO, Duration.ZERO)
                .withMaxConnections(slowReaders + 100).withIoThreads(ioThreads);
        if (maxTotalOutbound != null) {
            config = config.withMaxTotalOutboundBytes(maxTotalOutbound);
        }
        System.out.printf("server process: max heap %d MiB; %d CPUs; outbound budget %d MiB for all connections, %d MiB "
                + "per connection; %d slow readers writing %d-octet messages, never reading, for %d s%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                config.maxTotalOutboundBytes() >> 20, config.maxOutboundBytes() >> 20, slowReaders, messageSize, holdSeconds);
        String rssBefore = rss();
        try (EchoServer server = new EchoServer(config)) {
            java.util.concurrent.atomic.AtomicReference<Throwable> died = new java.util.concurrent.atomic.AtomicReference<>();
            server.onFailure(died::set);
            int p = server.start(0);
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    LoadTool.class.getName(), "--slow-clients-only", "--port", String.valueOf(p), "--slow-readers",
                    String.valueOf(slowReaders), "--message", String.valueOf(messageSize), "--hold",
                    String.valueOf(holdSeconds + 5)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            java.lang.management.MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            long peakHeap = 0;
            long peakQueued = 0;
            int peakOpen = 0;
            long t0 = System.nanoTime();
            long end = t0 + holdSeconds * 1_000_000_000L;
            while (System.nanoTime() < end && child.isAlive()) {
                peakHeap = Math.max(peakHeap, mem.getHeapMemoryUsage().getUsed());
                peakQueued = Math.max(peakQueued, server.outboundQueued());
                peakOpen = Math.max(peakOpen, server.connectionCount());
                Thread.sleep(100);
            }
            // the slow readers are still at it (they hold 5 s longer): a fresh client now, and the live heap
            String fresh = freshClient(p);
            long live = usedHeap();
            int openAtEnd = server.connectionCount();
            if (!child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII));
            String report = out.lines().filter(l -> l.startsWith("SLOW")).findFirst().orElse("SLOW ? ? ?");
            String[] r = report.split(" ");
            System.out.printf("slow readers: %s connections made, %s dropped by the server, %s MiB written by them%n",
                    r[1], r[2], r[3]);
            System.out.printf("server: %d closed with 1008 for the budget of all connections; at most %d connections "
                    + "open, %d at the end; queued outbound at most %.1f MiB (budget %.1f MiB)%n", server.shedCount(),
                    peakOpen, openAtEnd, peakQueued / 1048576.0, config.maxTotalOutboundBytes() / 1048576.0);
            System.out.printf("server heap: at most %.1f MiB used (sampled every 100 ms), %.1f MiB live after GC with the "
                    + "slow readers still on; max heap %d MiB%n", peakHeap / 1048576.0, live / 1048576.0,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("server process RSS: %s before, %s peak (VmHWM)%n", rssBefore, hwm());
            System.out.printf("a fresh client while the slow readers were on: %s; selector thread %s%n", fresh,
                    died.get() == null ? "alive" : "DIED: " + died.get());
            return fresh.startsWith("echoed") && died.get() == null ? 0 : 1;
        }
    }

    /** A fresh client: handshake and one echo, within 5 s. */
    private static String freshClient(int port) {
        long t0 = System.nanoTime();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            String key = Handshake.generateKey(RANDOM);
            s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return "NOT served: closed during the handshake";
                }
                head.append((char) c);
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                return "NOT served: " + head.toString().lines().findFirst().orElse("");
            }
            byte[] text = "still serving?".getBytes(StandardCharsets.US_ASCII);
            byte[] f = new byte[6 + text.length];
            f[0] = (byte) 0x81;
            f[1] = (byte) (0x80 | text.length);
            for (int i = 0; i < text.length; i++) {
                f[6 + i] = text[i]; // masking key 0
            }
            s.getOutputStream().write(f);
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return "NOT served: closed before the echo";
                }
                int len = in.read() & 0x7F;
                byte[] p = in.readNBytes(len);
                if ((b0 & 0x0F) == 1) {
                    return "echoed \"" + new String(p, StandardCharsets.US_ASCII) + "\" in "
                            + (System.nanoTime() - t0) / 1_000_000 + " ms";
                }
            }
        } catch (IOException e) {
            return "NOT served: " + e;
        }
    }

    /** The slow readers, in their own process: connect, write, never read, reconnect when dropped; then report. */
    private int runSlowClients() throws Exception {
        java.util.concurrent.atomic.AtomicLong connects = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong drops = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        long end = System.nanoTime() + holdSeconds * 1_000_000_000L;
        byte[] payload = new byte[messageSize];
        byte[] frame = slowFrame(payload);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < slowReaders; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try (java.net.Socket s = new java.net.Socket()) {
                        s.setReceiveBufferSize(4096);
                        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                        connects.incrementAndGet();
                        String key = Handshake.generateKey(RANDOM);
                        s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13"
                                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        // never read: not even the response
                        while (System.nanoTime() < end) {
                            s.getOutputStream().write(frame);
                            written.addAndGet(frame.length);
                        }
                    } catch (IOException e) {
                        drops.incrementAndGet();
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                }
            }, "slow-reader-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + 1000));
        }
        System.out.printf("SLOW %d %d %d%n", connects.get(), drops.get(), written.get() >> 20);
        System.out.flush();
        return 0;
    }

    private static byte[] slowFrame(byte[] payload) {
        int n = payload.length;
        byte[] f = new byte[2 + (n <= 125 ? 0 : n <= 0xFFFF ? 2 : 8) + 4 + n];
        f[0] = (byte) 0x82;
        int at = 2;
        if (n <= 125) {
            f[1] = (byte) (0x80 | n);
        } else if (n <= 0xFFFF) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (n >> 8);
            f[3] = (byte) n;
            at = 4;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
            at = 10;
        }
        // masking key 0: the payload goes out as is
        System.arraycopy(payload, 0, f, at + 4, n);
        return f;
    }

    private static String hwm() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private SocketChannel open(InetSocketAddress addr, Selector selector) throws IOException {
        SocketChannel ch = SocketChannel.open(addr);
        String key = Handshake.generateKey(RANDOM);
        ch.write(ByteBuffer.wrap(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + addr.getPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer head = ByteBuffer.allocate(1024);
        while (true) {
            if (ch.read(head) < 0) {
                throw new IOException("server closed during the handshake");
            }
            String s = new String(head.array(), 0, head.position(), StandardCharsets.US_ASCII);
            int end = s.indexOf("\r\n\r\n");
            if (end >= 0) {
                if (!s.startsWith("HTTP/1.1 101")) {
                    throw new IOException("not upgraded: " + s.lines().findFirst().orElse(""));
                }
                byte[] rest = java.util.Arrays.copyOfRange(head.array(), end + 4, head.position());
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, rest);
                return ch;
            }
        }
    }

    /** Reads what arrived and answers each server Ping with a masked Pong. */
    private void pump(Selector selector, ByteBuffer buf, long timeoutMs) throws IOException {
        if (timeoutMs == 0) {
            selector.selectNow();
        } else {
            selector.select(timeoutMs);
        }
        for (SelectionKey k : selector.selectedKeys()) {
            SocketChannel ch = (SocketChannel) k.channel();
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                k.cancel();
                ch.close();
                continue;
            }
            byte[] pending = (byte[]) k.attachment();
            byte[] data = new byte[pending.length + n];
            System.arraycopy(pending, 0, data, 0, pending.length);
            buf.flip();
            buf.get(data, pending.length, n);
            int at = 0;
            while (data.length - at >= 2) {
                int len = data[at + 1] & 0x7F;
                if (len > 125 || data.length - at < 2 + len) {
                    break;
                }
                if ((data[at] & 0x0F) == 0x9) {
                    ch.write(ByteBuffer.wrap(pong(data, at + 2, len)));
                    pingsAnswered++;
                }
                at += 2 + len;
            }
            k.attach(java.util.Arrays.copyOfRange(data, at, data.length));
        }
        selector.selectedKeys().clear();
    }

    private static byte[] pong(byte[] src, int off, int len) {
        byte[] f = new byte[6 + len];
        f[0] = (byte) 0x8A;
        f[1] = (byte) (0x80 | len);
        int key = RANDOM.nextInt();
        for (int i = 0; i < 4; i++) {
            f[2 + i] = (byte) (key >>> (24 - 8 * i));
        }
        for (int i = 0; i < len; i++) {
            f[6 + i] = (byte) (src[off + i] ^ f[2 + (i & 3)]);
        }
        return f;
    }

    private double bareTcpPerConnection() throws IOException {
        long before = usedHeap();
        List<SocketChannel> ends = new ArrayList<>(2 * connections);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
            InetSocketAddress addr = (InetSocketAddress) server.getLocalAddress();
            for (int i = 0; i < connections; i++) {
                ends.add(SocketChannel.open(addr));
                ends.add(server.accept());
            }
            long after = usedHeap();
            for (SocketChannel c : ends) {
                c.close();
            }
            return (after - before) / (double) connections;
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String fdLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.replaceAll("\\s+", " ").substring("Max open files ".length())).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadTool()).execute(args));
    }
}
