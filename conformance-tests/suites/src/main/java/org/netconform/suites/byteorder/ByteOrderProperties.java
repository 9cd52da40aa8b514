package org.netconform.suites.byteorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.harness.Values;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.Width;

/** Byte-order properties over every width and every value, run once per target. */
@ConformanceProperties
public class ByteOrderProperties {

    @Property(tries = 300)
    @Requirement("BO-ORDER-1")
    void writesMostSignificantOctetFirst(ByteOrderCodec codec, @ForAll Width width, @ForAll long raw) {
        long value = width.truncate(raw);
        assertThat(Values.hex(codec.write(width, value, ByteOrder.BIG_ENDIAN)))
                .as("%s %s in network order", width, Octets.unsigned(value, width))
                .isEqualTo(Values.hex(Octets.bigEndian(value, width)));
    }

    @Property(tries = 300)
    @Requirement("BO-ORDER-2")
    void readsMostSignificantOctetFirst(ByteOrderCodec codec, @ForAll Width width, @ForAll @Size(8) byte[] eight) {
        byte[] octets = Arrays.copyOf(eight, width.octets());
        // the order alone is judged here: a sign-extended value is BO-UNSIGNED's business
        assertThat(width.truncate(codec.read(width, octets, ByteOrder.BIG_ENDIAN).value()))
                .as("%s read from %s", width, Values.hex(octets))
                .isEqualTo(Octets.valueOf(octets));
    }

    @Property(tries = 300)
    @Requirement("BO-ORDER-3")
    void roundTripsEveryValue(ByteOrderCodec codec, @ForAll Width width, @ForAll long raw) {
        long value = width.truncate(raw);
        byte[] octets = codec.write(width, value, ByteOrder.BIG_ENDIAN);
        assertThat(codec.read(width, octets, ByteOrder.BIG_ENDIAN).value())
                .as("%s %s written as %s and read back", width, Octets.unsigned(value, width), Values.hex(octets))
                .isEqualTo(value);
    }

    @Property(tries = 300)
    @Requirement("BO-WIDTH-1")
    void writesExactlyTheWidth(ByteOrderCodec codec, @ForAll Width width, @ForAll long raw) {
        assertThat(codec.write(width, width.truncate(raw), ByteOrder.BIG_ENDIAN)).hasSize(width.octets());
    }

    @Property(tries = 300)
    @Requirement("BO-UNSIGNED-1")
    void highBitOctetsNeverSignExtend(ByteOrderCodec codec, @ForAll Width width, @ForAll @Size(8) byte[] eight) {
        byte[] octets = Arrays.copyOf(eight, width.octets());
        octets[0] |= (byte) 0x80;
        long read = codec.read(width, octets, ByteOrder.BIG_ENDIAN).value();
        if (width == Width.U64) {
            assertThat(Long.toUnsignedString(read)).isEqualTo(Long.toUnsignedString(Octets.valueOf(octets)));
        } else {
            assertThat(read).as("%s read from %s", width, Values.hex(octets)).isEqualTo(Octets.valueOf(octets));
        }
    }

    @Property(tries = 300)
    @Requirement("BO-LE-1")
    @RequiresCapability(ByteOrderCodec.LITTLE_ENDIAN)
    void littleEndianOnlyWhereAsked(ByteOrderCodec codec, @ForAll Width width, @ForAll long raw) {
        long value = width.truncate(raw);
        byte[] le = codec.write(width, value, ByteOrder.LITTLE_ENDIAN);
        assertThat(Values.hex(le)).isEqualTo(Values.hex(Octets.littleEndian(value, width)));
        // the order alone is judged here, as in BO-ORDER-2: a sign-extended value is BO-UNSIGNED's business
        assertThat(width.truncate(codec.read(width, le, ByteOrder.LITTLE_ENDIAN).value())).isEqualTo(value);
        // and a network-order field written afterwards is unaffected
        assertThat(Values.hex(codec.write(width, value, ByteOrder.BIG_ENDIAN)))
                .isEqualTo(Values.hex(Octets.bigEndian(value, width)));
    }

    @Property(tries = 300)
    @Requirement("BO-BITS-1")
    @RequiresCapability(ByteOrderCodec.BIT_FIELDS)
    void bitZeroIsTheMostSignificant(ByteOrderCodec codec, @ForAll int w, @ForAll("fields") Field field) {
        long word = w & 0xFFFF_FFFFL;
        long expected = (word >>> (31 - field.last())) & ((1L << field.bits()) - 1);
        assertThat(codec.bits(word, field.first(), field.last())).as("bits %s of %08X", field, word).isEqualTo(expected);
    }

    // word x field x value has thousands of edge-case combinations; BO-BITS-1 covers the field edges
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    @Requirement("BO-BITS-2")
    @RequiresCapability(ByteOrderCodec.BIT_FIELDS)
    void settingAFieldChangesOnlyItsBits(ByteOrderCodec codec, @ForAll int w, @ForAll("fields") Field field, @ForAll long raw) {
        long word = w & 0xFFFF_FFFFL;
        long value = raw & ((1L << field.bits()) - 1);
        long mask = ((1L << field.bits()) - 1) << (31 - field.last());
        long set = codec.withBits(word, field.first(), field.last(), value);
        assertThat(set & ~mask & 0xFFFF_FFFFL).as("bits outside %s", field).isEqualTo(word & ~mask & 0xFFFF_FFFFL);
        assertThat(codec.bits(set, field.first(), field.last())).isEqualTo(value);
    }

    /** A field of a 32-bit word by RFC bit numbering. */
    public record Field(int first, int last) {
        int bits() {
            return last - first + 1;
        }

        @Override
        public String toString() {
            return first + ".." + last;
        }
    }

    @Provide
    Arbitrary<Field> fields() {
        return Arbitraries.integers().between(0, 31)
                .flatMap(first -> Arbitraries.integers().between(first, 31).map(last -> new Field(first, last)));
    }
}
