package org.netconform.suites.byteorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.harness.Values;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.FieldRead;
import org.netconform.spi.byteorder.Width;

/** Named byte-order scenarios: the spec's vectors and its edge cases, one requirement each. */
public class ByteOrderScenarios {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    /** The vectors of BO-VEC-1, as written in spec/byte-order.md. */
    static final List<Vector> VECTORS = List.of(
            new Vector(Width.U8, 0xFFL, "FF"),
            new Vector(Width.U16, 0x8081L, "80 81"),
            new Vector(Width.U16, 0xFFFEL, "FF FE"),
            new Vector(Width.U32, 0x01234567L, "01 23 45 67"),
            new Vector(Width.U32, 0xFFFFFFFFL, "FF FF FF FF"),
            new Vector(Width.U32, 0x8081C0FFL, "80 81 C0 FF"),
            new Vector(Width.U64, 0x0123456789ABCDEFL, "01 23 45 67 89 AB CD EF"),
            new Vector(Width.U64, 0xFFFFFFFFFFFFFFFEL, "FF FF FF FF FF FF FF FE"));

    record Vector(Width width, long value, String octets) {
        byte[] bytes() {
            return HEX.parseHex(octets);
        }

        String valueText() {
            return Octets.unsigned(value, width) + " (0x" + Long.toHexString(value).toUpperCase() + ")";
        }
    }

    @ConformanceTest
    @Requirement("BO-VEC-1")
    void vectorsHoldBothWays(ByteOrderCodec codec) {
        SoftAssertions soft = new SoftAssertions();
        for (Vector v : VECTORS) {
            soft.assertThat(Values.hex(codec.write(v.width(), v.value(), ByteOrder.BIG_ENDIAN)))
                    .as("write %s %s", v.width(), v.valueText()).isEqualTo(v.octets());
            soft.assertThat(Long.toUnsignedString(codec.read(v.width(), v.bytes(), ByteOrder.BIG_ENDIAN).value()))
                    .as("read %s from %s", v.width(), v.octets()).isEqualTo(Long.toUnsignedString(v.value()));
        }
        Observation.expected(VECTORS.size() + " vectors written and read as in spec/byte-order.md");
        soft.assertAll();
    }

    @ConformanceTest
    @Requirement("BO-UNSIGNED-1")
    void highBitVectorsReadUnsigned(ByteOrderCodec codec) {
        long u16 = codec.read(Width.U16, HEX.parseHex("80 81"), ByteOrder.BIG_ENDIAN).value();
        long u32 = codec.read(Width.U32, HEX.parseHex("FF FF FF FF"), ByteOrder.BIG_ENDIAN).value();
        long u8 = codec.read(Width.U8, HEX.parseHex("FF"), ByteOrder.BIG_ENDIAN).value();
        Observation.expected("u8 FF = 255, u16 80 81 = 32897, u32 FF FF FF FF = 4294967295");
        Observation.observed("u8 = " + u8 + ", u16 = " + u16 + ", u32 = " + u32);
        assertThat(List.of(u8, u16, u32)).containsExactly(255L, 32897L, 4294967295L);
    }

    @ConformanceTest
    @Requirement("BO-UNSIGNED-2")
    void u64WithHighBitReadsUnsigned(ByteOrderCodec codec) {
        long v = codec.read(Width.U64, HEX.parseHex("FF FF FF FF FF FF FF FE"), ByteOrder.BIG_ENDIAN).value();
        Observation.observed(Long.toUnsignedString(v));
        assertThat(Long.toUnsignedString(v)).isEqualTo("18446744073709551614");
    }

    @ConformanceTest
    @Requirement("BO-WIDTH-2")
    void refusesValuesThatDoNotFit(ByteOrderCodec codec) {
        List<String> accepted = new ArrayList<>();
        tryWrite(codec, Width.U8, 256, accepted);
        tryWrite(codec, Width.U16, 0x1_0000, accepted);
        tryWrite(codec, Width.U16, -1, accepted);
        tryWrite(codec, Width.U32, 1L << 32, accepted);
        tryWrite(codec, Width.U32, -1, accepted);
        Observation.expected("every out-of-range value refused");
        Observation.observed(accepted.isEmpty() ? "all refused" : String.join("; ", accepted));
        assertThat(accepted).as("out-of-range values written instead of refused").isEmpty();
    }

    private static void tryWrite(ByteOrderCodec codec, Width width, long value, List<String> accepted) {
        try {
            byte[] out = codec.write(width, value, ByteOrder.BIG_ENDIAN);
            accepted.add(width + " " + value + " written as " + Values.hex(out));
        } catch (RuntimeException refused) {
            // the required behaviour
        }
    }

