package org.netconform.spi.byteorder;

/**
 * What reading one field gave: the value, and how many of the given octets the API shows as still
 * unread ({@link #UNKNOWN} when the API gives no way to tell, as with a whole-array decoder).
 */
public record FieldRead(long value, int unread) {
    public static final int UNKNOWN = -1;
}
