package com.example.okio;

import java.io.EOFException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import okio.Buffer;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.FieldRead;
import org.netconform.spi.byteorder.Width;

/**
 * okio's {@code Buffer} as a byte-order target: {@code writeShort/Int/Long} and their {@code *Le}
 * forms, {@code readShort/Int/Long} and {@code *Le}, {@code writeByte/readByte} for one octet. The
 * adapter calls okio as a user would and fixes nothing up: the suite judges okio.
 */
public final class OkioBufferTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Codec());

    @Override
    public String id() {
        return "okio-buffer";
    }

    @Override
    public String description() {
        return "okio " + Buffer.class.getPackage().getImplementationVersion() + " okio.Buffer: typed write/read, big- and little-endian";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Codec implements ByteOrderCodec {
        @Override
        public Set<String> capabilities() {
            return Set.of(LITTLE_ENDIAN);
        }

        @Override
        public byte[] write(Width width, long value, ByteOrder order) {
            boolean le = order == ByteOrder.LITTLE_ENDIAN;
            Buffer b = new Buffer();
            switch (width) {
                // writeByte/writeShort/writeInt take an int: okio keeps the low octets of what it is given
                case U8 -> b.writeByte((int) value);
                case U16 -> {
                    if (le) {
                        b.writeShortLe((int) value);
                    } else {
                        b.writeShort((int) value);
                    }
                }
                case U32 -> {
                    if (le) {
                        b.writeIntLe((int) value);
                    } else {
                        b.writeInt((int) value);
                    }
                }
                case U64 -> {
                    if (le) {
                        b.writeLongLe(value);
                    } else {
                        b.writeLong(value);
                    }
                }
            }
            return b.readByteArray();
        }

        @Override
        public FieldRead read(Width width, byte[] octets, ByteOrder order) {
            boolean le = order == ByteOrder.LITTLE_ENDIAN;
            Buffer b = new Buffer().write(octets);
            try {
                // okio's readers return Java's signed types; it has no unsigned reader
                long v = switch (width) {
                    case U8 -> b.readByte();
                    case U16 -> le ? b.readShortLe() : b.readShort();
                    case U32 -> le ? b.readIntLe() : b.readInt();
                    case U64 -> le ? b.readLongLe() : b.readLong();
                };
                return new FieldRead(v, (int) b.size());
            } catch (EOFException e) {
                throw new IllegalArgumentException("okio: " + e.getMessage(), e);
            }
        }
    }
}