    @ConformanceTest
    @Requirement("BO-INFO-1")
    void whatAnOutOfRangeWriteDoes(ByteOrderCodec codec) {
        try {
            byte[] out = codec.write(Width.U16, 0x12345, ByteOrder.BIG_ENDIAN);
            boolean lowOctets = Values.hex(out).equals("23 45");
            Observation.observed("u16 0x12345 written as " + Values.hex(out)
                    + (lowOctets ? " (keeps the low octets)" : ""));
        } catch (RuntimeException e) {
            Observation.observed("refused: " + e.getClass().getSimpleName());
        }
    }

    @ConformanceTest
    @Requirement("BO-TRUNC-1")
    void truncatedInputIsAnError(ByteOrderCodec codec) {
        List<String> values = new ArrayList<>();
        for (Width w : Width.values()) {
            for (int n = 0; n < w.octets(); n++) {
                byte[] shortInput = new byte[n];
                java.util.Arrays.fill(shortInput, (byte) 0xAB);
                try {
                    FieldRead r = codec.read(w, shortInput, ByteOrder.BIG_ENDIAN);
                    values.add(w + " from " + n + " octets gave " + Long.toUnsignedString(r.value()));
                } catch (RuntimeException expected) {
                    // the required behaviour
                }
            }
        }
        Observation.expected("an error for every field given fewer octets than its width");
        Observation.observed(values.isEmpty() ? "every truncated read signalled an error" : String.join("; ", values));
        assertThat(values).as("values returned from truncated input").isEmpty();
    }

    @ConformanceTest
    @Requirement("BO-EXTRA-1")
    void extraInputIsNotSilentlyIgnored(ByteOrderCodec codec) {
        List<String> silent = new ArrayList<>();
        for (Width w : Width.values()) {
            byte[] longer = new byte[w.octets() + 1];
            try {
                FieldRead r = codec.read(w, longer, ByteOrder.BIG_ENDIAN);
                if (r.unread() < 1) {
                    silent.add(w + " from " + longer.length + " octets: no error, "
                            + (r.unread() == FieldRead.UNKNOWN ? "no way to see the unread octet" : r.unread() + " unread"));
                }
            } catch (RuntimeException signalled) {
                // an error is one acceptable way to signal it
            }
        }
        Observation.observed(silent.isEmpty() ? "extra octets signalled or left visibly unread" : String.join("; ", silent));
        assertThat(silent).as("extra octets silently ignored").isEmpty();
    }

    @ConformanceTest
    @Requirement("BO-BITS-1")
    @RequiresCapability(ByteOrderCodec.BIT_FIELDS)
    void ipv4HeaderFieldsByRfcBitNumbers(ByteOrderCodec codec) {
        long word = 0x4500_0054L; // version 4, IHL 5, DSCP/ECN 0, total length 84
        assertThat(codec.bits(word, 0, 3)).as("version, bits 0..3").isEqualTo(4);
        assertThat(codec.bits(word, 4, 7)).as("IHL, bits 4..7").isEqualTo(5);
        assertThat(codec.bits(word, 16, 31)).as("total length, bits 16..31").isEqualTo(84);
    }

    @ConformanceTest
    @Requirement("BO-BITS-2")
    @RequiresCapability(ByteOrderCodec.BIT_FIELDS)
    void tooWideABitFieldValueIsRefused(ByteOrderCodec codec) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThatThrownBy(() -> codec.withBits(0, 0, 3, 16)).as("16 in 4 bits");
        soft.assertThatThrownBy(() -> codec.withBits(0, 16, 31, 0x1_0000)).as("0x10000 in 16 bits");
        soft.assertAll();
    }

    @ConformanceTest
    @Requirement("BO-VIEW-1")
    @RequiresCapability(ByteOrderCodec.VIEWS)
    void viewsKeepTheSourceOrder(ByteOrderCodec codec) {
        byte[] le = Octets.littleEndian(0x01234567L, Width.U32);
        List<String> seen = new ArrayList<>();
        SoftAssertions soft = new SoftAssertions();
        for (String view : codec.views()) {
            long v = codec.readThroughView(view, Width.U32, le, ByteOrder.LITTLE_ENDIAN);
            seen.add(view + " read 0x" + Long.toHexString(v & 0xFFFF_FFFFL).toUpperCase());
            soft.assertThat(v & 0xFFFF_FFFFL).as("u32 through %s() of a little-endian buffer over %s", view, Values.hex(le))
                    .isEqualTo(0x01234567L);
        }
        Observation.expected("every view reads 67 45 23 01 as 0x1234567");
        Observation.observed(String.join("; ", seen));
        soft.assertAll();
    }
}
