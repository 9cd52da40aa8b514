package org.netconform.targets.reference;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import org.netconform.reference.byteorder.BitField;
import org.netconform.reference.byteorder.ExtraInputException;
import org.netconform.reference.byteorder.FieldReader;
import org.netconform.reference.byteorder.LittleEndian;
import org.netconform.reference.byteorder.NetworkOrder;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.FieldRead;
import org.netconform.spi.byteorder.Width;

final class ReferenceByteOrderCodec implements ByteOrderCodec {

    @Override
    public Set<String> capabilities() {
        return Set.of(LITTLE_ENDIAN, VIEWS, BIT_FIELDS);
    }

    @Override
    public byte[] write(Width width, long value, ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? NetworkOrder.encode(value, width.octets())
                : LittleEndian.encode(value, width.octets());
    }

    @Override
    public FieldRead read(Width width, byte[] octets, ByteOrder order) {
        if (octets.length > width.octets()) {
            throw new ExtraInputException(width.octets(), octets.length);
        }
        long v = order == ByteOrder.BIG_ENDIAN ? NetworkOrder.decodeExact(octets, width.octets())
                : LittleEndian.get(octets, 0, width.octets());
        return new FieldRead(v, 0);
    }

    @Override
    public List<String> views() {
        return List.of("slice", "duplicate");
    }

    @Override
    public long readThroughView(String view, Width width, byte[] octets, ByteOrder order) {
        FieldReader source = order == ByteOrder.BIG_ENDIAN ? FieldReader.networkOrder(octets)
                : FieldReader.littleEndian(octets);
        FieldReader derived = switch (view) {
            case "slice" -> source.slice();
            case "duplicate" -> source.duplicate();
            default -> throw new IllegalArgumentException("no view " + view);
        };
        return derived.read(width.octets());
    }

    @Override
    public long bits(long word, int first, int last) {
        return BitField.get(word, first, last);
    }

    @Override
    public long withBits(long word, int first, int last, long value) {
        return BitField.set(word, first, last, value);
    }
}
