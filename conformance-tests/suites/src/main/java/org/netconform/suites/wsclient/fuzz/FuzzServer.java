package org.netconform.suites.wsclient.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.netconform.harness.Values;
import org.netconform.reference.websocket.DecoderConfig;
import org.netconform.reference.websocket.FrameDecoder;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.HttpHeadCodec;
import org.netconform.reference.websocket.HttpRequestHead;
import org.netconform.reference.websocket.RawFrameHeader;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.websocket.Role;
import org.netconform.reference.websocket.WebSocketProtocolException;

/**
 * A raw TCP WebSocket server on 127.0.0.1 and an ephemeral port that a test scripts step by step:
 * it answers the client's opening handshake as told (validly or not), writes crafted octets in a
 * chosen {@link Chop}, and records everything the client sends back, decoded leniently (so an
 * unmasked frame is still seen) and also by the reference {@link FrameDecoder} in the server role
 * (whose first complaint is the client's first protocol violation). Every octet in and out goes to
 * a wire log with timestamps. Bounded whatever the client does: what one connection may send
 * ({@code -Dnetconform.wsclient.peerOctets}, default 16 MiB, and {@code -Dnetconform.wsclient.peerFrames}, default
 * 10 000 frames; beyond either the connection is dropped and {@link Peer#overBudget()} says why), connections
 * waiting to be taken (64), the wire log (256 KiB, control characters escaped), the request head (8 KiB within
 * the accept timeout as a whole); every wait has a timeout and every write a deadline
 * ({@code -Dnetconform.wsclient.writeTimeoutMs}, default 5000: a client that does not read what the server writes
 * has the connection closed, {@link Peer#writeStalled()}).
 */
public final class FuzzServer implements AutoCloseable {
    /** Most octets one connection may send (its frames and everything else); beyond it the connection is dropped. */
    static int maxOctets() {
        return (int) Math.min(Integer.MAX_VALUE - 64,
                Math.max(64 * 1024, Long.getLong("netconform.wsclient.peerOctets", 16L * 1024 * 1024)));
    }

    /** Most frames one connection may send; beyond it the connection is dropped. */
    static int maxFrames() {
        return Math.max(16, Integer.getInteger("netconform.wsclient.peerFrames", 10_000));
    }

