package org.netconform.reference.byteorder;

/**
 * Little-endian fields, for the few formats that declare them (RFC 1700: network order unless a
 * field says otherwise). Kept apart from {@link NetworkOrder} so that a call site says which it means.
 */
public final class LittleEndian {
    private LittleEndian() {
    }

    public static long get(byte[] src, int off, int width) {
        NetworkOrder.checkWidth(width);
        if (off < 0 || src.length - off < width) {
            throw new TruncatedInputException(width, Math.max(0, src.length - off));
        }
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (src[off + i] & 0xFF);
        }
        return v;
    }

    public static byte[] encode(long value, int width) {
        NetworkOrder.checkWidth(width);
        if (width < 8) {
            NetworkOrder.checkRange(value, width);
        }
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
