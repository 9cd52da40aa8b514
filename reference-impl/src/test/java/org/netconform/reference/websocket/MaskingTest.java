package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MaskingTest {

    /** The obvious implementation of §5.3, octet by octet, to compare the word-wise one against. */
    private static void naive(byte[] data, int off, int len, int key, long position) {
        byte[] k = Masking.keyBytes(key);
        for (int i = 0; i < len; i++) {
            data[off + i] ^= k[(int) ((position + i) & 3)];
        }
    }

    @Property
    void maskingTwiceIsIdentity(@ForAll @Size(max = 100) byte[] data, @ForAll int key) {
        byte[] copy = data.clone();
        Masking.mask(copy, 0, copy.length, key);
        Masking.unmask(copy, 0, copy.length, key);
        assertThat(copy).isEqualTo(data);
    }

    @Property(tries = 2000)
    void wordWiseEqualsNaiveAtEveryOffsetLengthAndPhase(@ForAll @Size(max = 64) byte[] data,
                                                        @ForAll @IntRange(max = 64) int off,
                                                        @ForAll @IntRange(max = 64) int len,
                                                        @ForAll @IntRange(max = 1000) int position,
                                                        @ForAll int key) {
        off = Math.min(off, data.length);
        len = Math.min(len, data.length - off);
        byte[] fast = data.clone();
        byte[] slow = data.clone();
        Masking.mask(fast, off, len, key, position);
        naive(slow, off, len, key, position);
        assertThat(fast).isEqualTo(slow);
    }

    @Property(tries = 2000)
    void maskCopyEqualsCopyThenNaiveAtEveryOffsetLengthAndPhase(@ForAll @Size(max = 64) byte[] src,
                                                                @ForAll @IntRange(max = 64) int srcOff,
                                                                @ForAll @IntRange(max = 64) int dstOff,
                                                                @ForAll @IntRange(max = 64) int len,
                                                                @ForAll @IntRange(max = 1000) int position,
                                                                @ForAll int key) {
        srcOff = Math.min(srcOff, src.length);
        len = Math.min(len, src.length - srcOff);
        byte[] original = src.clone();
        byte[] fast = new byte[dstOff + len + 3];
        java.util.Arrays.fill(fast, (byte) 0x5a);
        byte[] slow = fast.clone();
        Masking.maskCopy(src, srcOff, fast, dstOff, len, key, position);
        System.arraycopy(src, srcOff, slow, dstOff, len);
        naive(slow, dstOff, len, key, position);
        assertThat(fast).isEqualTo(slow);
        assertThat(src).isEqualTo(original);
    }

    @Property(tries = 300)
    void maskCopyInPlaceEqualsMask(@ForAll @Size(max = 64) byte[] data, @ForAll @IntRange(max = 1000) int position,
                                   @ForAll int key) {
        byte[] a = data.clone();
        byte[] b = data.clone();
        Masking.maskCopy(a, 0, a, 0, a.length, key, position);
        Masking.mask(b, 0, b.length, key, position);
        assertThat(a).isEqualTo(b);
    }

    @Property
    void unmaskingInChunksEqualsUnmaskingWhole(@ForAll @Size(max = 200) byte[] data, @ForAll int key,
                                               @ForAll @IntRange(min = 1, max = 13) int chunk) {
        byte[] whole = data.clone();
        Masking.unmask(whole, 0, whole.length, key);
        byte[] pieces = data.clone();
        for (int p = 0; p < pieces.length; p += chunk) {
            Masking.mask(pieces, p, Math.min(chunk, pieces.length - p), key, p);
        }
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void rfcExampleMaskedHello() {
        // §5.7: "Hello" masked with 37 fa 21 3d
        byte[] hello = "Hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Masking.mask(hello, 0, hello.length, 0x37fa213d);
        assertThat(hello).containsExactly(0x7f, 0x9f, 0x4d, 0x51, 0x58);
    }
}
