package org.netconform.reference.websocket;

import java.io.ByteArrayOutputStream;

/**
 * Writes frame octets exactly as told, including what RFC 6455 forbids: reserved opcodes, RSV
 * bits, the wrong mask flag for a role, non-minimal or lying length fields, fragmented or oversized
 * control frames. This is how test input for receivers is built; it is kept apart from
 * {@link FrameEncoder} so that the strict encoder never grows a way to break the protocol.
 *
 * <p>Usage: {@code RawFrameWriter.frame().opcode(3).payload(data).toBytes()}. Defaults: FIN set,
 * no RSV, opcode BINARY, unmasked, minimal length encoding, declared length = payload length.
 */
public final class RawFrameWriter {

    /** How to write the payload length field (§5.2). */
    public enum LengthEncoding {
        /** The shortest form, as a conforming sender must use. */
        MINIMAL,
        /** Always 126 plus a 16-bit length (non-minimal for lengths up to 125). */
        EXTENDED_16,
        /** Always 127 plus a 64-bit length (non-minimal for lengths up to 65535). */
        EXTENDED_64
    }

    private boolean fin = true;
    private int rsv;
    private int opcode = Opcode.BINARY.code();
    private boolean masked;
    private int maskKey;
    private byte[] payload = new byte[0];
    private LengthEncoding lengthEncoding = LengthEncoding.MINIMAL;
    private Long declaredLength;

    private RawFrameWriter() {
    }

    public static RawFrameWriter frame() {
        return new RawFrameWriter();
    }

    public RawFrameWriter fin(boolean fin) {
        this.fin = fin;
        return this;
    }

    /** RSV bits as a 3-bit mask (RSV1 = 4). */
    public RawFrameWriter rsv(int rsv) {
        if ((rsv & ~0b111) != 0) {
            throw new IllegalArgumentException("rsv is 3 bits");
        }
        this.rsv = rsv;
        return this;
    }

    /** Any 4-bit opcode, reserved ones included. */
    public RawFrameWriter opcode(int opcode) {
        if ((opcode & ~0xF) != 0) {
            throw new IllegalArgumentException("opcode is 4 bits");
        }
        this.opcode = opcode;
        return this;
    }

    public RawFrameWriter opcode(Opcode opcode) {
        return opcode(opcode.code());
    }

    /** Sets the mask flag and key; the payload is masked with it on output. */
    public RawFrameWriter mask(int key) {
        this.masked = true;
        this.maskKey = key;
        return this;
    }

    public RawFrameWriter unmasked() {
        this.masked = false;
        this.maskKey = 0;
        return this;
    }

    /** Unmasked payload octets (copied). */
    public RawFrameWriter payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    public RawFrameWriter lengthEncoding(LengthEncoding encoding) {
        this.lengthEncoding = encoding;
        return this;
    }

    /**
     * Writes this value in the length field instead of the payload's real length, e.g. a claim of
     * 2^62 octets, or a 64-bit value with the most significant bit set. Forces a length form that
     * can hold it when the chosen one cannot.
     */
    public RawFrameWriter declaredLength(long length) {
        this.declaredLength = length;
        return this;
    }

    /** Copies every field from a model frame (including its mask flag and key). */
    public RawFrameWriter from(Frame f) {
        fin(f.fin()).rsv(f.rsv()).opcode(f.opcode()).payload(f.payload());
        return f.masked() ? mask(f.maskKey()) : unmasked();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int maskBit = masked ? 0x80 : 0;
        long len = declaredLength != null ? declaredLength : payload.length;
        LengthEncoding enc = lengthEncoding;
        boolean fits7 = len >= 0 && len <= 125;
        boolean fits16 = len >= 0 && len <= 0xFFFF;
        if (enc == LengthEncoding.MINIMAL) {
            enc = fits7 ? null : fits16 ? LengthEncoding.EXTENDED_16 : LengthEncoding.EXTENDED_64;
        } else if (enc == LengthEncoding.EXTENDED_16 && !fits16) {
            enc = LengthEncoding.EXTENDED_64;
        }
        if (enc == null) {
            out.write(maskBit | (int) len);
        } else if (enc == LengthEncoding.EXTENDED_16) {
            out.write(maskBit | 126);
            out.write((int) (len >>> 8) & 0xFF);
            out.write((int) len & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (len >>> shift) & 0xFF);
            }
        }
        byte[] data = payload.clone();
        if (masked) {
            out.writeBytes(Masking.keyBytes(maskKey));
            Masking.mask(data, 0, data.length, maskKey);
        }
        out.writeBytes(data);
        return out.toByteArray();
    }
}
