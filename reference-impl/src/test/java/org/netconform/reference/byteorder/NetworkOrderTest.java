package org.netconform.reference.byteorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NetworkOrderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void vectors() {
        assertThat(HEX.formatHex(NetworkOrder.encode(0x01234567L, 4))).isEqualTo("01234567");
        assertThat(HEX.formatHex(LittleEndian.encode(0x01234567L, 4))).isEqualTo("67452301");
        assertThat(NetworkOrder.getU16(HEX.parseHex("8081"), 0)).isEqualTo(0x8081);
        assertThat(NetworkOrder.getU32(HEX.parseHex("ffffffff"), 0)).isEqualTo(0xFFFF_FFFFL);
        assertThat(Long.toUnsignedString(NetworkOrder.getU64(HEX.parseHex("fffffffffffffffe"), 0)))
                .isEqualTo("18446744073709551614");
    }

    @Test
    void truncatedAndExtraInputAreErrors() {
        assertThatThrownBy(() -> NetworkOrder.getU32(new byte[3], 0)).isInstanceOf(TruncatedInputException.class);
        assertThatThrownBy(() -> NetworkOrder.decodeExact(new byte[5], 4)).isInstanceOf(ExtraInputException.class);
        assertThatThrownBy(() -> NetworkOrder.encode(0x10000, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkOrder.encode(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ignoresTheBufferOrderSetting() {
        ByteBuffer b = ByteBuffer.wrap(HEX.parseHex("01234567")).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(NetworkOrder.get(b, 4)).isEqualTo(0x01234567L);
    }

    @Test
    void bitFieldsUseRfcNumbering() {
        long ipv4FirstWord = 0x4500_0054L;
        assertThat(BitField.get(ipv4FirstWord, 0, 3)).isEqualTo(4);
        assertThat(BitField.get(ipv4FirstWord, 4, 7)).isEqualTo(5);
        assertThat(BitField.get(ipv4FirstWord, 16, 31)).isEqualTo(0x54);
        assertThat(BitField.set(ipv4FirstWord, 0, 3, 6)).isEqualTo(0x6500_0054L);
        assertThatThrownBy(() -> BitField.set(0, 0, 3, 16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void viewsKeepTheirOrder() {
        FieldReader le = FieldReader.littleEndian(HEX.parseHex("aa67452301"));
        le.read(1);
        assertThat(le.slice().read(4)).isEqualTo(0x01234567L);
        assertThat(le.duplicate().read(4)).isEqualTo(0x01234567L);
    }

    @Property
    void roundTripsEveryWidth(@ForAll long value, @ForAll @IntRange(min = 0, max = 3) int w) {
        int width = 1 << w;
        long v = width == 8 ? value : value & ((1L << (8 * width)) - 1);
        assertThat(NetworkOrder.decodeExact(NetworkOrder.encode(v, width), width)).isEqualTo(v);
        assertThat(LittleEndian.get(LittleEndian.encode(v, width), 0, width)).isEqualTo(v);
    }
}