    /** How long one write may wait for the client to read. */
    static long writeTimeoutMs() {
        return Math.max(1, Long.getLong("netconform.wsclient.writeTimeoutMs", 5000));
    }
    /** Connections accepted but not yet taken by a test; more are closed at once. */
    static final int MAX_WAITING = 64;
    private static final java.util.concurrent.ScheduledExecutorService DEADLINES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fuzz-write-deadlines");
                t.setDaemon(true);
                return t;
            });

    private final ServerSocket server;
    private final boolean tls;
    private final LinkedBlockingQueue<Socket> accepted = new LinkedBlockingQueue<>(MAX_WAITING);
    private final List<Peer> peers = new ArrayList<>();
    private final long start = System.nanoTime();
    private final StringBuilder log = new StringBuilder();
    private volatile boolean closed;

    private FuzzServer() throws IOException {
        this(new ServerSocket(), false);
    }

    private FuzzServer(ServerSocket socket, boolean tls) throws IOException {
        this.tls = tls;
        server = socket;
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Thread t = new Thread(this::acceptLoop, "fuzz-accept-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public static FuzzServer start() {
        try {
            return new FuzzServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A fuzzing server speaking TLS with this context's certificate: the client's TLS handshake is done before its
     * request head is read, and the server names it asked for (SNI) are kept ({@link Peer#serverNames()}).
     */
    public static FuzzServer startTls(javax.net.ssl.SSLContext context) {
        try {
            return new FuzzServer(context.getServerSocketFactory().createServerSocket(), true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create((tls ? "wss://localhost:" : "ws://127.0.0.1:") + port() + pathAndQuery);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                if (!accepted.offer(s)) {
                    log("a connection beyond the " + MAX_WAITING + " waiting to be taken: closed at once");
                    s.close();
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The next connection, with its request head read; null when none arrives in time or the head is bad. */
    public Peer accept(Duration timeout) {
        return accept(timeout, () -> false);
    }

    /** As {@link #accept(Duration)}, but gives up early (null) once {@code giveUp} says no connection will come. */
    public Peer accept(Duration timeout, java.util.function.BooleanSupplier giveUp) {
        try {
            long until = System.nanoTime() + timeout.toNanos();
            Socket s = null;
            while (s == null && System.nanoTime() < until) {
                s = accepted.poll(Math.max(1, Math.min(50, (until - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
                if (s == null && giveUp.getAsBoolean()) {
                    log("no connection: the client gave up before connecting");
                    return null;
                }
            }
            if (s == null) {
                log("no connection within " + timeout.toMillis() + " ms");
                return null;
            }
            Peer p = new Peer(s, peers.size() + 1);
            synchronized (peers) {
                peers.add(p);
            }
            return p.readRequest(timeout) ? p : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    synchronized void log(String line) {
        if (log.length() < 256 * 1024) {
            log.append(String.format("%8.1f ms  %s%n", (System.nanoTime() - start) / 1e6, Values.printable(line)));
        } else if (!logFull) {
            logFull = true;
            log.append("... (wire log cut at 256 KiB)\n");
        }
    }

    /** Every connection accepted so far (a TLS handshake that failed included). */
    public List<Peer> peers() {
        synchronized (peers) {
            return List.copyOf(peers);
        }
    }

    private boolean logFull;

    /** The wire log so far: handshake text, octets and frames in and out, who closed. */
    public synchronized String wireLog() {
        return log.toString();
    }

    long millis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (peers) {
            peers.forEach(Peer::closeQuietly);
        }
        Socket s;
        while ((s = accepted.poll()) != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Octets shown in one wire-log line; beyond it the line says how many there were. */
    private static final int LOGGED_OCTETS = 48;

    /** How the TCP connection ended. */
    public enum TcpEnd { OPEN, CLIENT_FIN, CLIENT_RESET, SERVER_CLOSED }

    /** One client connection. */
    public final class Peer {
        private final Socket socket;
        private final int n;
        private final String tag;
        private HttpRequestHead request;
        private String requestText;
        private final List<ClientFrame> frames = new ArrayList<>();
        private long received;
        private volatile String overBudget;
        private volatile String writeStalled;
        private long octetsBeforeResponse;
        private volatile boolean responded;
        private String violation;
        private TcpEnd end = TcpEnd.OPEN;
        private long endAt = -1;
        private boolean serverSentClose;
        private volatile boolean autoClose = true;
        private volatile long tcpCloseDelayMs;
        private final FrameDecoder strict = new FrameDecoder(DecoderConfig.receivingAs(Role.SERVER)
                .withMaxFramePayload(maxOctets()).withMaxMessageSize(maxOctets()));
        private byte[] buf = new byte[8192];
        private int filled;

        private final long connectedAt = millis();

        Peer(Socket socket, int n) {
            this.socket = socket;
            this.n = n;
            this.tag = "#" + n + " ";
        }

        private List<String> serverNames = List.of();
        private String tlsFailure;

        /** The server names the client asked for in its TLS handshake (SNI); empty without TLS or SNI. */
        public synchronized List<String> serverNames() {
            return serverNames;
        }

        /** Why the TLS handshake failed (the client refused the certificate, say), or null. */
        public synchronized String tlsFailure() {
            return tlsFailure;
        }

        boolean readRequest(Duration timeout) {
            try {
                long until = System.nanoTime() + timeout.toNanos();
                socket.setSoTimeout((int) timeout.toMillis());
                if (socket instanceof javax.net.ssl.SSLSocket ssl) {
                    try {
                        ssl.startHandshake();
                    } catch (IOException e) {
                        synchronized (this) {
                            tlsFailure = String.valueOf(e.getMessage());
                        }
                        log(tag + "TLS handshake failed: " + e.getMessage());
                        return false;
                    }
                    List<String> names = new ArrayList<>();
                    if (ssl.getSession() instanceof javax.net.ssl.ExtendedSSLSession x) {
                        for (javax.net.ssl.SNIServerName n : x.getRequestedServerNames()) {
                            names.add(n instanceof javax.net.ssl.SNIHostName h ? h.getAsciiName() : n.toString());
                        }
                    }
                    synchronized (this) {
                        serverNames = List.copyOf(names);
                    }
                    log(tag + "TLS handshake done (" + ssl.getSession().getProtocol() + "), server names asked for: "
                            + names);
                }
                InputStream in = socket.getInputStream();
                byte[] head = new byte[HttpHeadCodec.DEFAULT_MAX_HEAD];
                int len = 0;
                while (true) {
                    long left = (until - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        // a client that trickles its request is held to the timeout as a whole, not per octet
                        throw new SocketTimeoutException("request not complete within " + timeout.toMillis() + " ms");
                    }
                    socket.setSoTimeout((int) left);
                    int b = in.read();
                    if (b < 0) {
                        log(tag + "client closed TCP before completing its request");
                        return false;
                    }
                    head[len++] = (byte) b;
                    int h = HttpHeadCodec.headLength(head, 0, len, head.length);
                    if (h > 0) {
                        break;
                    }
                }
                socket.setSoTimeout(0);
                requestText = new String(head, 0, len, StandardCharsets.ISO_8859_1);
                log(tag + "<- request\n" + requestText.strip().indent(14).stripTrailing());
                request = HttpHeadCodec.parseRequest(Arrays.copyOf(head, len));
                Thread t = new Thread(this::readLoop, "fuzz-read-" + port() + "-" + n);
                t.setDaemon(true);
                t.start();
                return true;
            } catch (SocketTimeoutException e) {
                log(tag + "no complete request within " + timeout.toMillis() + " ms");
                return false;
            } catch (IOException | RuntimeException e) {
                log(tag + "bad request: " + e);
                return false;
            }
        }

        public HttpRequestHead request() {
            return request;
        }

        public String requestText() {
            return requestText;
        }

        public String key() {
            return request.headers().first(Handshake.SEC_WEBSOCKET_KEY).orElse("").strip();
        }

        /** The usual valid 101 for this request. */
        public String valid101() {
            return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Handshake.computeAccept(key()) + "\r\n\r\n";
        }

        public void respond101() {
            respond(valid101());
        }

        /** Sends a response head built from the request's key. */
        public void respond(Function<String, String> fromKey) {
            respond(fromKey.apply(key()));
        }

        public void respond(String head) {
            log(tag + "-> response\n" + head.strip().indent(14).stripTrailing());
            write(head.getBytes(StandardCharsets.ISO_8859_1), Chop.WHOLE, false);
            responded = true;
        }

        /** When the client's Close arrives: echo its code and close TCP (a server's duty). On by default. */
        public Peer autoClose(boolean on) {
            autoClose = on;
            return this;
        }

        /** How long to hold TCP open after the closing handshake before the server closes it. */
        public Peer tcpCloseDelay(Duration d) {
            tcpCloseDelayMs = d.toMillis();
            return this;
        }

        /** Writes these frames (already encoded) in the given chop; false when the client had closed. */
        public boolean send(Chop chop, byte[]... frames) {
            return send(chop, List.of(frames));
        }

        public boolean send(Chop chop, List<byte[]> frames) {
            for (byte[] f : frames) {
                log(tag + "-> " + describe(f) + "  [" + Values.hex(f, LOGGED_OCTETS) + "]" + (chop == Chop.WHOLE ? "" : " " + chop));
            }
            if (chop == Chop.WHOLE) {
                int total = frames.stream().mapToInt(f -> f.length).sum();
                byte[] all = new byte[total];
                int p = 0;
                for (byte[] f : frames) {
                    System.arraycopy(f, 0, all, p, f.length);
                    p += f.length;
                }
                return write(all, chop, true);
            }
            for (byte[] f : frames) {
                if (!write(f, chop, true)) {
                    return false;
                }
            }
            return true;
        }

        /** Sends a Close frame with this code (and reason) unmasked, as a server starts a close. */
        public boolean sendClose(Chop chop, byte[] payload) {
            synchronized (this) {
                serverSentClose = true;
            }
            return send(chop, RawFrameWriter.frame().opcode(8).payload(payload).toBytes());
        }

        private boolean write(byte[] octets, Chop chop, boolean frames) {
            if (writeStalled != null) {
                return false;
            }
            // held to the write deadline: a client that does not read has its connection closed, not the test hung
            java.util.concurrent.ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                writeStalled = "the client did not read: " + octets.length + " octets not written within "
                        + writeTimeoutMs() + " ms (-Dnetconform.wsclient.writeTimeoutMs); the server closed the connection";
                log(tag + writeStalled);
                closeQuietly();
            }, writeTimeoutMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
            try {
                OutputStream out = socket.getOutputStream();
                if (chop == Chop.PER_OCTET) {
                    for (byte b : octets) {
                        out.write(b);
                        out.flush();
                    }
                } else {
                    out.write(octets);
                    out.flush();
                }
                return true;
            } catch (IOException e) {
                if (writeStalled == null) {
                    log(tag + "write failed: " + e.getMessage());
                }
                return false;
            } finally {
                deadline.cancel(false);
            }
        }

        /** Why the server dropped this connection for what the client sent (more than its budget), or null. */
        public String overBudget() {
            return overBudget;
        }

        /** Why the server closed this connection because the client did not read what it wrote, or null. */
        public String writeStalled() {
            return writeStalled;
        }

        private String describe(byte[] f) {
            return RawFrameHeader.read(f, 0, f.length).map(h -> "frame " + ClientFrame.opcodeName(h.opcode())
                    + (h.fin() ? " fin" : "") + (h.rsv() != 0 ? " rsv=" + h.rsv() : "") + (h.masked() ? " MASKED" : ""))
                    .orElse("partial frame");
        }

        private void readLoop() {
            byte[] chunk = new byte[16 * 1024];
            try {
                InputStream in = socket.getInputStream();
                while (true) {
                    int r = in.read(chunk);
                    if (r < 0) {
                        ended(TcpEnd.CLIENT_FIN, "client closed TCP (FIN)");
                        return;
                    }
                    received(chunk, r);
                }
            } catch (SocketException e) {
                synchronized (this) {
                    if (end == TcpEnd.SERVER_CLOSED) {
                        return;
                    }
                }
                ended(e.getMessage() != null && e.getMessage().toLowerCase().contains("reset") ? TcpEnd.CLIENT_RESET
                        : TcpEnd.CLIENT_FIN, "client connection ended: " + e.getMessage());
            } catch (IOException e) {
                ended(TcpEnd.CLIENT_RESET, "read failed: " + e);
            }
        }

        private void received(byte[] chunk, int r) {
            log(tag + "<- " + r + " octets [" + Values.hex(Arrays.copyOf(chunk, Math.min(r, LOGGED_OCTETS + 1)),
                    LOGGED_OCTETS) + "]");
            List<ClientFrame> done = new ArrayList<>();
            synchronized (this) {
                received += r;
                if (received > maxOctets()) {
                    dropForBudget("more than " + maxOctets() + " octets (-Dnetconform.wsclient.peerOctets)");
                    return;
                }
                if (!responded) {
                    octetsBeforeResponse += r;
                }
                if (violation == null) {
                    try {
                        strict.feed(chunk, 0, r);
                    } catch (WebSocketProtocolException e) {
                        violation = e.closeCode() + " " + e.reason();
                    }
                }
                if (filled + r > maxOctets()) {
                    dropForBudget("more than " + maxOctets() + " octets of unfinished frames");
                    return;
                }
                if (filled + r > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(filled + r, Math.min(maxOctets(), buf.length * 2)));
                }
                System.arraycopy(chunk, 0, buf, filled, r);
                filled += r;
                ClientFrame f;
                while ((f = parse()) != null) {
                    if (frames.size() >= maxFrames()) {
                        dropForBudget("more than " + maxFrames() + " frames (-Dnetconform.wsclient.peerFrames)");
                        return;
                    }
                    frames.add(f);
                    done.add(f);
                }
                notifyAll();
            }
            for (ClientFrame f : done) {
                log(tag + "<- frame " + f);
                if (violation != null && f == done.get(0)) {
                    // logged once, near where it happened
                }
                if (f.opcode() == ClientFrame.CLOSE) {
                    onClientClose(f);
                }
            }
        }

        private void onClientClose(ClientFrame f) {
            if (!autoClose) {
                return;
            }
            boolean echo;
            synchronized (this) {
                echo = !serverSentClose;
                serverSentClose = true;
            }
            if (echo) {
                byte[] payload = f.closeCode() >= 0 ? new byte[] {f.payload()[0], f.payload()[1]} : new byte[0];
                send(Chop.WHOLE, RawFrameWriter.frame().opcode(8).payload(payload).toBytes());
            }
            long delay = tcpCloseDelayMs;
            if (delay > 0) {
                Thread t = new Thread(() -> {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException ignored) {
                        // close now
                    }
                    closeTcp();
                });
                t.setDaemon(true);
                t.start();
            } else {
                closeTcp();
            }
        }

        /** The client sent more than a connection may: the connection is dropped, and why is kept. */
        private void dropForBudget(String what) {
            overBudget = "the client sent " + what + " within " + (millis() - connectedAt) + " ms; the server dropped "
                    + "the connection";
            log(tag + overBudget);
            buf = new byte[0];
            filled = 0;
            closeQuietly();
            notifyAll();
        }

        /** Lenient read of one frame from the buffer (whatever its header says); null when incomplete. */
        private ClientFrame parse() {
            RawFrameHeader h = RawFrameHeader.read(buf, 0, filled).orElse(null);
            if (h == null) {
                return null;
            }
            if (h.length() < 0 || h.length() > maxOctets()) {
                log(tag + "client frame claims " + h.length() + " octets: dropping");
                closeQuietly();
                return null;
            }
            int consumed = h.headerLength() + (int) h.length();
            if (filled < consumed) {
                return null;
            }
            byte[] payload = h.payload(buf, 0);
            System.arraycopy(buf, consumed, buf, 0, filled - consumed);
            filled -= consumed;
            return new ClientFrame(h.fin(), h.rsv(), h.opcode(), h.masked(), h.maskKey(), payload, h.minimalLength(), millis());
        }

        private void ended(TcpEnd how, String line) {
            synchronized (this) {
                if (end != TcpEnd.OPEN) {
                    return;
                }
                end = how;
                endAt = millis();
                notifyAll();
            }
            log(tag + line);
            if (how != TcpEnd.SERVER_CLOSED) {
                closeQuietly();
            }
        }

        /** The server closes TCP (FIN). */
        public void closeTcp() {
            synchronized (this) {
                if (end == TcpEnd.OPEN) {
                    end = TcpEnd.SERVER_CLOSED;
                    endAt = millis();
                    notifyAll();
                    log(tag + "server closes TCP");
                }
            }
            closeQuietly();
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        public synchronized List<ClientFrame> frames() {
            return List.copyOf(frames);
        }

        public synchronized TcpEnd tcpEnd() {
            return end;
        }

        /** When TCP ended, in ms since the server started; -1 while open. */
        public synchronized long tcpEndAt() {
            return endAt;
        }

        /** The reference decoder's complaint about what the client sent, if any (code and reason). */
        public synchronized String violation() {
            return violation;
        }

        public synchronized long octetsBeforeResponse() {
            return octetsBeforeResponse;
        }

        public long now() {
            return millis();
        }

        /** Waits for a client frame matching the predicate (among all received); null on timeout. */
        public synchronized ClientFrame awaitFrame(Predicate<ClientFrame> which, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (ClientFrame f : frames) {
                    if (which.test(f)) {
                        return f;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (end != TcpEnd.OPEN && end != TcpEnd.SERVER_CLOSED && filled == 0)) {
                    if (left > 0) {
                        // the client is gone: nothing more can come
                        return null;
                    }
                    return null;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }

        /** Waits until the client sends a Close or TCP ends; true if either happened in time. */
        public synchronized boolean awaitCloseOrEnd(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (end == TcpEnd.OPEN && frames.stream().noneMatch(f -> f.opcode() == ClientFrame.CLOSE)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }

        /** Waits until TCP ends, whoever ends it. */
        public synchronized boolean awaitTcpEnd(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (end == TcpEnd.OPEN) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
