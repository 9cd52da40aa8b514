package org.netconform.adapters.jdk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.FieldRead;
import org.netconform.spi.byteorder.Width;

/**
 * {@link DataOutputStream} and {@link DataInputStream} of the running JDK over byte arrays. They know
 * network byte order only, so the codec declares no little-endian capability.
 */
public final class DataStreamTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Codec());

    @Override
    public String id() {
        return "jdk-datastream";
    }

    @Override
    public String description() {
        return "java.io.DataOutputStream/DataInputStream, JDK " + Runtime.version()
                + ": over byte arrays, in process";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Codec implements ByteOrderCodec {

        @Override
        public byte[] write(Width width, long value, ByteOrder order) {
            requireNetworkOrder(order);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                // writeByte/writeShort/writeInt take an int and write its low 8/16/32 bits; the (int) cast
                // a user holding a long writes drops its high 32 bits. Neither refuses a value that does
                // not fit.
                switch (width) {
                    case U8 -> out.writeByte((int) value);
                    case U16 -> out.writeShort((int) value);
                    case U32 -> out.writeInt((int) value);
                    case U64 -> out.writeLong(value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @Override
        public FieldRead read(Width width, byte[] octets, ByteOrder order) {
            requireNetworkOrder(order);
            ByteArrayInputStream source = new ByteArrayInputStream(octets);
            DataInputStream in = new DataInputStream(source);
            try {
                long value = switch (width) {
                    case U8 -> in.readUnsignedByte();
                    case U16 -> in.readUnsignedShort();
                    // there is no readUnsignedInt: readInt is signed, widened to long by sign extension
                    case U32 -> in.readInt();
                    case U64 -> in.readLong();
                };
                return new FieldRead(value, source.available());
            } catch (IOException e) {
                // EOFException on short input; passed on unchecked, as the SPI's methods declare no IOException
                throw new UncheckedIOException(e);
            }
        }

        private static void requireNetworkOrder(ByteOrder order) {
            if (order != ByteOrder.BIG_ENDIAN) {
                throw new UnsupportedOperationException("DataInputStream/DataOutputStream use network byte order only");
            }
        }
    }
}
