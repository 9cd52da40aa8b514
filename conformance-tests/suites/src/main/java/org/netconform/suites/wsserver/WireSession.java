package org.netconform.suites.wsserver;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.netconform.harness.Values;
import org.netconform.reference.websocket.CloseCodes;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.HttpHeadCodec;
import org.netconform.reference.websocket.HttpHeaders;
import org.netconform.reference.websocket.HttpRequestHead;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.reference.websocket.RawFrameWriter;

/**
 * One connection of the fuzzing client to the server under test, as a case scripts it: what it sends,
 * what it awaits, and everything it saw. The jobs are apart: {@link WireConnection} (TCP and TLS),
 * {@link OpeningHandshake}, {@link InboundBuffer} (reading heads and frames), {@link InboundMessages},
 * {@link SenderChecks} and {@link WireLog}. Blocking I/O with a deadline on every read, and bounded:
 * <ul>
 *   <li>in memory: a frame the server announces beyond the case's cap is not buffered ({@link End#GARBAGE});
 *       more octets or frames in all than the case's budget stop the reading at once ({@link #harnessStop},
 *       the case is ERROR "the server sent more than ..."); what a finished session keeps is bounded whatever
 *       the server sent: a {@link KeptList} of frames and of messages, payload octets up to
 *       {@link WsOptions#keepOctets()} (an echo equal to what the case expected shares its payload), a
 *       bounded {@link WireLog};</li>
 *   <li>in time: every read has a deadline; every write is held to the write deadline ({@link #writeStall}:
 *       the server stopped reading) and every connection to the case's hard deadline and the run's
 *       ({@link Watchdog}, then {@link #harnessStop}).</li>
 * </ul>
 * Server Pings are answered with masked Pongs unless {@link #autoPong} is turned off. Not thread-safe: one
 * session per case.
 */
