package org.netconform.adapters.jdk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.FieldRead;
import org.netconform.spi.byteorder.Width;

/** {@link java.nio.ByteBuffer} of the running JDK: heap buffers, typed put and get, in process. */
public final class ByteBufferTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Codec());

    @Override
    public String id() {
        return "jdk-bytebuffer";
    }

    @Override
    public String description() {
        return "java.nio.ByteBuffer, JDK " + Runtime.version() + ": heap buffers, typed put/get, in process";
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
            ByteBuffer buf = ByteBuffer.allocate(width.octets()).order(order);
            // The put methods take typed parameters (byte, short, int, long): a user holding the value in
            // a long writes the cast below, and that cast is what silently keeps the low octets of a value
            // that does not fit. ByteBuffer never sees the out-of-range value, so it cannot refuse it.
            switch (width) {
                case U8 -> buf.put((byte) value);
                case U16 -> buf.putShort((short) value);
                case U32 -> buf.putInt((int) value);
                case U64 -> buf.putLong(value);
            }
            return buf.array();
        }

        @Override
        public FieldRead read(Width width, byte[] octets, ByteOrder order) {
            ByteBuffer buf = ByteBuffer.wrap(octets).order(order);
            long value = get(buf, width);
            return new FieldRead(value, buf.remaining());
        }

        @Override
        public List<String> views() {
            return List.of("slice", "duplicate", "asReadOnlyBuffer");
        }

        @Override
        public long readThroughView(String view, Width width, byte[] octets, ByteOrder order) {
            ByteBuffer source = ByteBuffer.wrap(octets).order(order);
            ByteBuffer derived = switch (view) {
                case "slice" -> source.slice();
                case "duplicate" -> source.duplicate();
                case "asReadOnlyBuffer" -> source.asReadOnlyBuffer();
                default -> throw new IllegalArgumentException("ByteBuffer has no view " + view);
            };
            // read in whatever order the view has: that is the question
            return get(derived, width);
        }

        /** ByteBuffer's accessor for the width. It has signed ones only; Java widens them to long by sign extension. */
        private static long get(ByteBuffer buf, Width width) {
            return switch (width) {
                case U8 -> buf.get();
                case U16 -> buf.getShort();
                case U32 -> buf.getInt();
                case U64 -> buf.getLong();
            };
        }
    }
}
