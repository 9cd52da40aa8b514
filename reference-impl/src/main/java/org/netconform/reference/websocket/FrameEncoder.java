package org.netconform.reference.websocket;

import org.netconform.spi.websocket.Role;

import java.util.Objects;

/**
 * Writes conforming frames (RFC 6455 §5.2), strictly.
 *
 * <p>The encoder owns masking: an encoder for a {@link Role#CLIENT} masks every frame with a
 * fresh key (§5.3) and one for a {@link Role#SERVER} never masks (§5.1), whatever the mask
 * fields of the given {@link Frame} say. Lengths always use the minimal encoding (§5.2: "the
 * minimal number of bytes MUST be used"). It refuses what a conforming sender must not send:
 * control frames over 125 octets or fragmented (§5.5) and RSV bits no extension defined (§5.2).
 * Deliberately broken frames for test input come from {@link RawFrameWriter} instead.
 */
public final class FrameEncoder {

    private final Role role;
    private final MaskKeySource keys;
    private final int allowedRsv;

    /** An encoder with keys from a {@code SecureRandom} and no RSV bits allowed. */
    public FrameEncoder(Role role) {
        this(role, MaskKeySource.secure(), 0);
    }

    /**
     * @param role       the role of the sending endpoint
     * @param keys       masking keys; used only by a client
     * @param allowedRsv RSV bits that negotiated extensions define (§5.8), as a 3-bit mask
     */
    public FrameEncoder(Role role, MaskKeySource keys, int allowedRsv) {
        this.role = Objects.requireNonNull(role, "role");
        this.keys = Objects.requireNonNull(keys, "keys");
        if ((allowedRsv & ~0b111) != 0) {
            throw new IllegalArgumentException("rsv is a 3-bit mask");
        }
        this.allowedRsv = allowedRsv;
    }

    public Role role() {
        return role;
    }

    /**
     * Encodes one frame.
     *
     * @throws IllegalArgumentException if the frame breaks a sender rule
     */
    public byte[] encode(Frame frame) {
        check(frame);
        int len = frame.payloadLength();
        boolean mask = role.masksOutgoing();
        int headerLen = headerLength(len, mask);
        byte[] out = new byte[headerLen + len];
        int p = 0;
        out[p++] = (byte) ((frame.fin() ? 0x80 : 0) | frame.rsv() << 4 | frame.opcode().code());
        p = writeLength(out, p, len, mask);
        if (mask) {
            int key = keys.nextKey();
            out[p++] = (byte) (key >>> 24);
            out[p++] = (byte) (key >>> 16);
            out[p++] = (byte) (key >>> 8);
            out[p++] = (byte) key;
            // one pass over the payload: copied out of the frame and masked on the way
            Masking.maskCopy(frame.payloadArray(), 0, out, p, len, key, 0);
        } else {
            frame.copyPayloadTo(out, p);
        }
        return out;
    }

    private void check(Frame frame) {
        if ((frame.rsv() & ~allowedRsv) != 0) {
            throw new IllegalArgumentException("RSV bits " + frame.rsv() + " not defined by an extension (§5.2)");
        }
        if (frame.opcode().isControl()) {
            if (!frame.fin()) {
                throw new IllegalArgumentException("control frames must not be fragmented (§5.5)");
            }
            if (frame.payloadLength() > Frame.MAX_CONTROL_PAYLOAD) {
                throw new IllegalArgumentException("control frame payload over 125 octets (§5.5)");
            }
        }
    }

    /** Header size for a payload of {@code len} octets with minimal length encoding. */
    static int headerLength(long len, boolean masked) {
        int n = len <= 125 ? 2 : len <= 0xFFFF ? 4 : 10;
        return masked ? n + 4 : n;
    }

    /** Writes the second header octet and any extended length, minimally; returns the new position. */
    private static int writeLength(byte[] out, int p, int len, boolean mask) {
        int maskBit = mask ? 0x80 : 0;
        if (len <= 125) {
            out[p++] = (byte) (maskBit | len);
        } else if (len <= 0xFFFF) {
            out[p++] = (byte) (maskBit | 126);
            out[p++] = (byte) (len >>> 8);
            out[p++] = (byte) len;
        } else {
            out[p++] = (byte) (maskBit | 127);
            long l = len;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[p++] = (byte) (l >>> shift);
            }
        }
        return p;
    }
}
