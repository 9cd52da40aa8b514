package org.netconform.broken.wsserver;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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

/**
 * A gallery of deliberately broken WebSocket echo servers for the endpoint suite's self-tests: a tiny
 * blocking raw-socket server, lax but mostly right, with one flaw each.
 */
public final class BrokenWsServers {
    /** The one thing each server gets wrong. */
    public enum Flaw {
        ECHOES_RESERVED_BITS, SKIPS_UTF8_VALIDATION, ACCEPTS_UNMASKED, NEVER_PONGS, WRONG_ACCEPT, SENDS_1005,
        /** Writes half of the echo of a message of 64 KiB or more, then stalls with the connection open. */
        HANGS_MID_FRAME
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

    static final class Adapter extends LazyServerAdapter {
        private final Flaw flaw;
        private ServerSocket server;

        Adapter(Flaw flaw) {
            super("/ws", Set.of());
            this.flaw = flaw;
        }

        @Override
        public String description() {
            return "broken echo server (" + flaw + ")";
        }

        @Override
        protected int start(String path) throws IOException {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread c = new Thread(() -> serve(s), "broken-ws-conn");
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "broken-ws-accept");
            t.setDaemon(true);
            t.start();
            return server.getLocalPort();
        }

        @Override
        protected void stop() throws IOException {
            server.close();
        }

        private void serve(Socket s) {
            try (s) {
                s.setTcpNoDelay(true);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                if (handshake(in, out)) {
                    frames(new DataInputStream(in), out, s);
                }
            } catch (IOException | RuntimeException e) {
                // the connection is gone; nothing to do
            }
        }

        private boolean handshake(InputStream in, OutputStream out) throws IOException {
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
            out.write(HttpHeadCodec.serialize(r));
            out.flush();
            return o.upgraded();
        }

        private void frames(DataInputStream in, OutputStream out, Socket s) throws IOException {
            ByteArrayOutputStream message = null;
            int messageOpcode = 0;
            int messageRsv = 0;
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
                if (len < 0 || len > 32 * 1024 * 1024) {
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
                switch (opcode) {
                    case 0x1, 0x2 -> {
                        if (message != null) {
                            close(out, 1002);
                            return;
                        }
                        message = new ByteArrayOutputStream();
                        messageOpcode = opcode;
                        messageRsv = rsv;
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
                        int code = payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : 1000;
                        close(out, flaw == Flaw.SENDS_1005 ? 1005 : code);
                        s.shutdownOutput();
                        return;
                    }
                    default -> {
                        close(out, 1002);
                        return;
                    }
                }
                if (fin) {
                    byte[] m = message.toByteArray();
                    message = null;
                    if (messageOpcode == 1 && flaw != Flaw.SKIPS_UTF8_VALIDATION && !Utf8Validator.isValid(m)) {
                        close(out, 1007);
                        return;
                    }
                    if (flaw == Flaw.HANGS_MID_FRAME && m.length >= 65536) {
                        byte[] f = frame(messageOpcode, 0, m);
                        out.write(Arrays.copyOf(f, f.length / 2));
                        out.flush();
                        while (!s.isClosed()) {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        return;
                    }
                    write(out, messageOpcode, flaw == Flaw.ECHOES_RESERVED_BITS ? messageRsv : 0, m);
                }
            }
        }

        private static void close(OutputStream out, int code) throws IOException {
            write(out, 0x8, 0, new byte[] {(byte) (code >> 8), (byte) code});
        }

        private static void write(OutputStream out, int opcode, int rsv, byte[] payload) throws IOException {
            out.write(frame(opcode, rsv, payload));
            out.flush();
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
