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
 * 8 octets at a time through a {@code long} view of the array in the platform's native byte
 * order (no byte swap per word on little-endian x86). The key, rotated to the starting phase, is
 * laid out in memory order, i.e. byte-reversed on a little-endian platform so that the array's
 * first octet meets the key's first octet, and replicated into both halves of a {@code long}.
 * The tail of fewer than 8 octets goes octet by octet. Plain {@link VarHandle} access on a
 * byte-array view is allowed at any index, aligned or not.
 */
public final class Masking {

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, NATIVE);

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
        int phased = phase(key, payloadPosition);
        long wide = wide(phased);
        int i = off;
        int wordsEnd = off + (len & ~7);
        for (; i < wordsEnd; i += 8) {
            LONGS.set(data, i, (long) LONGS.get(data, i) ^ wide);
        }
        // tail: at most 7 octets; the phase is unchanged because we advanced by a multiple of 4
        int end = off + len;
        for (int shift = 24; i < end; i++) {
            data[i] ^= (byte) (phased >>> shift);
            shift = (shift - 8) & 31;
        }
    }

    /**
     * Copies {@code len} octets from {@code src} to {@code dst}, masking or unmasking them on the
     * way, in one pass: the same result as {@code System.arraycopy} followed by
     * {@link #mask(byte[], int, int, int, long)} on the copy, with {@code src} left unchanged. The
     * two ranges must not overlap unless they are the same range.
     *
     * @param payloadPosition position within the frame payload of {@code src[srcOff]}
     */
    public static void maskCopy(byte[] src, int srcOff, byte[] dst, int dstOff, int len, int key,
                                long payloadPosition) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        int phased = phase(key, payloadPosition);
        long wide = wide(phased);
        int words = len & ~7;
        int i = 0;
        for (; i < words; i += 8) {
            LONGS.set(dst, dstOff + i, (long) LONGS.get(src, srcOff + i) ^ wide);
        }
        for (int shift = 24; i < len; i++) {
            dst[dstOff + i] = (byte) (src[srcOff + i] ^ (phased >>> shift));
            shift = (shift - 8) & 31;
        }
    }

    /** The key rotated so that its high octet is the one for payload octet {@code position}. */
    private static int phase(int key, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative payload position");
        }
        return Integer.rotateLeft(key, 8 * (int) (position & 3));
    }

    /** The phased key twice over, in memory order for the native-order {@code long} view. */
    private static long wide(int phased) {
        int inMemoryOrder = NATIVE == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(phased) : phased;
        return (inMemoryOrder & 0xFFFF_FFFFL) << 32 | (inMemoryOrder & 0xFFFF_FFFFL);
    }

    /** The key as its four wire octets. */
    public static byte[] keyBytes(int key) {
        return new byte[] {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
    }
}