public final class WireSession implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How the session ended, when it did. */
    public enum End { OPEN, FIN, RESET, TIMEOUT, GARBAGE }

    private final URI uri;
    private final boolean trustAll;
    private final WireLog log = new WireLog();
    private final InboundBuffer inbound = new InboundBuffer();
    private InboundMessages assembler = new InboundMessages();
    private WireConnection connection;
    private final long startNanos = System.nanoTime();
    private long totalRead;
    private long headRead = -1;
    private boolean waitedAfterHead;
    private int unparsedAtClose = -1;
    private long readCap = WsOptions.caseOctets();
    private long frameCap = 1024 * 1024;
    private long frameBudget = WsOptions.caseFrames() + readCap / 512;
    private long framesIn;
    private long keepLeft = WsOptions.keepOctets();
    private int expectCursor;

    boolean autoPong = true;
    End end = End.OPEN;
    String endDetail = "";
    long endAtNanos;
    HttpResponseHead response;
    String key;
    /** Every frame the server sent, as far as kept: the first and last 256, and the count of all. */
    final List<InFrame> frames = new KeptList<>(256, 256, InFrame.DROPPED);
    /** Every data message the server sent, as far as kept: the first 2048 and last 64, and the count of all. */
    final List<InMessage> messages = new KeptList<>(2048, 64, InMessage.DROPPED);
    /** What the server broke as a sender: the first 64 and last 16, and the count of all. */
    final List<SenderViolation> senderViolations = new KeptList<>(64, 16,
            new SenderViolation(null, "(not kept)"));
    /**
     * Why the harness stopped this case or cannot judge it (the server sent more than the case's budget, the
     * case's or the run's deadline passed), or null. A case with a reason here is ERROR, whatever its judge says.
     */
    String harnessStop;
    /** Why the client's output was shut down (the server stopped reading what the case sent), or null. */
    String writeStall;
    /** Whether {@link #open} completed a handshake the client accepts. */
    boolean upgraded;
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
    /** What the server sends on its own; such messages are kept apart from the echoes (see {@link UnsolicitedMessages}). */
    UnsolicitedMessages unsolicited = UnsolicitedMessages.none();
    /** The data messages the server sent on its own in this session, never counted as echoes. */
    final List<InMessage> unsolicitedMessages = new KeptList<>(256, 16, InMessage.DROPPED);
    /** How long the last {@link #awaitMessages} waited at most, for the reason of a timeout. */
    long lastWaitMs;
    /** In a failure case: the offending octets and what happened around them. */
    Offending offending;
    /** The adapter's declared limits (capability limits), -1 when none; a case beyond them expects 1009. */
    long declaredMaxMessage = -1;
    long declaredMaxFrame = -1;
    /** Set by an echo case whose message is beyond a declared limit: why it expects Close 1009 instead of the echo. */
    String beyondLimit;
    /** For a case that judges crashes: how the server the adapter runs stopped during this case, if it did. */
    String serverDied;
    /** The client port of this session's connection (0 before it connected): a server's log names it by this. */
    int localPort;
    /** The TCP receive buffer to ask for before connecting (0: the system's); small for a slow reader. */
    int receiveBuffer;

    public WireSession(URI uri, boolean trustAll) {
        this.uri = uri;
        this.trustAll = trustAll;
    }

    /**
     * Caps the largest frame and the total octets the server may send in this session; the frame budget
     * follows ({@link WsOptions#caseFrames()} plus one frame per 512 octets of the cap).
     */
    public WireSession caps(long frameCap, long readCap) {
        this.frameCap = frameCap;
        this.readCap = readCap;
        this.frameBudget = WsOptions.caseFrames() + readCap / 512;
        return this;
    }

    // ---------------------------------------------------------------- connecting and the handshake

    public void connect() throws IOException {
        if (connection != null) {
            throw new IllegalStateException("a session connects once");
        }
        connection = WireConnection.open(uri, trustAll, WsOptions.timeoutMs(), receiveBuffer);
        localPort = connection.localPort();
        note(connection.description());
    }

    public String hostHeader() {
        return OpeningHandshake.hostHeader(uri);
    }

    public String resource() {
        return OpeningHandshake.resource(uri);
    }

    /** A valid request head with a fresh key, to be varied by handshake cases. */
    public HttpRequestHead standardRequest(Optional<String> origin) {
        key = OpeningHandshake.newKey();
        return OpeningHandshake.request(uri, key, origin);
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
        Optional<String> refusal = OpeningHandshake.refusal(uri, key, r);
        refusal.ifPresent(why -> note("handshake not accepted by the client: " + why));
        upgraded = refusal.isEmpty();
        if (upgraded && unsolicited.any()) {
            awaitGreeting();
        }
        return upgraded;
    }

    /** How long a case waits, after the upgrade, for a server that sends on its own to speak first. */
    static final long GREETING_WAIT_MS = 300;

    /**
     * A server that sends messages on its own (the seed's heartbeat goes out the moment the connection opens) gets
     * up to {@value #GREETING_WAIT_MS} ms to send its first one before the case sends anything, so that a case
     * does not race that write: the seed's program dies when two of its writes overlap, and that belongs to the
     * concurrency case (WS-FRAME-12), not to whichever case happened to be first on the wire.
     */
    private void awaitGreeting() throws IOException {
        long deadline = System.nanoTime() + GREETING_WAIT_MS * 1_000_000;
        int before = unsolicitedMessages.size();
        while (unsolicitedMessages.size() == before && !serverSentClose && end == End.OPEN) {
            if (readFrame(deadline) == null) {
                break;
            }
        }
    }

    public void sendHead(byte[] head) throws IOException {
        note("OUT opening handshake, " + head.length + " octets:\n"
                + WireLog.indent(new String(head, StandardCharsets.ISO_8859_1)));
        writeRaw(head);
    }

    /** Reads the response head (at most 16 KiB); null, with the reason logged, when none arrives. */
    public HttpResponseHead readResponse() throws IOException {
        long deadline = System.nanoTime() + WsOptions.timeoutMs() * 1_000_000;
        while (true) {
            Optional<byte[]> head;
            try {
                head = inbound.head();
            } catch (RuntimeException e) {
                ended(End.GARBAGE, "response head over 16 KiB");
                return null;
            }
            if (end != End.OPEN && head.isEmpty()) {
                return null;
            }
            if (head.isPresent()) {
                note("IN response head:\n" + WireLog.indent(new String(head.get(), StandardCharsets.ISO_8859_1)));
                try {
                    response = HttpHeadCodec.parseResponse(head.get());
                    headRead = totalRead - inbound.available();
                } catch (RuntimeException e) {
                    ended(End.GARBAGE, "unparseable response head: " + e.getMessage());
                    return null;
                }
                return response;
            }
            if (!fill(deadline)) {
                if (end == End.GARBAGE && harnessStop != null && inbound.available() > 0) {
                    // over the budget in the read that brought the head: the head still counts
                    Optional<byte[]> late = Optional.empty();
                    try {
                        late = inbound.head();
                    } catch (RuntimeException ignored) {
                        late = Optional.empty();
                    }
                    if (late.isPresent()) {
                        note("IN response head:\n" + WireLog.indent(new String(late.get(), StandardCharsets.ISO_8859_1)));
                        try {
                            response = HttpHeadCodec.parseResponse(late.get());
                            headRead = totalRead - inbound.available();
                        } catch (RuntimeException e) {
                            return null;
                        }
                        return response;
                    }
                }
                if (inbound.available() > 0) {
                    note("IN partial head:\n" + WireLog.indent(new String(inbound.unparsed(16 * 1024),
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
        note("OUT " + what + " (" + octets.length + " octets: " + Values.hex(octets, 24) + ")");
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
        for (int i = 0; i < octets.length && harnessStop == null && writeStall == null; i += chop) {
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
        if (harnessStop != null || writeStall != null) {
            return;
        }
        try {
            connection.write(octets);
            lastSendNanos = System.nanoTime();
        } catch (IOException e) {
            if (connection.killed() != null) {
                stopped(connection.killed());
            } else if (connection.stalled() != null) {
                writeStall = connection.stalled();
                note("OUT abandoned: " + writeStall + "; the client's output is shut down, reading goes on");
            } else if (e instanceof SocketException) {
                // the server may have failed the connection already; that is what reads will show
                note("OUT write failed: " + e.getMessage());
            } else {
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Reads until {@code n} data messages have arrived in all, the server sends Close, the connection ends,
     * or the timeout passes. Returns whether {@code n} messages arrived.
     */
    public boolean awaitMessages(int n, long timeoutMs) throws IOException {
        lastWaitMs = timeoutMs;
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
        return frames.stream().filter(f -> f.opcode() == 0xA).map(InFrame::payload).toList();
    }

    public List<InFrame> pings() {
        return frames.stream().filter(f -> f.opcode() == 0x9).toList();
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

    /** Parses one frame from the buffer, or returns null when more octets are needed or the session ended. */
    private InFrame parseFrame() {
        if (end != End.OPEN) {
            return null;
        }
        InboundBuffer.Parsed p = inbound.frame(frameCap);
        if (p instanceof InboundBuffer.OverCap over) {
            ended(End.GARBAGE, "the server announced a frame of " + Long.toUnsignedString(over.length())
                    + " octets, over this case's cap of " + frameCap + "; not read");
            return null;
        }
        return p instanceof InboundBuffer.Whole whole ? whole.frame() : null;
    }

    private void onFrame(InFrame f) throws IOException {
        framesIn++;
        note("IN " + WireLog.describe(f));
        SenderChecks.check(f, serverSentClose, senderViolations);
        frames.add(keep(f));
        if (framesIn > frameBudget) {
            overBudget(framesIn + " frames (this case's budget is " + frameBudget + ", -Dnetconform.ws.caseFrames)");
            return;
        }
        switch (f.opcode()) {
            case 0x9 -> {
                if (autoPong && !clientSentClose) {
                    send("Pong answering the server's Ping", masked(RawFrameWriter.frame().opcode(0xA).payload(f.payload())));
                }
            }
            case 0x8 -> onClose(f);
            case 0x0, 0x1, 0x2 -> {
                InMessage m = assembler.accept(f, senderViolations);
                if (m != null) {
                    if (unsolicited.isUnsolicited(m, nextExpected())) {
                        unsolicitedMessages.add(keep(m));
                        note("    (unsolicited: the server sends this on its own; not an echo)");
                    } else {
                        messages.add(keep(m));
                    }
                }
            }
            default -> {
            }
        }
    }

    private void onClose(InFrame f) throws IOException {
        serverCloses++;
        if (serverSentClose) {
            senderViolations.add(new SenderViolation(SenderRule.ONE_CLOSE,
                    "a second Close frame from the server: " + WireLog.describe(f)));
            return;
        }
        serverSentClose = true;
        serverClose = f;
        serverClosedFirst = !clientSentClose;
        if (!clientSentClose && answerClose) {
            int code = f.closeCode();
            byte[] payload = code >= 0 && CloseCodes.isValidOnWire(code) ? closePayload(code, new byte[0]) : new byte[0];
            clientSentClose = true;
            send("Close answering the server's Close", masked(RawFrameWriter.frame().opcode(8).payload(payload)));
        }
    }

    /** The data message the case expects next (by {@link #expected} and what has come back), or null. */
    private InMessage nextExpected() {
        List<InMessage> data = expected.stream().filter(m -> m.opcode() == 1 || m.opcode() == 2).toList();
        return messages.size() < data.size() ? data.get(messages.size()) : null;
    }

    /** Octets received but not yet a whole frame (a frame the server began and did not finish). */
    int unparsedOctets() {
        // what was left when the session closed (its buffers are let go then), or what is left now
        return unparsedAtClose >= 0 ? unparsedAtClose : inbound.available();
    }

    /** What of this frame the session keeps: all of it while the case's kept octets last, then its header. */
    private InFrame keep(InFrame f) {
        int n = f.payload().length;
        if (n <= keepLeft || n <= 125 && f.isControl()) {
            keepLeft -= Math.min(keepLeft, n);
            return f;
        }
        int k = (int) keepLeft;
        keepLeft = 0;
        return f.cut(k);
    }

    /**
     * What of this message the session keeps: a message equal to one the case expects (among the next few)
     * shares the expected payload; any other is kept while the case's kept octets last, then cut.
     */
    private InMessage keep(InMessage m) {
        for (int i = expectCursor; i < Math.min(expected.size(), expectCursor + 8); i++) {
            InMessage e = expected.get(i);
            if (e.opcode() == m.opcode() && Arrays.equals(e.payload(), m.payload())) {
                expectCursor = i + 1;
                return new InMessage(m.opcode(), e.payload(), m.frames(), m.length());
            }
        }
        int n = m.payload().length;
        if (n <= keepLeft) {
            keepLeft -= n;
            return m;
        }
        int k = (int) keepLeft;
        keepLeft = 0;
        return m.cut(k);
    }

    /** The server sent more than the case allows: reading stops at once and the case is ERROR. */
    private void overBudget(String what) {
        if (harnessStop == null) {
            harnessStop = "the server sent more than " + what + " within " + (System.nanoTime() - startNanos) / 1_000_000
                    + " ms; the case stopped reading";
        }
        ended(End.GARBAGE, harnessStop);
        connection.close();
    }

    /** The harness stopped the case (a deadline passed). */
    private void stopped(String why) {
        if (harnessStop == null) {
            harnessStop = why;
        }
        ended(End.TIMEOUT, why);
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
        waitedAfterHead |= headRead >= 0;
        byte[] buf = inbound.array();
        int n;
        try {
            n = connection.read(buf, inbound.writeOffset(), Math.min(inbound.writable(), 256 * 1024), left);
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            if (connection.killed() != null) {
                stopped(connection.killed());
            } else if (e instanceof SocketException) {
                ended(End.RESET, "connection reset by the server (" + e.getMessage() + ")");
            } else {
                throw e;
            }
            return false;
        }
        if (n < 0) {
            ended(End.FIN, "the server closed TCP (FIN)");
            return false;
        }
        totalRead += n;
        // buffered first: a head or frames that came with the octets over the budget are still read
        inbound.wrote(n);
        if (totalRead > readCap) {
            overBudget(readCap + " octets (this case's budget, -Dnetconform.ws.caseOctets)");
            return false;
        }
        return true;
    }

    private void ended(End how, String detail) {
        if (end == End.OPEN) {
            end = how;
            endDetail = detail;
            endAtNanos = System.nanoTime();
            int rest = inbound.available();
            note("END " + how + ": " + detail + (rest > 0 ? " (" + rest + " unparsed octets: "
                    + Values.hex(inbound.unparsed(24)) + (rest > 24 ? " ..." : "") + ")" : ""));
        }
    }

    /**
     * Whether the server upgraded (101) and then, though the case waited for it, sent not one octet more
     * while the connection stayed open until the case gave up: such a session shows nothing a judge could pass.
     */
    boolean silentAfterUpgrade() {
        return response != null && response.status() == 101 && headRead >= 0 && totalRead == headRead
                && waitedAfterHead && (end == End.OPEN || end == End.TIMEOUT);
    }

    /** Ends an open session as silent: the server sent nothing (more) within the time the case waited. */
    public void timedOut(String detail) {
        ended(End.TIMEOUT, detail);
    }

    /** Milliseconds from the last octet sent to the end of the connection, or -1 if it has not ended. */
    public long msFromLastSendToEnd() {
        return end == End.OPEN || end == End.TIMEOUT ? -1 : (endAtNanos - lastSendNanos) / 1_000_000;
    }

    // ---------------------------------------------------------------- log

    public void note(String line) {
        log.note(line);
    }

    public String log() {
        return log.text();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the connection and lets go of the buffers: what stays is bounded (kept frames and messages,
     * the wire log, the facts the judges read). A deadline that closed the connection is the case's
     * {@link #harnessStop} even if the script did no I/O after it.
     */
    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            if (connection.killed() != null) {
                stopped(connection.killed());
            }
        }
        if (writeStall == null && connection != null && connection.stalled() != null) {
            writeStall = connection.stalled();
        }
        if (unparsedAtClose < 0) {
            unparsedAtClose = inbound.available();
        }
        inbound.release();
        assembler = new InboundMessages();
        long droppedFrames = ((KeptList<InFrame>) frames).droppedCount();
        long droppedMessages = ((KeptList<InMessage>) messages).droppedCount();
        if (droppedFrames > 0 || droppedMessages > 0) {
            note("kept the first and last frames and messages: " + droppedFrames + " of " + frames.size()
                    + " frames and " + droppedMessages + " of " + messages.size() + " messages left out");
        }
    }

    static HttpHeaders headersOf(HttpResponseHead r) {
        return r == null ? HttpHeaders.EMPTY : r.headers();
    }
}
