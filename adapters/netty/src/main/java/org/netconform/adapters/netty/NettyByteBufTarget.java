package org.netconform.adapters.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.Version;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.FieldRead;
import org.netconform.spi.byteorder.Width;

/** Netty's {@link ByteBuf}: unpooled heap buffers, the plain and {@code *LE} accessors, in process. */
public final class NettyByteBufTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Codec());

    @Override
    public String id() {
        return "netty-bytebuf";
    }

    @Override
    public String description() {
        Version v = Version.identify(ByteBuf.class.getClassLoader()).get("netty-buffer");
        return "Netty " + (v == null ? "(version unknown)" : v.artifactVersion())
                + " io.netty.buffer.ByteBuf: Unpooled heap buffers, plain and *LE accessors, in process";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Codec implements ByteOrderCodec {
        @Override
        public Set<String> capabilities() {
            return Set.of(LITTLE_ENDIAN, VIEWS);
        }

        @Override
        public byte[] write(Width width, long value, ByteOrder order) {
            boolean le = order == ByteOrder.LITTLE_ENDIAN;
            ByteBuf buf = Unpooled.buffer(width.octets());
            try {
                // writeByte/writeShort/writeInt(LE) take an int and keep its low 8/16/32 bits; the (int) cast
                // a user holding a long writes drops its high 32 bits. Nothing refuses a value that does not fit.
                switch (width) {
                    case U8 -> buf.writeByte((int) value);
                    case U16 -> {
                        if (le) {
                            buf.writeShortLE((int) value);
                        } else {
                            buf.writeShort((int) value);
                        }
                    }
                    case U32 -> {
                        if (le) {
                            buf.writeIntLE((int) value);
                        } else {
                            buf.writeInt((int) value);
                        }
                    }
                    case U64 -> {
                        if (le) {
                            buf.writeLongLE(value);
                        } else {
                            buf.writeLong(value);
                        }
                    }
                }
                return ByteBufUtil.getBytes(buf);
            } finally {
                buf.release();
            }
        }

        @Override
        public FieldRead read(Width width, byte[] octets, ByteOrder order) {
            ByteBuf buf = Unpooled.wrappedBuffer(octets);
            long value = order == ByteOrder.LITTLE_ENDIAN ? readLE(buf, width) : read(buf, width);
            return new FieldRead(value, buf.readableBytes());
        }

        @Override
        public List<String> views() {
            return List.of("slice", "duplicate", "asReadOnly");
        }

        // ByteBuf.order(ByteOrder) is deprecated in favour of the *LE accessors; a buffer given an order
        // and then sliced or duplicated is exactly how the question of BO-VIEW-1 arises, so it is used here.
        @SuppressWarnings("deprecation")
        @Override
        public long readThroughView(String view, Width width, byte[] octets, ByteOrder order) {
            ByteBuf source = Unpooled.wrappedBuffer(octets).order(order);
            ByteBuf derived = switch (view) {
                case "slice" -> source.slice();
                case "duplicate" -> source.duplicate();
                case "asReadOnly" -> source.asReadOnly();
                default -> throw new IllegalArgumentException("ByteBuf has no view " + view);
            };
            // the plain accessors follow the buffer's order: whatever order the view has is the answer
            return read(derived, width);
        }

        /** The plain accessors: network order on a buffer whose order was not changed. */
        private static long read(ByteBuf buf, Width width) {
            return switch (width) {
                case U8 -> buf.readUnsignedByte();
                case U16 -> buf.readUnsignedShort();
                case U32 -> buf.readUnsignedInt();
                case U64 -> buf.readLong();
            };
        }

        private static long readLE(ByteBuf buf, Width width) {
            return switch (width) {
                case U8 -> buf.readUnsignedByte(); // one octet has no order; there is no readUnsignedByteLE
                case U16 -> buf.readUnsignedShortLE();
                case U32 -> buf.readUnsignedIntLE();
                case U64 -> buf.readLongLE();
            };
        }
    }
}
