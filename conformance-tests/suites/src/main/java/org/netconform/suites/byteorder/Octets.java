package org.netconform.suites.byteorder;

import org.netconform.spi.byteorder.Width;

/** The suite's own oracle for field layouts, written from the definition and independent of any target. */
final class Octets {
    private Octets() {
    }

    static byte[] bigEndian(long value, Width width) {
        byte[] out = new byte[width.octets()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (value >>> (8 * (out.length - 1 - i)));
        }
        return out;
    }

    static byte[] littleEndian(long value, Width width) {
        byte[] out = new byte[width.octets()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    /** The unsigned value of big-endian octets: b0 is the most significant. */
    static long valueOf(byte[] octets) {
        long v = 0;
        for (byte b : octets) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    static String unsigned(long value, Width width) {
        return width == Width.U64 ? Long.toUnsignedString(value) : Long.toString(value);
    }
}
