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

    private boolean calibrate;

    private long pingsAnswered;

    @Override
    public Integer call() throws Exception {
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
