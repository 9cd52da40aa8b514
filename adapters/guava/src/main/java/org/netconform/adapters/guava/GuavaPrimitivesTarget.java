package org.netconform.adapters.guava;

import com.google.common.primitives.Ints;
import com.google.common.primitives.Longs;
import com.google.common.primitives.Shorts;
import com.google.common.primitives.UnsignedBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Properties;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.FieldRead;
import org.netconform.spi.byteorder.Width;

/**
 * Guava's {@code com.google.common.primitives}: {@code Shorts/Ints/Longs.toByteArray} and
 * {@code fromByteArray}, {@code UnsignedBytes} for one octet. Big-endian only, so the codec declares
 * no little-endian capability.
 */
public final class GuavaPrimitivesTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Codec());

    @Override
    public String id() {
        return "guava-primitives";
    }

    @Override
    public String description() {
        return "Guava " + guavaVersion()
                + " com.google.common.primitives (UnsignedBytes, Shorts, Ints, Longs): byte arrays, in process";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    /** Guava has no version API; its jar carries Maven's pom.properties. */
    private static String guavaVersion() {
        try (InputStream in = Ints.class.getResourceAsStream("/META-INF/maven/com.google.guava/guava/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "(version unknown)");
            }
        } catch (IOException e) {
            // fall through
        }
        return "(version unknown)";
    }

    static final class Codec implements ByteOrderCodec {

        @Override
        public byte[] write(Width width, long value, ByteOrder order) {
            requireNetworkOrder(order);
            return switch (width) {
                // Guava's checked conversion to an unsigned byte: refuses values outside 0..255
                case U8 -> new byte[] {UnsignedBytes.checkedCast(value)};
                // toByteArray takes a typed value: the (short)/(int) cast a user holding a long writes
                // keeps the low octets of a value that does not fit; Guava never sees it to refuse it
                case U16 -> Shorts.toByteArray((short) value);
                case U32 -> Ints.toByteArray((int) value);
                case U64 -> Longs.toByteArray(value);
            };
        }

        @Override
        public FieldRead read(Width width, byte[] octets, ByteOrder order) {
            requireNetworkOrder(order);
            long value = switch (width) {
                // Guava has no reader of one octet from an array, so no length check of its own: the octet
                // is indexed as a user would, and an empty array throws ArrayIndexOutOfBoundsException
                case U8 -> UnsignedBytes.toInt(octets[0]);
                // fromByteArray: IllegalArgumentException when the array is too short; signed; reads the
                // first 2/4/8 octets and ignores any after them
                case U16 -> Shorts.fromByteArray(octets);
                case U32 -> Ints.fromByteArray(octets);
                case U64 -> Longs.fromByteArray(octets);
            };
            // a whole-array decoder: nothing shows how many octets it left unread
            return new FieldRead(value, FieldRead.UNKNOWN);
        }

        private static void requireNetworkOrder(ByteOrder order) {
            if (order != ByteOrder.BIG_ENDIAN) {
                throw new UnsupportedOperationException("Guava's Shorts/Ints/Longs byte arrays are big-endian only");
            }
        }
    }
}
