package org.netconform.suites.wsserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.netconform.reference.websocket.ClientHandshake;
import org.netconform.reference.websocket.CloseCodes;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.HttpHeadCodec;
import org.netconform.reference.websocket.HttpHeaders;
import org.netconform.reference.websocket.HttpRequestHead;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.reference.websocket.Masking;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.reference.websocket.Utf8Validator;

/**
 * One connection of the fuzzing client to the server under test, with its wire log. Blocking I/O with
 * a deadline on every read, and bounded: a frame the server announces beyond the case's cap, or more
 * octets in all than the case allows, ends the session as {@link End#GARBAGE} instead of being buffered.
 * Server Pings are answered with masked Pongs unless {@link #autoPong} is turned off. Not thread-safe:
 * one session per case.
 */
public final class WireSession implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How the session ended, when it did. */
    public enum End { OPEN, FIN, RESET, TIMEOUT, GARBAGE }

    /** A frame as the server sent it, octets and all. */
    public record InFrame(boolean fin, int rsv, int opcode, boolean masked, int lengthOctets, long length,
                          byte[] payload, long atNanos) {
        boolean isControl() {
            return (opcode & 0x8) != 0;
        }

        /** The close code, -1 for a Close without status, -2 for a one-octet (invalid) payload. */
        int closeCode() {
            if (payload.length == 0) {
                return -1;
            }
            if (payload.length == 1) {
                return -2;
            }
            return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }
    }

    /** A data message reassembled from the server's frames. */
    public record InMessage(int opcode, byte[] payload, int frames) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final URI uri;
    private final boolean trustAll;
    private final long start = System.nanoTime();
    private final StringBuilder log = new StringBuilder();
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] buf = new byte[16 * 1024];
    private int bufStart;
    private int bufEnd;
    private long totalRead;
    private long readCap = 64L * 1024 * 1024;
    private long frameCap = 1024 * 1024;

    boolean autoPong = true;
    End end = End.OPEN;
    String endDetail = "";
    long endAtNanos;
    HttpResponseHead response;
    String key;
    final List<InFrame> frames = new ArrayList<>();
    final List<InMessage> messages = new ArrayList<>();
    final List<String> senderViolations = new ArrayList<>();
    private int msgOpcode = -1;
    private java.io.ByteArrayOutputStream msgBuf;
    private int msgFrames;
    boolean clientSentClose;
    boolean serverSentClose;
    boolean serverClosedFirst;
    InFrame serverClose;
    int serverCloses;
    long lastSendNanos;
    /** What the case expects echoed, in order (opcode, payload); set by the case's script. */
    final List<InMessage> expected = new ArrayList<>();
    /** Messages echoed before the offending frame was sent; the rest must not be echoed. */
    int echoedBefore;
    /** Whether the client answers the server's Close with its own (a client that stalls does not). */
    boolean answerClose = true;
    long offendingSentNanos;
    long closeSentNanos;
    long lastPingSentNanos;
    long openedNanos;
    int clientCloseCode = -1;
    /** A second fact a case establishes (e.g. another connection still served). */
    Boolean aux;

    public WireSession(URI uri, boolean trustAll) {
        this.uri = uri;
        this.trustAll = trustAll;
    }

    /** Caps the largest frame and the total octets the server may send in this session. */
    public WireSession caps(long frameCap, long readCap) {
        this.frameCap = frameCap;
        this.readCap = readCap;
        return this;
    }

    // ---------------------------------------------------------------- connecting and the handshake

    public void connect() throws IOException {
        String host = uri.getHost();
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), (int) WsOptions.timeoutMs());
        if (tls) {
            SSLSocket ssl = (SSLSocket) sslFactory().createSocket(s, host, port, true);
            ssl.setSoTimeout((int) WsOptions.timeoutMs());
            ssl.startHandshake();
            s = ssl;
        }
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        note("TCP connected to " + host + ":" + port + (tls ? " (TLS)" : ""));
    }

    private SSLSocketFactory sslFactory() throws IOException {
        if (!trustAll) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, RANDOM);
            return ctx.getSocketFactory();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public String hostHeader() {
        int port = uri.getPort();
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        return port < 0 || port == (tls ? 443 : 80) ? uri.getHost() : uri.getHost() + ":" + port;
    }

    public String resource() {
        String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
    }

    /** A valid request head, to be varied by handshake cases. */
    public HttpRequestHead standardRequest(Optional<String> origin) {
        key = Handshake.generateKey(RANDOM);
        return new ClientHandshake(hostHeader(), resource(), key, origin, List.of(), List.of()).request();
    }

    /** Connects and completes a standard handshake; false (with the reason logged) when not upgraded. */
    public boolean open() throws IOException {
        return open(standardRequest(Optional.empty()));
    }

    public boolean open(HttpRequestHead request) throws IOException {
        connect();
        key = request.headers().first(Handshake.SEC_WEBSOCKET_KEY).orElse(key);
        sendHead(HttpHeadCodec.serialize(request));
        HttpResponseHead r = readResponse();
        if (r == null) {
            return false;
        }
        try {
            new ClientHandshake(hostHeader(), resource(), Handshake.isValidKey(key) ? key : Handshake.generateKey(RANDOM),
                    Optional.empty(), List.of(), List.of()).validate(r);
        } catch (RuntimeException e) {
            note("handshake not accepted by the client: " + e.getMessage());
            return false;
        }
        return true;
    }

    public void sendHead(byte[] head) throws IOException {
        note("OUT opening handshake, " + head.length + " octets:\n" + indent(new String(head, StandardCharsets.ISO_8859_1)));
        writeRaw(head);
    }

    /** Reads the response head (at most 16 KiB); null, with the reason logged, when none arrives. */
    public HttpResponseHead readResponse() throws IOException {
        long deadline = System.nanoTime() + WsOptions.timeoutMs() * 1_000_000;
        while (true) {
            int len = -1;
            try {
                len = HttpHeadCodec.headLength(buf, bufStart, bufEnd - bufStart, 16 * 1024);
            } catch (RuntimeException e) {
                ended(End.GARBAGE, "response head over 16 KiB");
                return null;
            }
            if (len >= 0) {
                byte[] head = Arrays.copyOfRange(buf, bufStart, bufStart + len);
                bufStart += len;
                note("IN response head:\n" + indent(new String(head, StandardCharsets.ISO_8859_1)));
                try {
                    response = HttpHeadCodec.parseResponse(head);
                } catch (RuntimeException e) {
                    ended(End.GARBAGE, "unparseable response head: " + e.getMessage());
                    return null;
                }
                return response;
            }
            if (!fill(deadline)) {
                if (bufEnd > bufStart) {
                    note("IN partial head:\n" + indent(new String(buf, bufStart, bufEnd - bufStart,
                            StandardCharsets.ISO_8859_1)));
                }
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- sending

    /** A masked frame with a fresh key; the writer's mask setting is overridden. */
    public static byte[] masked(RawFrameWriter w) {
        return w.mask(RANDOM.nextInt()).toBytes();
    }

    /** Sends octets in one write, logging them as the frames named. */
    public void send(String what, byte[] octets) throws IOException {
        if (what == null) {
            writeRaw(octets);
            return;
        }
        note("OUT " + what + " (" + octets.length + " octets: " + hex(octets, 24) + ")");
        writeRaw(octets);
    }

    /** Sends octets without logging them (bulk filler; the caller logs a summary). */
    public void sendQuiet(byte[] octets) throws IOException {
        if (end == End.OPEN) {
            writeRawQuiet(octets);
        }
    }

    public URI uri() {
        return uri;
    }

    public boolean trustAll() {
        return trustAll;
    }

    /** Sends octets in writes of {@code chop} octets each (a TCP chop; TCP_NODELAY is on). */
    public void sendChopped(String what, byte[] octets, int chop, long pauseMs) throws IOException {
        note("OUT " + what + " (" + octets.length + " octets in writes of " + chop + ")");
        for (int i = 0; i < octets.length; i += chop) {
            writeRawQuiet(Arrays.copyOfRange(octets, i, Math.min(octets.length, i + chop)));
            if (pauseMs > 0) {
                sleep(pauseMs);
            }
        }
    }

    /** A masked Close frame with this code (negative: no status) and reason. */
    public void sendClose(int code, String reason) throws IOException {
        byte[] payload = code < 0 ? new byte[0] : closePayload(code, reason.getBytes(StandardCharsets.UTF_8));
        clientSentClose = true;
        closeSentNanos = System.nanoTime();
        send("Close " + (code < 0 ? "(no status)" : code) + (reason.isEmpty() ? "" : " \"" + reason + "\""),
                masked(RawFrameWriter.frame().opcode(8).payload(payload)));
    }

    static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    private void writeRaw(byte[] octets) throws IOException {
        if (end != End.OPEN) {
            note("OUT skipped: connection already ended (" + end + ")");
            return;
        }
        writeRawQuiet(octets);
    }

    private void writeRawQuiet(byte[] octets) throws IOException {
        try {
            out.write(octets);
            out.flush();
            lastSendNanos = System.nanoTime();
        } catch (SocketException e) {
            // the server may have failed the connection already; that is what reads will show
            note("OUT write failed: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Reads until {@code n} data messages have arrived in all, the server sends Close, the connection ends,
     * or the timeout passes. Returns whether {@code n} messages arrived.
     */
    public boolean awaitMessages(int n, long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (messages.size() < n) {
            if (serverSentClose || end != End.OPEN) {
                return false;
            }
            InFrame f = readFrame(deadline);
            if (f == null) {
                return messages.size() >= n;
            }
        }
        return true;
    }

    /** Reads until a Pong has arrived (the count of Pongs reaches {@code n}); see {@link #awaitMessages}. */
    public boolean awaitPongs(int n, long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (pongs().size() < n) {
            if (serverSentClose || end != End.OPEN) {
                return false;
            }
            if (readFrame(deadline) == null) {
                return pongs().size() >= n;
            }
        }
        return true;
    }

    /** Reads until the server sends a Close or the connection ends or the timeout passes. */
    public boolean awaitClose(long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!serverSentClose && end == End.OPEN) {
            if (readFrame(deadline) == null) {
                break;
            }
        }
        return serverSentClose;
    }

    /**
     * Reads until the TCP connection ends or the timeout passes, answering the server's first Close with a
     * Close echoing its code (as a client completing the closing handshake does). Returns how it ended.
     */
    public End readToEnd(long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (end == End.OPEN) {
            InFrame f = readFrame(deadline);
            if (f == null && end == End.OPEN) {
                ended(End.TIMEOUT, "the server neither closed TCP nor sent anything more within " + timeoutMs + " ms");
            }
        }
        return end;
    }

    /** Reads whatever arrives within {@code ms}, and returns the frames that came in that time. */
    public List<InFrame> watch(long ms) throws IOException {
        int before = frames.size();
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (end == End.OPEN && System.nanoTime() < deadline) {
            readFrame(deadline);
        }
        return List.copyOf(frames.subList(before, frames.size()));
    }

    public List<byte[]> pongs() {
        return frames.stream().filter(f -> f.opcode == 0xA).map(InFrame::payload).toList();
    }

    public List<InFrame> pings() {
        return frames.stream().filter(f -> f.opcode == 0x9).toList();
    }

    /** The next frame, or null on timeout or end of connection (see {@link #end}). */
    InFrame readFrame(long deadline) throws IOException {
        while (true) {
            InFrame f = parseFrame();
            if (f != null) {
                onFrame(f);
                return f;
            }
            if (end != End.OPEN) {
                return null;
            }
            if (!fill(deadline)) {
                return null;
            }
        }
    }

    /** Parses one frame from the buffer, or returns null when more octets are needed. */
    private InFrame parseFrame() {
        int avail = bufEnd - bufStart;
        if (avail < 2 || end != End.OPEN) {
            return null;
        }
        int b0 = buf[bufStart] & 0xFF;
        int b1 = buf[bufStart + 1] & 0xFF;
        boolean masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        int extra = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int header = 2 + extra + (masked ? 4 : 0);
        if (avail < header) {
            return null;
        }
        long length = len7;
        if (extra > 0) {
            length = 0;
            for (int i = 0; i < extra; i++) {
                length = length << 8 | buf[bufStart + 2 + i] & 0xFF;
            }
        }
        if (length < 0 || length > frameCap) {
            ended(End.GARBAGE, "the server announced a frame of " + Long.toUnsignedString(length)
                    + " octets, over this case's cap of " + frameCap + "; not read");
            return null;
        }
        if (avail < header + length) {
            ensureCapacity(header + (int) length);
            return null;
        }
        byte[] payload = Arrays.copyOfRange(buf, bufStart + header, bufStart + header + (int) length);
        if (masked) {
            int key = (buf[bufStart + header - 4] & 0xFF) << 24 | (buf[bufStart + header - 3] & 0xFF) << 16
                    | (buf[bufStart + header - 2] & 0xFF) << 8 | buf[bufStart + header - 1] & 0xFF;
            Masking.unmask(payload, 0, payload.length, key);
        }
        bufStart += header + (int) length;
        return new InFrame((b0 & 0x80) != 0, b0 >> 4 & 7, b0 & 0xF, masked, extra, length, payload, System.nanoTime());
    }

    private void onFrame(InFrame f) throws IOException {
        frames.add(f);
        note("IN " + describe(f));
        checkSender(f);
        switch (f.opcode) {
            case 0x9 -> {
                if (autoPong && !clientSentClose) {
                    send("Pong answering the server's Ping", masked(RawFrameWriter.frame().opcode(0xA).payload(f.payload)));
                }
            }
            case 0x8 -> {
                serverCloses++;
                if (!serverSentClose) {
                    serverSentClose = true;
                    serverClose = f;
                    serverClosedFirst = !clientSentClose;
                    if (!clientSentClose && answerClose) {
                        int code = f.closeCode();
                        byte[] payload = code >= 0 && CloseCodes.isValidOnWire(code) ? closePayload(code, new byte[0])
                                : new byte[0];
                        clientSentClose = true;
                        send("Close answering the server's Close", masked(RawFrameWriter.frame().opcode(8).payload(payload)));
                    }
                } else {
                    senderViolations.add("WS-CLOSE-15 a second Close frame from the server: " + describe(f));
                }
            }
            case 0x1, 0x2 -> {
                if (msgOpcode >= 0) {
                    senderViolations.add("WS-FRAG-4 a new data frame (opcode " + f.opcode + ") inside a fragmented message");
                }
                msgOpcode = f.opcode;
                msgBuf = new java.io.ByteArrayOutputStream();
                msgFrames = 0;
                addFragment(f);
            }
            case 0x0 -> {
                if (msgOpcode < 0) {
                    senderViolations.add("WS-FRAG-1 a continuation frame with no message in progress");
                } else {
                    addFragment(f);
                }
            }
            default -> {
            }
        }
    }

    private void addFragment(InFrame f) {
        msgBuf.writeBytes(f.payload);
        msgFrames++;
        if (f.fin) {
            byte[] p = msgBuf.toByteArray();
            if (msgOpcode == 1 && !Utf8Validator.isValid(p)) {
                senderViolations.add("WS-UTF8-1 a text message that is not valid UTF-8");
            }
            messages.add(new InMessage(msgOpcode, p, msgFrames));
            msgOpcode = -1;
            msgBuf = null;
        }
    }

    /** What the server's frames must satisfy as a sender, each violation prefixed with its requirement ID. */
    private void checkSender(InFrame f) {
        String d = describe(f);
        if (f.rsv != 0) {
            senderViolations.add("WS-FRAME-1 RSV bits set: " + d);
        }
        if (f.opcode >= 3 && f.opcode <= 7 || f.opcode >= 0xB) {
            senderViolations.add("WS-FRAME-3 reserved opcode: " + d);
        }
        if (f.lengthOctets == 2 && f.length <= 125 || f.lengthOctets == 8 && f.length <= 0xFFFF) {
            senderViolations.add("WS-FRAME-5 non-minimal length encoding: " + d);
        }
        if (f.masked) {
            senderViolations.add("WS-MASK-3 masked server frame: " + d);
        }
        if (f.isControl() && f.length > 125) {
            senderViolations.add("WS-CTRL-1 control frame over 125 octets: " + d);
        }
        if (f.isControl() && !f.fin) {
            senderViolations.add("WS-CTRL-2 control frame without FIN: " + d);
        }
        if (f.opcode == 8) {
            int c = f.closeCode();
            if (c == -2) {
                senderViolations.add("WS-CLOSE-1 one-octet Close payload: " + d);
            } else if (c == 1005 || c == 1006 || c == 1015) {
                senderViolations.add("WS-CLOSE-4 close code " + c + " on the wire: " + d);
            } else if (c >= 0 && !CloseCodes.isValidOnWire(c)) {
                senderViolations.add("WS-CLOSE-5 close code " + c + " is not valid on the wire: " + d);
            } else if (c >= 0 && !Utf8Validator.isValid(f.payload, 2, f.payload.length - 2)) {
                senderViolations.add("WS-UTF8-1 Close reason not valid UTF-8: " + d);
            }
        }
        if (serverSentClose && f.opcode != 8 && (f.opcode == 1 || f.opcode == 2 || f.opcode == 0)) {
            senderViolations.add("WS-CLOSE-14 data frame after the server's Close: " + d);
        }
    }

    private void ensureCapacity(int frameBytes) {
        if (bufStart > 0 && buf.length - bufStart < frameBytes) {
            System.arraycopy(buf, bufStart, buf, 0, bufEnd - bufStart);
            bufEnd -= bufStart;
            bufStart = 0;
        }
        if (buf.length < frameBytes) {
            buf = Arrays.copyOf(buf, Math.max(frameBytes, buf.length * 2));
        }
    }

    /** Reads more octets before the deadline; false on timeout or end (recorded in {@link #end}). */
    private boolean fill(long deadline) throws IOException {
        if (end != End.OPEN) {
            return false;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return false;
        }
        if (bufEnd == buf.length) {
            if (bufStart > 0) {
                System.arraycopy(buf, bufStart, buf, 0, bufEnd - bufStart);
                bufEnd -= bufStart;
                bufStart = 0;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        socket.setSoTimeout((int) Math.max(1, left));
        int n;
        try {
            n = in.read(buf, bufEnd, Math.min(buf.length - bufEnd, 256 * 1024));
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            ended(End.RESET, "connection reset by the server (" + e.getMessage() + ")");
            return false;
        }
        if (n < 0) {
            ended(End.FIN, "the server closed TCP (FIN)");
            return false;
        }
        totalRead += n;
        if (totalRead > readCap) {
            ended(End.GARBAGE, "the server sent more than this case's cap of " + readCap + " octets");
            return false;
        }
        bufEnd += n;
        return true;
    }

    private void ended(End how, String detail) {
        if (end == End.OPEN) {
            end = how;
            endDetail = detail;
            endAtNanos = System.nanoTime();
            int rest = bufEnd - bufStart;
            note("END " + how + ": " + detail + (rest > 0 ? " (" + rest + " unparsed octets: " + hex(
                    Arrays.copyOfRange(buf, bufStart, bufEnd), 24) + ")" : ""));
        }
    }

    /** Milliseconds from the last octet sent to the end of the connection, or -1 if it has not ended. */
    public long msFromLastSendToEnd() {
        return end == End.OPEN || end == End.TIMEOUT ? -1 : (endAtNanos - lastSendNanos) / 1_000_000;
    }

    // ---------------------------------------------------------------- log

    public void note(String line) {
        log.append(String.format("%9.3f ms  ", (System.nanoTime() - start) / 1e6)).append(line).append('\n');
        if (log.length() > 64 * 1024) {
            log.setLength(60 * 1024);
            log.append("... (wire log cut at 60 KiB)\n");
        }
    }

    public String log() {
        return log.toString();
    }

    static String describe(InFrame f) {
        String op = switch (f.opcode) {
            case 0 -> "CONT";
            case 1 -> "TEXT";
            case 2 -> "BINARY";
            case 8 -> "CLOSE";
            case 9 -> "PING";
            case 0xA -> "PONG";
            default -> "opcode " + f.opcode;
        };
        StringBuilder sb = new StringBuilder(op).append(" fin=").append(f.fin ? 1 : 0);
        if (f.rsv != 0) {
            sb.append(" rsv=").append(f.rsv);
        }
        if (f.masked) {
            sb.append(" MASKED");
        }
        sb.append(" len=").append(f.length);
        if (f.lengthOctets > 0) {
            sb.append(" (").append(f.lengthOctets * 8).append("-bit)");
        }
        if (f.opcode == 8 && f.payload.length >= 2) {
            sb.append(" code=").append(f.closeCode());
            if (f.payload.length > 2) {
                sb.append(" reason=\"").append(new String(f.payload, 2, f.payload.length - 2, StandardCharsets.UTF_8))
                        .append('"');
            }
        } else if (f.payload.length > 0) {
            sb.append(" payload=").append(hex(f.payload, 16));
        }
        return sb.toString();
    }

    static String hex(byte[] b, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, max); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return b.length > max ? sb + " ..." : sb.toString();
    }

    private static String indent(String s) {
        return "    " + s.strip().replace("\r\n", "\n").replace("\n", "\n    ");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    static HttpHeaders headersOf(HttpResponseHead r) {
        return r == null ? HttpHeaders.EMPTY : r.headers();
    }
}
