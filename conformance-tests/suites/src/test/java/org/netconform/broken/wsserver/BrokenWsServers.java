package org.netconform.broken.wsserver;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.netconform.reference.websocket.CloseCodes;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.HttpHeadCodec;
import org.netconform.reference.websocket.HttpHeaders;
import org.netconform.reference.websocket.HttpRequestHead;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.reference.websocket.OriginPolicy;
import org.netconform.reference.websocket.ServerHandshake;
import org.netconform.reference.websocket.Utf8Validator;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsserver.LazyServerAdapter;
import org.netconform.spi.wsserver.ServerExit;

/**
 * A gallery of deliberately broken WebSocket echo servers for the endpoint suite's self-tests: a tiny
 * blocking raw-socket server, right in what the suite judges (it fails the connection with 1002, 1007 or 1009
 * where RFC 6455 says so) except for one flaw each. Like the seed's server, it accepts any Origin.
 */
public final class BrokenWsServers {
    /** The one thing each server gets wrong. */
    public enum Flaw {
        ECHOES_RESERVED_BITS, SKIPS_UTF8_VALIDATION, ACCEPTS_UNMASKED, NEVER_PONGS, WRONG_ACCEPT, SENDS_1005,
        /** Writes half of the echo of a message of 64 KiB or more, then stalls with the connection open. */
        HANGS_MID_FRAME,
        /**
         * Answers an invalid Close as if it were valid: the code echoed (Close 999 for 999), an empty Close for a
         * 1-octet payload, Close 1000 for a reason that is not UTF-8; then closes TCP.
         */
        CLOSES_NORMALLY_ON_INVALID_CLOSE,
        /** Answers the first frame of a fragmented Ping with a Pong, then fails the connection with 1002. */
        PONGS_FRAGMENTED_PING,
        /** Fails the connection on invalid UTF-8 with Close 1016, a code no endpoint may send. */
        FAILS_UTF8_WITH_1016,
        /**
         * Never echoes a text message of 2 to 5 octets ("Hello", "ok": the valid messages failure cases send before
         * the offending frame), and checks everything else.
         */
        HANGS_ON_SHORT_TEXT,
        /** Echoes a message of more than 50 fragments only after twice the suite's timeout: slow, not wrong. */
        SLOW_ON_FRAGMENTS,
        /** Stops after 40 connections: the listening socket and every connection closed, refused from then on. */
        DIES_AFTER_40,
        /**
         * Sends a text "heartbeat" every 20 ms from a thread of its own straight onto the socket, and its echoes in
         * 256-octet writes: the heartbeat lands inside echo frames.
         */
        HEARTBEAT_INTERLEAVES,
        /**
         * The seed's server in Java: a text "heartbeat" at once and then every second from a thread of its own; a
         * write that starts while another is under way "panics" like gorilla/websocket: the whole server stops
         * ({@link LazyServerAdapter#exited()}), and the adapter can restart it on its port.
         */
        SEED_LIKE,
        /** Correct, with declared limits of 4096 octets per frame and message, enforced with 1009. */
        DECLARES_SMALL_LIMITS
    }

    private BrokenWsServers() {
    }

    /** A target per flaw, ID {@code broken-ws-<flaw in kebab case>}. */
    public abstract static class BrokenTarget implements Target {
        private final Flaw flaw;
        private final List<AreaAdapter> adapters;

        protected BrokenTarget(Flaw flaw) {
            this.flaw = flaw;
            this.adapters = List.of(new Adapter(flaw));
        }

        @Override
        public String id() {
            return "broken-ws-" + flaw.name().toLowerCase().replace('_', '-');
        }

        @Override
        public String description() {
            return "deliberately broken echo server: " + flaw;
        }

        @Override
        public List<AreaAdapter> adapters() {
            return adapters;
        }
    }

    public static final class EchoesReservedBits extends BrokenTarget {
        public EchoesReservedBits() {
            super(Flaw.ECHOES_RESERVED_BITS);
        }
    }

    public static final class SkipsUtf8Validation extends BrokenTarget {
        public SkipsUtf8Validation() {
            super(Flaw.SKIPS_UTF8_VALIDATION);
        }
    }

    public static final class AcceptsUnmasked extends BrokenTarget {
        public AcceptsUnmasked() {
            super(Flaw.ACCEPTS_UNMASKED);
        }
    }

    public static final class NeverPongs extends BrokenTarget {
        public NeverPongs() {
            super(Flaw.NEVER_PONGS);
        }
    }

    public static final class WrongAccept extends BrokenTarget {
        public WrongAccept() {
            super(Flaw.WRONG_ACCEPT);
        }
    }

    public static final class Sends1005 extends BrokenTarget {
        public Sends1005() {
            super(Flaw.SENDS_1005);
        }
    }

