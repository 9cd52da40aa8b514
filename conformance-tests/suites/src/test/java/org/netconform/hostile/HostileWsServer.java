package org.netconform.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.reference.websocket.HttpHeadCodec;
import org.netconform.reference.websocket.HttpRequestHead;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.reference.websocket.OriginPolicy;
import org.netconform.reference.websocket.ServerHandshake;
import org.netconform.reference.websocket.server.EchoServer;
import org.netconform.reference.websocket.server.EchoServerConfig;

/**
 * A WebSocket "server" that misbehaves in one way, to show that the endpoint suite survives it: bounded
 * time and memory, a complete report, the right outcome and one clear reason. Used by the self-test
 * {@code HostileServersTest} (scaled down) and from the command line for the on-demand proofs against a
 * full conformance run (see docs/websocket-endpoint.md):
 *
 * <pre>java -cp ... org.netconform.hostile.HostileWsServer --mode flood --port 7777 [--rate BYTES_PER_S] [--frame N] [--after N]</pre>
 *
 * The modes that upgrade use the reference {@link ServerHandshake} (refusing bad requests correctly) and
 * then misbehave; the others never speak WebSocket at all.
 */
public final class HostileWsServer implements AutoCloseable {
    /** What the server does wrong. */
    public enum Mode {
        /** Upgrades, then sends valid text frames as fast as it can (or at {@code rate}), never stopping. */
        FLOOD,
        /** Upgrades, then never reads another octet (and never writes). */
        NEVER_READS,
        /** Answers every request with 200 OK and closes. */
        ANSWERS_200,
        /** Closes every connection at once (FIN), before reading anything. */
        CLOSES_AT_ONCE,
        /** Resets every connection at once (RST). */
        RESETS,
        /** Answers every request with octets that are not HTTP, NUL and ESC among them, and closes. */
        GARBAGE,
        /** Sends a valid 101 response one octet a second. */
        TRICKLE,
        /** Accepts connections and never sends or reads anything. */
        SILENT,
        /** A correct echo server (the reference) that stops after {@code after} connections: refused from then on. */
        DIES_AFTER
    }

    /** What a GARBAGE answer starts with: a terminal-clearing escape, NUL, a fake prompt. */
    static final byte[] GARBAGE_OCTETS = ("\u0000\u001b[2J\u001b[31mPWNED\u001b[0m\u0007\r\nHTTP/1.1 101\u0000"
            + "\u009b\u202e").getBytes(StandardCharsets.ISO_8859_1);

    private final Mode mode;
    private final long rate;
    private final int frameSize;
    private final int after;
    private final ServerSocket server;
    private final EchoServer echo;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final int port;
    private volatile boolean closed;

    /**
     * @param rate      octets per second per connection for FLOOD (0: as fast as it can)
     * @param frameSize payload octets of each FLOOD frame (1..65535)
     * @param after     connections DIES_AFTER serves before it stops
     */
    public HostileWsServer(Mode mode, int port, long rate, int frameSize, int after) throws IOException {
        this.mode = mode;
        this.rate = rate;
        this.frameSize = Math.max(1, Math.min(65535, frameSize));
        this.after = after;
        if (mode == Mode.DIES_AFTER) {
            server = null;
            echo = new EchoServer(EchoServerConfig.defaults().withOriginPolicy(OriginPolicy.allowAll()));
            this.port = echo.start(port);
            Thread t = new Thread(this::dieAfter, "hostile-dies-after");
            t.setDaemon(true);
            t.start();
            return;
        }
        echo = null;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        this.port = server.getLocalPort();
        Thread t = new Thread(this::acceptLoop, "hostile-accept-" + mode);
        t.setDaemon(true);
        t.start();
    }

    public static HostileWsServer start(Mode mode) throws IOException {
        return new HostileWsServer(mode, 0, 0, 16, 40);
    }

    /** The port it listens on (or listened on, once a dying server has died). */
    public int port() {
        return port;
    }

    public String url() {
        return "ws://127.0.0.1:" + port() + "/ws";
    }

    public long accepted() {
        return echo != null ? echo.acceptedCount() : accepted.get();
    }

    /** Octets written to clients so far (FLOOD, TRICKLE). */
    public long sent() {
        return sent.get();
    }

