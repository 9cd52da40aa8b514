package org.netconform.broken.byteorder;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import org.netconform.reference.byteorder.LittleEndian;
import org.netconform.reference.byteorder.NetworkOrder;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.FieldRead;
import org.netconform.spi.byteorder.Width;

/**
 * Deliberately broken byte-order codecs, each wrong in one way, each registered as a target of the
 * suite's own tests. They start from the reference and break one thing.
 */
public abstract class BrokenByteOrderTarget implements Target {

    @Override
    public String description() {
        return "deliberately broken: " + getClass().getSimpleName();
    }

    @Override
    public List<AreaAdapter> adapters() {
        return List.of(codec());
    }

    abstract ByteOrderCodec codec();

    /** A correct codec to break by overriding one method. */
    static class Correct implements ByteOrderCodec {
        @Override
        public Set<String> capabilities() {
            return Set.of(LITTLE_ENDIAN);
        }

        @Override
        public byte[] write(Width width, long value, ByteOrder order) {
            return order == ByteOrder.BIG_ENDIAN ? NetworkOrder.encode(value, width.octets())
                    : LittleEndian.encode(value, width.octets());
        }

        @Override
        public FieldRead read(Width width, byte[] octets, ByteOrder order) {
            long v = order == ByteOrder.BIG_ENDIAN ? NetworkOrder.decodeExact(octets, width.octets())
                    : LittleEndian.get(octets, 0, width.octets());
            return new FieldRead(v, 0);
        }
    }

    /** Writes least significant octet first even when network order is asked for. */
    public static final class LittleEndianWriter extends BrokenByteOrderTarget {
        @Override
        public String id() {
            return "broken-little-endian-writer";
        }

        @Override
        ByteOrderCodec codec() {
            return new Correct() {
                @Override
                public byte[] write(Width width, long value, ByteOrder order) {
                    return super.write(width, value, ByteOrder.LITTLE_ENDIAN);
                }
            };
        }
    }

    /** Assembles fields from signed octets, the {@code (b0 << 8) | b1} mistake. */
    public static final class SignExtendingReader extends BrokenByteOrderTarget {
        @Override
        public String id() {
            return "broken-sign-extending-reader";
        }

        @Override
        ByteOrderCodec codec() {
            return new Correct() {
                @Override
                public FieldRead read(Width width, byte[] octets, ByteOrder order) {
                    if (octets.length < width.octets()) {
                        throw new IllegalArgumentException("short");
                    }
                    long v = octets[0]; // sign-extends the first octet
                    for (int i = 1; i < width.octets(); i++) {
                        v = (v << 8) | (octets[i] & 0xFF);
                    }
                    return new FieldRead(v, octets.length - width.octets());
                }
            };
        }
    }

    /** Zero-pads missing octets instead of signalling truncated input. */
    public static final class IgnoresMissingBytes extends BrokenByteOrderTarget {
        @Override
        public String id() {
            return "broken-ignores-missing-bytes";
        }

        @Override
        ByteOrderCodec codec() {
            return new Correct() {
                @Override
                public FieldRead read(Width width, byte[] octets, ByteOrder order) {
                    return super.read(width, java.util.Arrays.copyOf(octets, width.octets()), order);
                }
            };
        }
    }

    /** Keeps the low octets of a value that does not fit instead of refusing it. */
    public static final class TruncatingWriter extends BrokenByteOrderTarget {
        @Override
        public String id() {
            return "broken-truncating-writer";
        }

        @Override
        ByteOrderCodec codec() {
            return new Correct() {
                @Override
                public byte[] write(Width width, long value, ByteOrder order) {
                    return super.write(width, width.truncate(value), order);
                }
            };
        }
    }

    /** Correct, but its baseline (test resources) still lists a deviation: the baseline check must fail. */
    public static final class StaleBaseline extends BrokenByteOrderTarget {
        @Override
        public String id() {
            return "stale-baseline";
        }

        @Override
        ByteOrderCodec codec() {
            return new Correct();
        }
    }
}
