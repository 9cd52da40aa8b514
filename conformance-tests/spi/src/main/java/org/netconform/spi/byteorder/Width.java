package org.netconform.spi.byteorder;

/** The unsigned field widths of the byte-order area. */
public enum Width {
    U8(1), U16(2), U32(4), U64(8);

    private final int octets;

    Width(int octets) {
        this.octets = octets;
    }

    public int octets() {
        return octets;
    }

    /** Whether {@code value} is a valid unsigned value of this width (every long is a valid u64). */
    public boolean fits(long value) {
        return octets == 8 || (value >= 0 && value >>> (8 * octets) == 0);
    }

    /** Masks a long to this width: the unsigned value its low octets hold. */
    public long truncate(long value) {
        return octets == 8 ? value : value & ((1L << (8 * octets)) - 1);
    }
}
