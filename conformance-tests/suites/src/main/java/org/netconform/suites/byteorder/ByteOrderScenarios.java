package org.netconform.suites.byteorder;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
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
        List<String> problems = new ArrayList<>();
        for (Vector v : VECTORS) {
            String written = Values.hex(codec.write(v.width(), v.value(), ByteOrder.BIG_ENDIAN));
            if (!written.equals(v.octets())) {
                problems.add("write " + v.width() + " " + v.valueText() + ": " + written + ", expected " + v.octets());
            }
            String read = Long.toUnsignedString(codec.read(v.width(), v.bytes(), ByteOrder.BIG_ENDIAN).value());
            if (!read.equals(Long.toUnsignedString(v.value()))) {
                problems.add("read " + v.width() + " from " + v.octets() + ": " + read + ", expected "
                        + Long.toUnsignedString(v.value()));
            }
        }
        Check.all(VECTORS.size() + " vectors written and read as in spec/byte-order.md", problems,
                "all " + VECTORS.size() + " hold both ways");
    }

    @ConformanceTest
    @Requirement("BO-UNSIGNED-1")
    void highBitVectorsReadUnsigned(ByteOrderCodec codec) {
        long u16 = codec.read(Width.U16, HEX.parseHex("80 81"), ByteOrder.BIG_ENDIAN).value();
        long u32 = codec.read(Width.U32, HEX.parseHex("FF FF FF FF"), ByteOrder.BIG_ENDIAN).value();
        long u8 = codec.read(Width.U8, HEX.parseHex("FF"), ByteOrder.BIG_ENDIAN).value();
        Check.that("u8 FF = 255, u16 80 81 = 32897, u32 FF FF FF FF = 4294967295",
                "u8 = " + u8 + ", u16 = " + u16 + ", u32 = " + u32, u8 == 255L && u16 == 32897L && u32 == 4294967295L);
    }

    @ConformanceTest
    @Requirement("BO-UNSIGNED-2")
    void u64WithHighBitReadsUnsigned(ByteOrderCodec codec) {
        long v = codec.read(Width.U64, HEX.parseHex("FF FF FF FF FF FF FF FE"), ByteOrder.BIG_ENDIAN).value();
        Check.equal("u64 FF FF FF FF FF FF FF FE", "18446744073709551614", Long.toUnsignedString(v));
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
        Check.all("every out-of-range value refused (u8 256, u16 0x10000 and -1, u32 2^32 and -1)", accepted,
                "all refused");
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
        String what;
        try {
            byte[] out = codec.write(Width.U16, 0x12345, ByteOrder.BIG_ENDIAN);
            boolean lowOctets = Values.hex(out).equals("23 45");
            what = "u16 0x12345 written as " + Values.hex(out) + (lowOctets ? " (keeps the low octets)" : "");
        } catch (RuntimeException e) {
            what = "refused: " + e.getClass().getSimpleName();
        }
        Check.record("what writing 0x12345 as a u16 does", what);
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
        Check.all("an error for every field given fewer octets than its width", values,
                "every truncated read signalled an error");
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
        Check.all("a field given one octet more than its width: an error, or the extra octet reported unread", silent,
                "extra octets signalled or left visibly unread");
    }

    @ConformanceTest
    @Requirement("BO-BITS-1")
    @RequiresCapability(ByteOrderCodec.BIT_FIELDS)
    void ipv4HeaderFieldsByRfcBitNumbers(ByteOrderCodec codec) {
        long word = 0x4500_0054L; // version 4, IHL 5, DSCP/ECN 0, total length 84
        Check.equal("version, bits 0..3 of 45 00 00 54", 4L, codec.bits(word, 0, 3));
        Check.equal("IHL, bits 4..7 of 45 00 00 54", 5L, codec.bits(word, 4, 7));
        Check.equal("total length, bits 16..31 of 45 00 00 54", 84L, codec.bits(word, 16, 31));
    }

    @ConformanceTest
    @Requirement("BO-BITS-2")
    @RequiresCapability(ByteOrderCodec.BIT_FIELDS)
    void tooWideABitFieldValueIsRefused(ByteOrderCodec codec) {
        List<String> accepted = new ArrayList<>();
        tryBits(() -> codec.withBits(0, 0, 3, 16), "16 in bits 0..3", accepted);
        tryBits(() -> codec.withBits(0, 16, 31, 0x1_0000), "0x10000 in bits 16..31", accepted);
        Check.all("16 in a 4-bit field and 0x10000 in a 16-bit field refused", accepted, "both refused");
    }

    private static void tryBits(java.util.function.LongSupplier set, String what, List<String> accepted) {
        try {
            accepted.add(what + " set, giving 0x" + Long.toHexString(set.getAsLong()).toUpperCase());
        } catch (Throwable refused) {
            // the required behaviour: anything thrown counts as refusing
        }
    }

    @ConformanceTest
    @Requirement("BO-VIEW-1")
    @RequiresCapability(ByteOrderCodec.VIEWS)
    void viewsKeepTheSourceOrder(ByteOrderCodec codec) {
        byte[] le = Octets.littleEndian(0x01234567L, Width.U32);
        List<String> seen = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (String view : codec.views()) {
            long v = codec.readThroughView(view, Width.U32, le, ByteOrder.LITTLE_ENDIAN);
            seen.add(view + " read 0x" + Long.toHexString(v & 0xFFFF_FFFFL).toUpperCase());
            if ((v & 0xFFFF_FFFFL) != 0x01234567L) {
                wrong.add("u32 through " + view + "() of a little-endian buffer over " + Values.hex(le) + ": 0x"
                        + Long.toHexString(v & 0xFFFF_FFFFL).toUpperCase());
            }
        }
        Check.all("every view reads 67 45 23 01 as 0x1234567", wrong, String.join("; ", seen));
    }
}