    public static final class HangsMidFrame extends BrokenTarget {
        public HangsMidFrame() {
            super(Flaw.HANGS_MID_FRAME);
        }
    }

    public static final class ClosesNormallyOnInvalidClose extends BrokenTarget {
        public ClosesNormallyOnInvalidClose() {
            super(Flaw.CLOSES_NORMALLY_ON_INVALID_CLOSE);
        }
    }

    public static final class PongsFragmentedPing extends BrokenTarget {
        public PongsFragmentedPing() {
            super(Flaw.PONGS_FRAGMENTED_PING);
        }
    }

    public static final class FailsUtf8With1016 extends BrokenTarget {
        public FailsUtf8With1016() {
            super(Flaw.FAILS_UTF8_WITH_1016);
        }
    }

    public static final class HangsOnShortText extends BrokenTarget {
        public HangsOnShortText() {
            super(Flaw.HANGS_ON_SHORT_TEXT);
        }
    }

    public static final class SlowOnFragments extends BrokenTarget {
        public SlowOnFragments() {
            super(Flaw.SLOW_ON_FRAGMENTS);
        }
    }

    public static final class DiesAfter40 extends BrokenTarget {
        public DiesAfter40() {
            super(Flaw.DIES_AFTER_40);
        }
    }

    public static final class HeartbeatInterleaves extends BrokenTarget {
        public HeartbeatInterleaves() {
            super(Flaw.HEARTBEAT_INTERLEAVES);
        }
    }

    public static final class SeedLike extends BrokenTarget {
        public SeedLike() {
            super(Flaw.SEED_LIKE);
        }
    }

    public static final class DeclaresSmallLimits extends BrokenTarget {
        public DeclaresSmallLimits() {
            super(Flaw.DECLARES_SMALL_LIMITS);
        }
    }

    static final int SMALL_LIMIT = 4096;

    static final class Adapter extends LazyServerAdapter {
        private final Flaw flaw;
        private volatile ServerSocket server;
        private final AtomicInteger connections = new AtomicInteger();
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile ServerExit exit;
        private int port;

        Adapter(Flaw flaw) {
            super("/ws", flaw == Flaw.DECLARES_SMALL_LIMITS ? Set.of(LIMITS) : Set.of());
            this.flaw = flaw;
        }

        @Override
        public String description() {
            return "broken echo server (" + flaw + ")";
        }

        @Override
        public OptionalLong maxMessageSize() {
            return flaw == Flaw.DECLARES_SMALL_LIMITS ? OptionalLong.of(SMALL_LIMIT) : OptionalLong.empty();
        }

        @Override
        public OptionalLong maxFramePayload() {
            return maxMessageSize();
        }

        @Override
        protected synchronized int start(String path) throws IOException {
            exit = null;
            ServerSocket s = bind(port);
            server = s;
            port = s.getLocalPort();
            Thread t = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        Socket c = s.accept();
                        if (flaw == Flaw.DIES_AFTER_40 && connections.incrementAndGet() > 40) {
                            die("stopped after 40 connections");
                            c.close();
                            return;
                        }
                        open.add(c);
                        Thread ct = new Thread(() -> serve(c), "broken-ws-conn");
                        ct.setDaemon(true);
                        ct.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "broken-ws-accept");
            t.setDaemon(true);
            t.start();
            return port;
        }

