package org.netconform.reference.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The masking transform of RFC 6455 §5.3: octet i of the payload is XORed with octet
 * {@code i mod 4} of the 32-bit masking key. XOR is its own inverse, so masking and unmasking
 * are the same operation.
 *
 * <p>Every client frame is masked, so this runs over every octet a server receives. It works on
 * 8 octets at a time: the key, rotated to the right phase, is replicated into a {@code long} and
 * XORed through a big-endian {@code long} view of the array (big-endian so that the array's
 * first octet meets the key's first octet); the tail of fewer than 8 octets goes octet by octet.
 * Plain {@link VarHandle} access on a byte-array view is allowed at any index, aligned or not.
 */
public final class Masking {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {
    }

    /**
     * Masks or unmasks {@code len} octets of {@code data} in place, where {@code data[off]} is
     * payload octet 0.
     *
     * @param key masking key, first key octet in the high byte (the order it has on the wire)
     */
    public static void mask(byte[] data, int off, int len, int key) {
        mask(data, off, len, key, 0);
    }

    /**
     * Unmasks in place; the same as {@link #mask(byte[], int, int, int)}, named for readability.
     */
    public static void unmask(byte[] data, int off, int len, int key) {
        mask(data, off, len, key, 0);
    }

    /**
     * Masks or unmasks in place a stretch of payload that does not start at payload octet 0,
     * e.g. a chunk of a frame that arrived in pieces.
     *
     * @param payloadPosition position within the frame payload of {@code data[off]}; decides
     *                        which key octet applies first ({@code payloadPosition mod 4})
     */
    public static void mask(byte[] data, int off, int len, int key, long payloadPosition) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (payloadPosition < 0) {
            throw new IllegalArgumentException("negative payload position");
        }
        // rotate so that the key's high octet is the one for data[off]
        int phased = Integer.rotateLeft(key, 8 * (int) (payloadPosition & 3));
        long wide = (phased & 0xFFFF_FFFFL) << 32 | (phased & 0xFFFF_FFFFL);
        int i = off;
        int wordsEnd = off + (len & ~7);
        for (; i < wordsEnd; i += 8) {
            long v = (long) LONGS.get(data, i);
            LONGS.set(data, i, v ^ wide);
        }
        // tail: at most 7 octets; the phase is unchanged because we advanced by a multiple of 4
        int end = off + len;
        for (int shift = 24; i < end; i++) {
            data[i] ^= (byte) (phased >>> shift);
            shift = (shift - 8) & 31;
        }
    }

    /** The key as its four wire octets. */
    public static byte[] keyBytes(int key) {
        return new byte[] {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
    }
}
