package org.netconform.reference.byteorder;

/**
 * Fields inside a 32-bit word numbered as RFC packet diagrams number them: bit 0 is the most
 * significant bit (RFC 791 Appendix B). A field at bits {@code first..last} occupies
 * {@code last - first + 1} bits and its value is {@code (word >>> (31 - last)) & mask}.
 */
public final class BitField {
    private BitField() {
    }

    public static long get(long word, int first, int last) {
        check(first, last);
        return (word >>> (31 - last)) & mask(first, last);
    }

    /** The word with bits {@code first..last} replaced by {@code value}; other bits unchanged. */
    public static long set(long word, int first, int last, long value) {
        check(first, last);
        long mask = mask(first, last);
        if (value < 0 || (value & ~mask) != 0) {
            throw new IllegalArgumentException(value + " does not fit " + (last - first + 1) + " bits");
        }
        int shift = 31 - last;
        return (word & ~(mask << shift) & 0xFFFF_FFFFL) | (value << shift);
    }

    private static long mask(int first, int last) {
        return (1L << (last - first + 1)) - 1;
    }

    private static void check(int first, int last) {
        if (first < 0 || last > 31 || first > last) {
            throw new IllegalArgumentException("bits " + first + ".." + last + " are not a field of a 32-bit word");
        }
    }
}
