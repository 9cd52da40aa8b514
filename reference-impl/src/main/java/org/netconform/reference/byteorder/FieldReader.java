package org.netconform.reference.byteorder;

/**
 * A cursor over octets that reads fields in one byte order, and whose views (slices and duplicates)
 * keep that order: the property java.nio.ByteBuffer lacks (its views revert to big-endian, BO-VIEW-1).
 */
public final class FieldReader {
    private final byte[] octets;
    private final int start;
    private final int end;
    private final boolean littleEndian;
    private int position;

    private FieldReader(byte[] octets, int start, int end, boolean littleEndian) {
        this.octets = octets;
        this.start = start;
        this.end = end;
        this.littleEndian = littleEndian;
        this.position = start;
    }

    public static FieldReader networkOrder(byte[] octets) {
        return new FieldReader(octets, 0, octets.length, false);
    }

    public static FieldReader littleEndian(byte[] octets) {
        return new FieldReader(octets, 0, octets.length, true);
    }

    public long read(int width) {
        NetworkOrder.checkWidth(width);
        if (end - position < width) {
            throw new TruncatedInputException(width, end - position);
        }
        long v = littleEndian ? LittleEndian.get(octets, position, width) : NetworkOrder.get(octets, position, width);
        position += width;
        return v;
    }

    /** The unread octets, as a reader of the same order. */
    public FieldReader slice() {
        return new FieldReader(octets, position, end, littleEndian);
    }

    /** A second cursor over the same octets, at the same position, in the same order. */
    public FieldReader duplicate() {
        FieldReader d = new FieldReader(octets, start, end, littleEndian);
        d.position = position;
        return d;
    }

    public int remaining() {
        return end - position;
    }
}
