package org.netconform.reference.byteorder;

import java.nio.ByteBuffer;

/**
 * Unsigned fields in network byte order (RFC 791 Appendix B): most significant octet first.
 * Values are assembled octet by octet, so the result never depends on a buffer's order setting,
 * and every read masks each octet, so nothing sign-extends. Widths: u8 and u16 come back as
 * {@code int}, u32 as {@code long}, u64 as the {@code long} with the same 64 bits (compare and print
 * it with the {@code Long.*Unsigned} methods).
 */
public final class NetworkOrder {
    private NetworkOrder() {
    }

    public static int getU8(byte[] src, int off) {
        check(src.length, off, 1);
        return src[off] & 0xFF;
    }

    public static int getU16(byte[] src, int off) {
        return (int) get(src, off, 2);
    }

    public static long getU32(byte[] src, int off) {
        return get(src, off, 4);
    }

    public static long getU64(byte[] src, int off) {
        return get(src, off, 8);
    }

    public static void putU8(byte[] dst, int off, int value) {
        put(dst, off, 1, checkRange(value, 1));
    }

    public static void putU16(byte[] dst, int off, int value) {
        put(dst, off, 2, checkRange(value, 2));
    }

    public static void putU32(byte[] dst, int off, long value) {
        put(dst, off, 4, checkRange(value, 4));
    }

    /** Every {@code long} is a valid u64: its 64 bits are the unsigned value. */
    public static void putU64(byte[] dst, int off, long value) {
        put(dst, off, 8, value);
    }

    /** Reads a field of {@code width} octets at the buffer's position, whatever the buffer's order. */
    public static long get(ByteBuffer src, int width) {
        checkWidth(width);
        if (src.remaining() < width) {
            throw new TruncatedInputException(width, src.remaining());
        }
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (src.get() & 0xFF);
        }
        return v;
    }

    /** Writes a field of {@code width} octets at the buffer's position, whatever the buffer's order. */
    public static void put(ByteBuffer dst, int width, long value) {
        checkWidth(width);
        if (width < 8) {
            checkRange(value, width);
        }
        for (int i = width - 1; i >= 0; i--) {
            dst.put((byte) (value >>> (8 * i)));
        }
    }

    /** Decodes octets given for exactly one field: too few and too many are both errors. */
    public static long decodeExact(byte[] field, int width) {
        checkWidth(width);
        if (field.length > width) {
            throw new ExtraInputException(width, field.length);
        }
        return get(field, 0, width);
    }

    /** Encodes one field of {@code width} octets. */
    public static byte[] encode(long value, int width) {
        checkWidth(width);
        byte[] out = new byte[width];
        if (width < 8) {
            checkRange(value, width);
        }
        put(out, 0, width, value);
        return out;
    }

    static long get(byte[] src, int off, int width) {
        check(src.length, off, width);
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (src[off + i] & 0xFF);
        }
        return v;
    }

    static void put(byte[] dst, int off, int width, long value) {
        if (off < 0 || dst.length - off < width) {
            throw new IndexOutOfBoundsException("no room for " + width + " octets at " + off + " in " + dst.length);
        }
        for (int i = 0; i < width; i++) {
            dst[off + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
    }

    static long checkRange(long value, int width) {
        if (value < 0 || (width < 8 && value >>> (8 * width) != 0)) {
            throw new IllegalArgumentException(value + " does not fit an unsigned " + (8 * width) + "-bit field");
        }
        return value;
    }

    static void checkWidth(int width) {
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("a field is 1, 2, 4 or 8 octets wide, not " + width);
        }
    }

    private static void check(int length, int off, int width) {
        if (off < 0 || off > length) {
            throw new IndexOutOfBoundsException("offset " + off + " outside " + length + " octets");
        }
        if (length - off < width) {
            throw new TruncatedInputException(width, length - off);
        }
    }
}
