package org.netconform.suites.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.harness.Values;
import org.netconform.spi.stun.StunCodecAdapter;
import org.netconform.spi.stun.WireAttribute;
import org.netconform.spi.stun.WireMessage;

/**
 * A STUN codec in process (spec/nat-traversal.md at the codec layer): what it writes is checked
 * octet by octet against the RFC's layout computed here, what it reads against random, mutated and
 * hand-made octets. Run once per target with a fixed seed.
 */
@ConformanceProperties
public class StunCodecProperties {
    static final int FINGERPRINT = 0x8028;

    @Provide
    Arbitrary<WireMessage> messages() {
        Arbitrary<WireAttribute> attr = Combinators.combine(Arbitraries.integers().between(0, 0xFFFF).filter(t -> t != FINGERPRINT),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(37)).as(WireAttribute::new);
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFF), Arbitraries.integers().between(0, 3),
                Arbitraries.bytes().array(byte[].class).ofSize(12), attr.list().ofMaxSize(6)).as(WireMessage::new);
    }

    @Provide
    Arbitrary<InetSocketAddress> ipv4() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.integers().between(0, 0xFFFF))
                .as((ip, port) -> new InetSocketAddress(inet(ip), port));
    }

    @Provide
    Arbitrary<InetSocketAddress> ipv6() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(16), Arbitraries.integers().between(0, 0xFFFF))
                .as((ip, port) -> new InetSocketAddress(inet(ip), port));
    }

    static InetAddress inet(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 14-bit type for a method and class, by Figure 3 of RFC 8489. */
    static int typeOf(int method, int cls) {
        return (method & 0xF) | (cls & 1) << 4 | (method & 0x70) << 1 | (cls & 2) << 7 | (method & 0xF80) << 2;
    }

    /** The attributes as the octets lay them out, or null when they do not fill the body exactly. */
    static List<WireAttribute> walk(byte[] b) {
        List<WireAttribute> out = new ArrayList<>();
        int off = 20;
        while (off < b.length) {
            if (b.length - off < 4) {
                return null;
            }
            int type = (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
            int len = (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
            int end = off + 4 + ((len + 3) & ~3);
            if (end > b.length) {
                return null;
            }
            byte[] v = new byte[len];
            System.arraycopy(b, off + 4, v, 0, len);
            out.add(new WireAttribute(type, v));
            off = end;
        }
        return out;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }

    @Property(tries = 200)
    @Requirement("STUN-HDR-1")
    void writtenMessagesStartWithTwoZeroBits(StunCodecAdapter codec, @ForAll("messages") WireMessage m) {
        byte[] b = codec.write(m, false);
        assertThat(b[0] & 0xC0).as("the first octet of %s", Values.hex(b, 4)).isZero();
    }

    @Property(tries = 200)
    @Requirement("STUN-HDR-2")
    void writtenMessagesCarryTheMagicCookie(StunCodecAdapter codec, @ForAll("messages") WireMessage m) {
        byte[] b = codec.write(m, false);
        assertThat(Values.hex(java.util.Arrays.copyOfRange(b, 4, 8))).isEqualTo("21 12 A4 42");
    }

    @Property(tries = 200)
    @Requirement("STUN-HDR-3")
    void writtenLengthCountsTheBody(StunCodecAdapter codec, @ForAll("messages") WireMessage m, @ForAll boolean fingerprint) {
        byte[] b = codec.write(m, fingerprint);
        assertThat(u16(b, 2)).as("Message Length of a %d-octet message", b.length).isEqualTo(b.length - 20);
        assertThat(u16(b, 2) % 4).isZero();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    @Requirement("STUN-HDR-4")
    void methodAndClassArePackedAsFigure3(StunCodecAdapter codec, @ForAll @IntRange(min = 0, max = 0xFFF) int method,
                                          @ForAll @IntRange(min = 0, max = 3) int cls) {
        WireMessage m = new WireMessage(method, cls, new byte[12], List.of());
        byte[] b = codec.write(m, false);
        assertThat(String.format("0x%04X", u16(b, 0))).as("method 0x%03X class %d", method, cls)
                .isEqualTo(String.format("0x%04X", typeOf(method, cls)));
        StunCodecAdapter.Result r = codec.read(b, false);
        assertThat(r).isInstanceOf(StunCodecAdapter.Read.class);
        WireMessage back = ((StunCodecAdapter.Read) r).message();
        assertThat(List.of(back.method(), back.cls())).isEqualTo(List.of(method, cls));
    }

    @Property(tries = 300)
    @Requirement("STUN-HDR-6")
    void anyOctetsAreReadExactlyOrRefused(StunCodecAdapter codec, @ForAll @Size(max = 96) byte[] junk) {
        readExactlyOrRefused(codec, junk);
    }

    @Property(tries = 300)
    @Requirement("STUN-HDR-6")
    void mutatedMessagesAreReadExactlyOrRefused(StunCodecAdapter codec, @ForAll("messages") WireMessage m,
                                                @ForAll @IntRange(min = 0, max = 4096) int where, @ForAll byte value) {
        byte[] b = codec.write(m, false);
        b[where % b.length] = value;
        readExactlyOrRefused(codec, b);
    }

    /** A reading never throws; a message read is exactly what a well-formed layout of the octets says. */
    static void readExactlyOrRefused(StunCodecAdapter codec, byte[] b) {
        StunCodecAdapter.Result r;
        try {
            r = codec.read(b, false);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("reading " + Values.hex(b, 40) + " threw " + e, e);
        }
        assertThat(r).as("the result of reading %s", Values.hex(b, 40)).isNotNull();
        if (r instanceof StunCodecAdapter.Read read) {
            List<WireAttribute> attrs = walk(b);
            boolean wellFormed = b.length >= 20 && (b[0] & 0xC0) == 0 && u16(b, 2) == b.length - 20 && u16(b, 2) % 4 == 0
                    && attrs != null;
            assertThat(wellFormed).as("accepted %s, which is not a well-formed STUN message", Values.hex(b, 40)).isTrue();
            List<WireAttribute> expected = attrs.stream().filter(a -> a.type() != FINGERPRINT).toList();
            assertThat(read.message().attributes()).as("the attributes read from %s", Values.hex(b, 40)).isEqualTo(expected);
            assertThat(typeOf(read.message().method(), read.message().cls())).isEqualTo(u16(b, 0));
        }
    }

    @Property(tries = 300)
    @Requirement("STUN-ATTR-1")
    void writtenAttributesAreTlvAndReadBack(StunCodecAdapter codec, @ForAll("messages") WireMessage m) {
        byte[] b = codec.write(m, false);
        assertThat(walk(b)).as("the attributes laid out in %s", Values.hex(b, 60)).isEqualTo(m.attributes());
        assertThat(codec.read(b, false)).isEqualTo(new StunCodecAdapter.Read(m, false));
    }

    @Property(tries = 300)
    @Requirement("STUN-ATTR-2")
    void writtenPaddingIsZero(StunCodecAdapter codec, @ForAll("messages") WireMessage m) {
        byte[] b = codec.write(m, false);
        int off = 20;
        for (WireAttribute a : m.attributes()) {
            int len = a.value().length;
            for (int i = off + 4 + len; i < off + 4 + ((len + 3) & ~3); i++) {
                assertThat(b[i]).as("padding octet %d after %s", i, a).isZero();
            }
            off += 4 + ((len + 3) & ~3);
        }
    }

    @Property(tries = 300)
    @Requirement("STUN-ATTR-3")
    void paddingReadIsIgnored(StunCodecAdapter codec, @ForAll("messages") WireMessage m, @ForAll byte fill) {
        byte[] b = codec.write(m, false);
        int off = 20;
        for (WireAttribute a : m.attributes()) {
            int len = a.value().length;
            for (int i = off + 4 + len; i < off + 4 + ((len + 3) & ~3); i++) {
                b[i] = fill;
            }
            off += 4 + ((len + 3) & ~3);
        }
        assertThat(codec.read(b, false)).as("%s with padding %02X", Values.hex(b, 60), fill)
                .isEqualTo(new StunCodecAdapter.Read(m, false));
    }

    @Property(tries = 200)
    @Requirement("STUN-ATTR-4")
    void addressesHaveTheMappedAddressLayout(StunCodecAdapter codec, @ForAll("ipv4") InetSocketAddress a, @ForAll byte first) {
        byte[] expected = StunExpect.plainAddressValue(a);
        assertThat(Values.hex(codec.writeAddress(0x0001, a, new byte[12]))).isEqualTo(Values.hex(expected));
        expected[0] = first;
        assertThat(codec.readAddress(0x0001, expected, new byte[12])).as("first octet %02X ignored", first).isEqualTo(a);
    }

    @Property(tries = 100)
    @Requirement("STUN-ATTR-4")
    @RequiresCapability(StunCodecAdapter.IPV6)
    void ipv6AddressesHaveTheMappedAddressLayout(StunCodecAdapter codec, @ForAll("ipv6") InetSocketAddress a) {
        assertThat(Values.hex(codec.writeAddress(0x0001, a, new byte[12]))).isEqualTo(Values.hex(StunExpect.plainAddressValue(a)));
        assertThat(codec.readAddress(0x0001, StunExpect.plainAddressValue(a), new byte[12])).isEqualTo(a);
    }

    @Property(tries = 300)
    @Requirement("STUN-XOR-2")
    void ipv4XorUsesTheCookie(StunCodecAdapter codec, @ForAll("ipv4") InetSocketAddress a, @ForAll @Size(12) byte[] id) {
        byte[] expected = StunExpect.xorAddressValue(a, id);
        assertThat(Values.hex(codec.writeAddress(0x0020, a, id))).as("XOR-MAPPED-ADDRESS of %s", a).isEqualTo(Values.hex(expected));
        assertThat(codec.readAddress(0x0020, expected, id)).isEqualTo(a);
    }

    @Property(tries = 300)
    @Requirement("STUN-XOR-3")
    @RequiresCapability(StunCodecAdapter.IPV6)
    void ipv6XorUsesTheCookieAndTheTransactionId(StunCodecAdapter codec, @ForAll("ipv6") InetSocketAddress a,
                                                 @ForAll @Size(12) byte[] id) {
        byte[] expected = StunExpect.xorAddressValue(a, id);
        assertThat(Values.hex(codec.writeAddress(0x0020, a, id))).as("XOR-MAPPED-ADDRESS of %s", a).isEqualTo(Values.hex(expected));
        assertThat(codec.readAddress(0x0020, expected, id)).isEqualTo(a);
    }

    @Property(tries = 300)
    @Requirement("STUN-FP-1")
    void fingerprintIsTheCrc32XorStun(StunCodecAdapter codec, @ForAll("messages") WireMessage m) {
        byte[] b = codec.write(m, true);
        int at = b.length - 8;
        assertThat(String.format("%08X", ByteBuffer.wrap(b, b.length - 4, 4).getInt()))
                .as("FINGERPRINT of %s", Values.hex(b, 48)).isEqualTo(String.format("%08X", StunExpect.fingerprint(b, at)));
    }

    @Property(tries = 300)
    @Requirement("STUN-FP-2")
    void fingerprintIsTheLastAttribute(StunCodecAdapter codec, @ForAll("messages") WireMessage m) {
        byte[] b = codec.write(m, true);
        List<WireAttribute> attrs = walk(b);
        assertThat(attrs).as("the attributes of %s", Values.hex(b, 48)).isNotNull().isNotEmpty();
        assertThat(attrs.get(attrs.size() - 1).type()).isEqualTo(FINGERPRINT);
        assertThat(attrs.subList(0, attrs.size() - 1)).isEqualTo(m.attributes());
    }

    @Property(tries = 500)
    @Requirement("STUN-FP-3")
    @RequiresCapability(StunCodecAdapter.FINGERPRINT_CHECK)
    void anyChangedOctetOfAFingerprintedMessageIsRefused(StunCodecAdapter codec, @ForAll("messages") WireMessage m,
                                                          @ForAll @IntRange(min = 0, max = 4096) int where,
                                                          @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] b = codec.write(m, true);
        assertThat(codec.read(b, true)).isEqualTo(new StunCodecAdapter.Read(m, true));
        b[where % b.length] ^= (byte) flip;
        assertThat(codec.read(b, true)).as("octet %d changed: %s", where % b.length, Values.hex(b, 48))
                .isInstanceOf(StunCodecAdapter.Refused.class);
    }
}