    private void dieAfter() {
        while (!closed && echo.acceptedCount() < after) {
            sleep(5);
        }
        echo.stop();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            held.add(s);
            Thread t = new Thread(() -> serve(s), "hostile-" + mode);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try {
            s.setTcpNoDelay(true);
            switch (mode) {
                case CLOSES_AT_ONCE -> s.close();
                case RESETS -> {
                    s.setSoLinger(true, 0);
                    s.close();
                }
                case SILENT -> {
                    // held open until the server closes; the client gives up
                }
                case TRICKLE -> trickle(s);
                case ANSWERS_200 -> {
                    readHead(s.getInputStream());
                    write(s, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    s.close();
                }
                case GARBAGE -> {
                    readHead(s.getInputStream());
                    write(s, GARBAGE_OCTETS);
                    s.close();
                }
                case FLOOD, NEVER_READS -> {
                    if (upgrade(s)) {
                        if (mode == Mode.FLOOD) {
                            flood(s);
                        }
                        // NEVER_READS: nothing more, ever; the socket stays open until the client or close() ends it
                    }
                }
                default -> throw new IllegalStateException(String.valueOf(mode));
            }
        } catch (IOException | RuntimeException e) {
            // the client went away; that is all a hostile server needs to know
            closeQuietly(s);
        }
    }

    /** The reference handshake: a refusal for a bad request (then closed), 101 for a good one. */
    private boolean upgrade(Socket s) throws IOException {
        byte[] head = readHead(s.getInputStream());
        if (head == null) {
            s.close();
            return false;
        }
        HttpRequestHead request;
        try {
            request = HttpHeadCodec.parseRequest(head);
        } catch (RuntimeException e) {
            write(s, HttpHeadCodec.serialize(plain(400, "Bad Request")));
            s.close();
            return false;
        }
        ServerHandshake.Outcome o = new ServerHandshake(OriginPolicy.allowAll()).accept(request);
        if (!request.target().equals("/ws") && !request.target().startsWith("/ws?")) {
            write(s, HttpHeadCodec.serialize(plain(404, "Not Found")));
            s.close();
            return false;
        }
        HttpResponseHead r = o.upgraded() ? o.response() : new HttpResponseHead(o.response().version(),
                o.response().status(), o.response().reason(), o.response().headers().with("Content-Length", "0"));
        write(s, HttpHeadCodec.serialize(r));
        if (!o.upgraded()) {
            s.close();
        }
        return o.upgraded();
    }

    private static HttpResponseHead plain(int status, String reason) {
        return new HttpResponseHead("HTTP/1.1", status, reason,
                org.netconform.reference.websocket.HttpHeaders.of("Content-Length", "0"));
    }

    private void flood(Socket s) throws IOException {
        byte[] payload = new byte[frameSize];
        java.util.Arrays.fill(payload, (byte) 'f');
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        if (frameSize <= 125) {
            f.write(frameSize);
        } else {
            f.write(126);
            f.write(frameSize >> 8);
            f.write(frameSize);
        }
        f.writeBytes(payload);
        byte[] frame = f.toByteArray();
        int per = Math.max(1, 64 * 1024 / frame.length);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < per; i++) {
            batch.writeBytes(frame);
        }
        byte[] chunk = batch.toByteArray();
        OutputStream out = s.getOutputStream();
        long t0 = System.nanoTime();
        long mine = 0;
        while (!closed) {
            out.write(chunk);
            mine += chunk.length;
            sent.addAndGet(chunk.length);
            if (rate > 0) {
                long due = t0 + mine * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleep(wait / 1_000_000);
                }
            }
        }
    }

    private void trickle(Socket s) throws IOException {
        byte[] head = readHead(s.getInputStream());
        String key = "";
        if (head != null) {
            try {
                key = HttpHeadCodec.parseRequest(head).headers().first("Sec-WebSocket-Key").orElse("");
            } catch (RuntimeException ignored) {
                key = "";
            }
        }
        byte[] response = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + org.netconform.reference.websocket.Handshake.computeAccept(key) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        OutputStream out = s.getOutputStream();
        for (byte b : response) {
            if (closed) {
                return;
            }
            out.write(b);
            out.flush();
            sent.incrementAndGet();
            sleep(1000);
        }
    }

    /** The request head, read octet by octet (at most 8 KiB); null when the client closed first. */
    private static byte[] readHead(InputStream in) throws IOException {
        byte[] head = new byte[HttpHeadCodec.DEFAULT_MAX_HEAD];
        int len = 0;
        while (len < head.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head[len++] = (byte) b;
            if (HttpHeadCodec.headLength(head, 0, len, head.length) > 0) {
                return java.util.Arrays.copyOf(head, len);
            }
        }
        return null;
    }

    private void write(Socket s, byte[] octets) throws IOException {
        s.getOutputStream().write(octets);
        s.getOutputStream().flush();
        sent.addAndGet(octets.length);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }

    @Override
    public void close() {
        closed = true;
        if (echo != null) {
            echo.stop();
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        held.forEach(HostileWsServer::closeQuietly);
        held.clear();
    }

    /** {@code --mode MODE [--port P] [--rate OCTETS_PER_S] [--frame N] [--after N]}; runs until killed. */
    public static void main(String[] args) throws Exception {
        Mode mode = null;
        int port = 7777;
        long rate = 0;
        int frame = 16;
        int after = 40;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--mode" -> {
                    try {
                        mode = Mode.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
                    } catch (IllegalArgumentException e) {
                        System.err.println("unknown --mode " + v + "; one of " + java.util.Arrays.toString(Mode.values())
                                .toLowerCase(Locale.ROOT).replace('_', '-'));
                        System.exit(2);
                    }
                }
                case "--port" -> port = Integer.parseInt(v);
                case "--rate" -> rate = Long.parseLong(v);
                case "--frame" -> frame = Integer.parseInt(v);
                case "--after" -> after = Integer.parseInt(v);
                default -> {
                    System.err.println("usage: HostileWsServer --mode " + java.util.Arrays.toString(Mode.values())
                            .toLowerCase(Locale.ROOT) + " [--port P] [--rate OCTETS_PER_S] [--frame N] [--after N]");
                    System.exit(2);
                }
            }
            i++;
        }
        if (mode == null) {
            System.err.println("--mode is required: " + java.util.Arrays.toString(Mode.values()).toLowerCase(Locale.ROOT));
            System.exit(2);
        }
        HostileWsServer s = new HostileWsServer(mode, port, rate, frame, after);
        System.out.println("hostile server (" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-') + ") on " + s.url());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.printf("hostile server (%s): %d connections, %.1f MiB sent%n",
                    s.mode.name().toLowerCase(Locale.ROOT).replace('_', '-'), s.accepted(), s.sent() / 1048576.0);
            s.close();
        }));
        Thread.sleep(Duration.ofDays(365).toMillis());
    }
}