        /**
         * Binds the port, again after a restart: the port was ephemeral, so for a moment one of the suite's own client
         * sockets may hold it as its local port; a restart waits up to 5 s for it, as a restarted process would retry.
         */
        private static ServerSocket bind(int port) throws IOException {
            long until = System.nanoTime() + 5_000_000_000L;
            while (true) {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                try {
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    return s;
                } catch (java.net.BindException e) {
                    s.close();
                    if (port == 0 || System.nanoTime() > until) {
                        throw e;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        /** The whole server stops, as a process would that exits: no listening socket, every connection gone. */
        private synchronized void die(String why) {
            if (exit != null) {
                return;
            }
            exit = new ServerExit("the broken server stopped: " + why, System.nanoTime());
            try {
                server.close();
            } catch (IOException ignored) {
                // gone either way
            }
            for (Socket c : open) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // gone either way
                }
            }
        }

        @Override
        public Optional<ServerExit> exited() {
            return flaw == Flaw.SEED_LIKE ? Optional.ofNullable(exit) : Optional.empty();
        }

        @Override
        public synchronized boolean restart() {
            return flaw == Flaw.SEED_LIKE && super.restart();
        }

        @Override
        protected void stop() throws IOException {
            server.close();
        }

        private void serve(Socket s) {
            Connection c = new Connection(s);
            try (s) {
                s.setTcpNoDelay(true);
                InputStream in = s.getInputStream();
                if (handshake(in, c)) {
                    if (flaw == Flaw.HEARTBEAT_INTERLEAVES || flaw == Flaw.SEED_LIKE) {
                        heartbeat(c);
                    }
                    frames(new DataInputStream(in), c, s);
                }
            } catch (IOException | RuntimeException e) {
                // the connection is gone; nothing to do
            } finally {
                c.closed = true;
                open.remove(s);
            }
        }

        /** The connection's output: whole frames, or (HEARTBEAT_INTERLEAVES) echoes in small writes. */
        final class Connection {
            final Socket socket;
            final OutputStream out;
            final AtomicBoolean writing = new AtomicBoolean();
            volatile boolean closed;

            Connection(Socket socket) {
                this.socket = socket;
                try {
                    this.out = socket.getOutputStream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            void write(byte[] octets) throws IOException {
                if (flaw == Flaw.SEED_LIKE) {
                    // gorilla/websocket's best-effort detection of concurrent writes: it panics, the program exits
                    if (!writing.compareAndSet(false, true)) {
                        die("panic: concurrent write to websocket connection");
                        throw new IOException("panic");
                    }
                    try {
                        out.write(octets);
                        out.flush();
                    } finally {
                        writing.set(false);
                    }
                    return;
                }
                if (flaw == Flaw.HEARTBEAT_INTERLEAVES) {
                    for (int i = 0; i < octets.length; i += 256) {
                        out.write(octets, i, Math.min(256, octets.length - i));
                        out.flush();
                        Thread.yield();
                    }
                    return;
                }
                synchronized (this) {
                    out.write(octets);
                    out.flush();
                }
            }
        }

        private void heartbeat(Connection c) throws IOException {
            long every = flaw == Flaw.SEED_LIKE ? 1000 : 20;
            byte[] hb = frame(1, 0, "heartbeat".getBytes(StandardCharsets.UTF_8));
            if (flaw == Flaw.SEED_LIKE) {
                // the seed's goroutine writes its first heartbeat at once, before the client can send anything
                c.write(hb);
            }
            Thread t = new Thread(() -> {
                boolean first = flaw == Flaw.SEED_LIKE;
                while (!c.closed && !c.socket.isClosed()) {
                    if (first) {
                        first = false;
                        try {
                            Thread.sleep(every);
                        } catch (InterruptedException e) {
                            return;
                        }
                        continue;
                    }
                    try {
                        if (flaw == Flaw.SEED_LIKE) {
                            c.write(hb);
                        } else {
                            // straight onto the socket, whatever the echo writer is doing
                            c.out.write(hb);
                            c.out.flush();
                        }
                        Thread.sleep(every);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, "broken-ws-heartbeat");
            t.setDaemon(true);
            t.start();
        }

        private boolean handshake(InputStream in, Connection c) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            byte[] b = new byte[1];
            while (true) {
                if (in.read(b) < 0) {
                    return false;
                }
                head.write(b[0]);
                byte[] h = head.toByteArray();
                if (HttpHeadCodec.headLength(h, 0, h.length, 16 * 1024) >= 0) {
                    break;
                }
            }
            HttpRequestHead request = HttpHeadCodec.parseRequest(head.toByteArray());
            ServerHandshake.Outcome o = new ServerHandshake(OriginPolicy.allowAll()).accept(request);
            HttpResponseHead r = o.response();
            if (o.upgraded() && flaw == Flaw.WRONG_ACCEPT) {
                String key = request.headers().first(Handshake.SEC_WEBSOCKET_KEY).orElse("");
                r = new HttpResponseHead(r.version(), r.status(), r.reason(), r.headers()
                        .without(Handshake.SEC_WEBSOCKET_ACCEPT)
                        .with(Handshake.SEC_WEBSOCKET_ACCEPT, Handshake.computeAccept(key + "x")));
            }
            if (!o.upgraded()) {
                r = new HttpResponseHead(r.version(), r.status(), r.reason(), HttpHeaders.of("Content-Length", "0")
                        .with(Handshake.SEC_WEBSOCKET_VERSION, "13"));
            }
            c.write(HttpHeadCodec.serialize(r));
            return o.upgraded();
        }

        private void frames(DataInputStream in, Connection out, Socket s) throws IOException {
            ByteArrayOutputStream message = null;
            int messageOpcode = 0;
            int messageRsv = 0;
            int fragments = 0;
            while (true) {
                int b0;
                try {
                    b0 = in.readUnsignedByte();
                } catch (EOFException e) {
                    return;
                }
                int b1 = in.readUnsignedByte();
                boolean fin = (b0 & 0x80) != 0;
                int rsv = b0 >> 4 & 7;
                int opcode = b0 & 0xF;
                boolean masked = (b1 & 0x80) != 0;
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                if (len < 0) {
                    close(out, 1002);
                    return;
                }
                long limit = flaw == Flaw.DECLARES_SMALL_LIMITS ? SMALL_LIMIT : 32 * 1024 * 1024;
                if (len > limit || message != null && opcode == 0 && message.size() + len > limit) {
                    close(out, 1009);
                    return;
                }
                byte[] key = new byte[4];
                if (masked) {
                    in.readFully(key);
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                for (int i = 0; masked && i < payload.length; i++) {
                    payload[i] ^= key[i & 3];
                }
                if (rsv != 0 && flaw != Flaw.ECHOES_RESERVED_BITS || !masked && flaw != Flaw.ACCEPTS_UNMASKED) {
                    close(out, 1002);
                    return;
                }
                if ((opcode & 0x8) != 0 && (len > 125 || !fin)) {
                    if (opcode == 0x9 && !fin && flaw == Flaw.PONGS_FRAGMENTED_PING) {
                        write(out, 0xA, 0, payload);
                    }
                    close(out, 1002);
                    return;
                }
                switch (opcode) {
                    case 0x1, 0x2 -> {
                        if (message != null) {
                            close(out, 1002);
                            return;
                        }
                        message = new ByteArrayOutputStream();
                        messageOpcode = opcode;
                        messageRsv = rsv;
                        fragments = 0;
                        message.writeBytes(payload);
                    }
                    case 0x0 -> {
                        if (message == null) {
                            close(out, 1002);
                            return;
                        }
                        message.writeBytes(payload);
                    }
                    case 0x9 -> {
                        if (flaw != Flaw.NEVER_PONGS) {
                            write(out, 0xA, 0, payload);
                        }
                        continue;
                    }
                    case 0xA -> {
                        continue;
                    }
                    case 0x8 -> {
                        closing(out, payload);
                        s.shutdownOutput();
                        return;
                    }
                    default -> {
                        close(out, 1002);
                        return;
                    }
                }
                fragments++;
                if (fin) {
                    byte[] m = message.toByteArray();
                    message = null;
                    if (messageOpcode == 1 && flaw != Flaw.SKIPS_UTF8_VALIDATION && !Utf8Validator.isValid(m)) {
                        close(out, flaw == Flaw.FAILS_UTF8_WITH_1016 ? 1016 : 1007);
                        return;
                    }
                    if (flaw == Flaw.HANGS_MID_FRAME && m.length >= 65536) {
                        byte[] f = frame(messageOpcode, 0, m);
                        out.write(Arrays.copyOf(f, f.length / 2));
                        while (!s.isClosed()) {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        return;
                    }
                    if (flaw == Flaw.HANGS_ON_SHORT_TEXT && messageOpcode == 1 && m.length >= 2 && m.length <= 5) {
                        continue;
                    }
                    if (flaw == Flaw.SLOW_ON_FRAGMENTS && fragments > 50) {
                        sleep(2 * Long.getLong("netconform.ws.timeoutMs", 2000));
                    }
                    write(out, messageOpcode, flaw == Flaw.ECHOES_RESERVED_BITS ? messageRsv : 0, m);
                }
            }
        }

        /** The answer to a Close: echo a valid code, fail on an invalid Close (unless that is the flaw). */
        private void closing(Connection out, byte[] payload) throws IOException {
            boolean normally = flaw == Flaw.CLOSES_NORMALLY_ON_INVALID_CLOSE;
            if (payload.length == 0) {
                write(out, 0x8, 0, new byte[0]);
            } else if (payload.length == 1) {
                if (normally) {
                    write(out, 0x8, 0, new byte[0]);
                } else {
                    close(out, 1002);
                }
            } else {
                int code = (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
                boolean validReason = Utf8Validator.isValid(payload, 2, payload.length - 2);
                if (flaw == Flaw.SENDS_1005) {
                    close(out, 1005);
                } else if (!CloseCodes.isValidOnWire(code)) {
                    close(out, normally ? code : 1002);
                } else if (!validReason) {
                    close(out, normally ? 1000 : 1007);
                } else {
                    close(out, code);
                }
            }
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void close(Connection out, int code) throws IOException {
            write(out, 0x8, 0, new byte[] {(byte) (code >> 8), (byte) code});
        }

        private static void write(Connection out, int opcode, int rsv, byte[] payload) throws IOException {
            out.write(frame(opcode, rsv, payload));
        }

        static byte[] frame(int opcode, int rsv, byte[] payload) {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(0x80 | rsv << 4 | opcode);
            int n = payload.length;
            if (n <= 125) {
                f.write(n);
            } else if (n <= 0xFFFF) {
                f.write(126);
                f.write(n >> 8);
                f.write(n);
            } else {
                f.write(127);
                for (int i = 7; i >= 0; i--) {
                    f.write((int) ((long) n >> (8 * i)));
                }
            }
            f.writeBytes(payload);
            return f.toByteArray();
        }
    }
}
