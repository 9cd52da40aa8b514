package org.netconform.reference.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One WebSocket frame (RFC 6455 §5.2), immutable.
 *
 * <p>{@code payload} is always the <em>unmasked</em> application data; {@code masked} and
 * {@code maskKey} record how the frame travelled (a decoder fills them in, an encoder picks its
 * own key by role). The payload array is copied in and out, so a frame can be shared freely.
 * Only the decoder, which builds a payload array nobody else sees, hands it over without a copy
 * ({@link #owning}).
 *
 * <p>The frame checks only what the model itself needs (RSV fits in 3 bits, no key without the
 * mask flag). Protocol rules such as "control frames are at most 125 octets" are the encoder's
 * and decoder's business, so a frame that breaks them can still be described, e.g. in a test.
 *
 * <p>A value class with the accessors, {@code equals} and {@code hashCode} a record would have
 * (it was one): a record's canonical constructor cannot skip its defensive clone, and the
 * decoder's owning hand-over needs to.
 */
public final class Frame {

    public static final int RSV1 = 0b100;
    public static final int RSV2 = 0b010;
    public static final int RSV3 = 0b001;

    /** Largest payload a control frame may carry (RFC 6455 §5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private static final byte[] EMPTY = new byte[0];

    private final boolean fin;
    private final int rsv;
    private final Opcode opcode;
    private final boolean masked;
    private final int maskKey;
    private final byte[] payload;

    /**
     * @param fin     final fragment of a message (§5.2, §5.4)
     * @param rsv     RSV1..RSV3 as a 3-bit mask: RSV1 = 4, RSV2 = 2, RSV3 = 1 (§5.2, §5.8)
     * @param opcode  the opcode
     * @param masked  whether the frame is or was masked on the wire (§5.3)
     * @param maskKey the 32-bit masking key, first key octet in the high byte; 0 when not masked
     * @param payload the unmasked payload; copied, the caller keeps its array
     */
    public Frame(boolean fin, int rsv, Opcode opcode, boolean masked, int maskKey, byte[] payload) {
        this(fin, rsv, opcode, masked, maskKey,
                Objects.requireNonNull(payload, "payload").length == 0 ? EMPTY : payload.clone(), true);
    }

    /** Takes {@code payload} as it is, without a copy; the caller must not keep or change it. */
    private Frame(boolean fin, int rsv, Opcode opcode, boolean masked, int maskKey, byte[] payload, boolean owned) {
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(payload, "payload");
        if ((rsv & ~0b111) != 0) {
            throw new IllegalArgumentException("rsv is a 3-bit mask, got " + rsv);
        }
        if (!masked && maskKey != 0) {
            throw new IllegalArgumentException("mask key without the mask flag");
        }
        this.fin = fin;
        this.rsv = rsv;
        this.opcode = opcode;
        this.masked = masked;
        this.maskKey = maskKey;
        this.payload = payload.length == 0 ? EMPTY : payload;
    }

    /**
     * A frame that takes ownership of {@code payload} without the defensive copy. For the decoder
     * only, which hands over an array it filled itself and then forgets.
     */
    static Frame owning(boolean fin, int rsv, Opcode opcode, boolean masked, int maskKey, byte[] payload) {
        return new Frame(fin, rsv, opcode, masked, maskKey, payload, true);
    }

    /** An unmasked frame without RSV bits; masking is applied by the encoder. */
    public Frame(boolean fin, Opcode opcode, byte[] payload) {
        this(fin, 0, opcode, false, 0, payload);
    }

    public static Frame text(String text) {
        return new Frame(true, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame binary(byte[] data) {
        return new Frame(true, Opcode.BINARY, data);
    }

    public static Frame ping(byte[] data) {
        return new Frame(true, Opcode.PING, data);
    }

    public static Frame pong(byte[] data) {
        return new Frame(true, Opcode.PONG, data);
    }

    public static Frame close(ClosePayload close) {
        return new Frame(true, Opcode.CLOSE, close.encode());
    }

    /** Final fragment of a message (§5.2, §5.4). */
    public boolean fin() {
        return fin;
    }

    /** RSV1..RSV3 as a 3-bit mask: RSV1 = 4, RSV2 = 2, RSV3 = 1 (§5.2, §5.8). */
    public int rsv() {
        return rsv;
    }

    public Opcode opcode() {
        return opcode;
    }

    /** Whether the frame is or was masked on the wire (§5.3). */
    public boolean masked() {
        return masked;
    }

    /** The 32-bit masking key, first key octet in the high byte; 0 when not masked. */
    public int maskKey() {
        return maskKey;
    }

    /** A copy of the (unmasked) payload; the frame keeps its own. */
    public byte[] payload() {
        return payload.length == 0 ? EMPTY : payload.clone();
    }

    /** Payload length without copying. */
    public int payloadLength() {
        return payload.length;
    }

    /** Copies the payload into {@code dst} at {@code off} without an intermediate array. */
    public void copyPayloadTo(byte[] dst, int off) {
        System.arraycopy(payload, 0, dst, off, payload.length);
    }

    /**
     * The payload array itself, not a copy: for the encoder, which only reads it. Must not be
     * changed or handed out.
     */
    byte[] payloadArray() {
        return payload;
    }

    /** The same frame with the wire-level mask fields cleared, for comparing content only. */
    public Frame unmasked() {
        // immutable payload: the new frame can share it
        return masked ? new Frame(fin, rsv, opcode, false, 0, payload, true) : this;
    }

    /** The same frame marked as masked with {@code key}. */
    public Frame withMask(int key) {
        return new Frame(fin, rsv, opcode, true, key, payload, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f
                && fin == f.fin && rsv == f.rsv && opcode == f.opcode
                && masked == f.masked && maskKey == f.maskKey
                && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fin, rsv, opcode, masked, maskKey) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String data = payload.length <= 32
                ? HexFormat.of().formatHex(payload)
                : HexFormat.of().formatHex(payload, 0, 32) + "...";
        return "Frame[fin=" + fin + ", rsv=" + rsv + ", " + opcode
                + (masked ? ", mask=" + String.format("%08x", maskKey) : "")
                + ", len=" + payload.length + ", " + data + "]";
    }
}
