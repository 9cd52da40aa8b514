package org.netconform.reference.websocket;

import java.util.Optional;

/**
 * A frame header read exactly as written, including what RFC 6455 forbids (reserved opcodes, RSV
 * bits, the wrong mask flag, non-minimal or top-bit lengths): the reading counterpart of
 * {@link RawFrameWriter}. {@link FrameDecoder} is the strict decoder a conforming endpoint uses;
 * this is how a harness looks at what a peer really sent, before judging it.
 *
 * @param fin          the FIN bit
 * @param rsv          the three RSV bits, 0-7
 * @param opcode       the opcode, 0-15, reserved values included
 * @param masked       the MASK bit
 * @param maskKey      the masking key, big-endian; 0 when not masked
 * @param lengthOctets the extended length field's size: 0 (7-bit length), 2 or 8
 * @param length       the payload length as declared; with 8 length octets it may be negative (top bit set)
 * @param headerLength octets of the header, mask key included
 */
public record RawFrameHeader(boolean fin, int rsv, int opcode, boolean masked, int maskKey, int lengthOctets,
                             long length, int headerLength) {

    /**
     * Reads the header at {@code off}; empty when fewer than {@code avail} octets hold a whole header
     * (more must arrive first).
     */
    public static Optional<RawFrameHeader> read(byte[] b, int off, int avail) {
        if (avail < 2) {
            return Optional.empty();
        }
        int b0 = b[off] & 0xFF;
        int b1 = b[off + 1] & 0xFF;
        boolean masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        int lengthOctets = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int header = 2 + lengthOctets + (masked ? 4 : 0);
        if (avail < header) {
            return Optional.empty();
        }
        long length = len7;
        if (lengthOctets > 0) {
            length = 0;
            for (int i = 0; i < lengthOctets; i++) {
                length = length << 8 | b[off + 2 + i] & 0xFF;
            }
        }
        int key = 0;
        if (masked) {
            int p = off + 2 + lengthOctets;
            key = (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | b[p + 3] & 0xFF;
        }
        return Optional.of(new RawFrameHeader((b0 & 0x80) != 0, b0 >> 4 & 7, b0 & 0xF, masked, key, lengthOctets,
                length, header));
    }

    /** Reads the header of a whole encoded frame; fails when the array is shorter than its header. */
    public static RawFrameHeader of(byte[] frame) {
        return read(frame, 0, frame.length)
                .orElseThrow(() -> new IllegalArgumentException("not a whole frame header: " + frame.length + " octets"));
    }

    /** Whether the length uses the shortest encoding, as a conforming sender must (§5.2). */
    public boolean minimalLength() {
        return switch (lengthOctets) {
            case 0 -> true;
            case 2 -> length > 125;
            default -> length > 0xFFFF || length < 0;
        };
    }

    /** The payload of the frame whose header this is, unmasked; {@code frame} holds header and payload. */
    public byte[] payload(byte[] frame, int off) {
        byte[] p = java.util.Arrays.copyOfRange(frame, off + headerLength, off + headerLength + (int) length);
        if (masked) {
            Masking.unmask(p, 0, p.length, maskKey);
        }
        return p;
    }
}
