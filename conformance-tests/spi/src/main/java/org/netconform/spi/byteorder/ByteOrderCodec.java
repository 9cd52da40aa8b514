package org.netconform.spi.byteorder;

import java.nio.ByteOrder;
import java.util.List;
import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * The byte-order adapter, at the codec layer. Implement each method with the library's own call for
 * the width (its unsigned accessor where it has one) and fix nothing up: the suite judges the
 * library, so a signed accessor, a silent truncation or an ignored octet must reach the suite as is.
 * An error the library signals is thrown, as any exception.
 */
public interface ByteOrderCodec extends AreaAdapter {
    /** Writes and reads {@link ByteOrder#LITTLE_ENDIAN} fields (BO-LE-1). */
    String LITTLE_ENDIAN = "little-endian";
    /** Offers buffer views, listed by {@link #views()} (BO-VIEW-1). */
    String VIEWS = "views";
    /** Extracts and sets fields by RFC bit numbering (BO-BITS-*). */
    String BIT_FIELDS = "bit-fields";

    @Override
    default Layer layer() {
        return Layer.CODEC;
    }

    /** The octets of one field of this width holding {@code value}, in this order. */
    byte[] write(Width width, long value, ByteOrder order);

    /**
     * Reads one field of this width from the start of {@code octets}, which were given for exactly
     * that field (so there may be too few or too many).
     */
    FieldRead read(Width width, byte[] octets, ByteOrder order);

    /** The views the library derives from a buffer (e.g. "slice", "duplicate"); empty if none. */
    default List<String> views() {
        return List.of();
    }

    /**
     * Sets {@code order} on a buffer over {@code octets}, derives {@code view} from it the way a user
     * of the library would, and reads one field through the view.
     */
    default long readThroughView(String view, Width width, byte[] octets, ByteOrder order) {
        throw new UnsupportedOperationException("no views");
    }

    /** Bits {@code first..last} of a 32-bit word, bit 0 the most significant. */
    default long bits(long word, int first, int last) {
        throw new UnsupportedOperationException("no bit fields");
    }

    /** The word with bits {@code first..last} set to {@code value}. */
    default long withBits(long word, int first, int last, long value) {
        throw new UnsupportedOperationException("no bit fields");
    }
}
