package org.netconform.reference.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StunCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 5769 §2.2, the sample IPv4 response (its padding is spaces, which a receiver ignores). */
    static final byte[] RFC5769_IPV4_RESPONSE = HEX.parseHex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae"
                    + "8022000b" + "7465737420766563746f7220"
                    + "00200008" + "0001a147e112a643"
                    + "00080014" + "2b91f599fd9e90c38c7489f92af9ba53f06be7d7"
                    + "80280004" + "c07d4c96");

    @Test
    void readsTheRfc5769SampleResponseAndChecksItsFingerprint() {
        StunCodec.Parse p = StunCodec.parse(RFC5769_IPV4_RESPONSE);
        assertThat(p).isInstanceOf(StunCodec.Parsed.class);
        StunCodec.Parsed parsed = (StunCodec.Parsed) p;
        assertThat(parsed.fingerprinted()).isTrue();
        StunMessage m = parsed.message();
        assertThat(m.type()).isEqualTo(MessageType.BINDING_SUCCESS);
        assertThat(m.attribute(AttributeType.SOFTWARE).orElseThrow().value()).isEqualTo("test vector".getBytes());
        assertThat(Attributes.readXorAddress(m.attribute(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow(), m.transactionId()))
                .isEqualTo(new InetSocketAddress("192.0.2.1", 32853));
        byte[] broken = RFC5769_IPV4_RESPONSE.clone();
        broken[30] ^= 1;
        assertThat(StunCodec.parse(broken)).isInstanceOfSatisfying(StunCodec.Refused.class,
                r -> assertThat(r.problem()).isEqualTo(RawStunMessage.Problem.FINGERPRINT_MISMATCH));
    }

    @Test
    void typeFieldInterleavesMethodAndClass() {
        assertThat(MessageType.BINDING_REQUEST).isEqualTo(0x0001);
        assertThat(MessageType.BINDING_INDICATION).isEqualTo(0x0011);
        assertThat(MessageType.BINDING_SUCCESS).isEqualTo(0x0101);
        assertThat(MessageType.BINDING_ERROR).isEqualTo(0x0111);
        for (int method = 0; method < 0x1000; method += 7) {
            for (StunClass c : StunClass.values()) {
                int t = MessageType.encode(method, c);
                assertThat(t & ~0x3FFF).isZero();
                assertThat(MessageType.method(t)).isEqualTo(method);
                assertThat(MessageType.cls(t)).isEqualTo(c);
            }
        }
    }

    @Test
    void writesHeaderAndZeroPaddingAndFingerprintLast() {
        TransactionId id = TransactionId.of(HEX.parseHex("000102030405060708090a0b"));
        StunMessage m = StunMessage.bindingRequest(id, Attributes.software("abcde"));
        byte[] b = StunCodec.encode(m, StunCodec.Options.FINGERPRINT);
        assertThat(HEX.formatHex(b)).startsWith("00010014" + "2112a442" + "000102030405060708090a0b" + "80220005"
                + "6162636465000000" + "80280004");
        assertThat(StunCodec.parse(b)).isEqualTo(new StunCodec.Parsed(m, true));
    }

    @Test
    void classicMessagesKeepTheir128BitId() {
        TransactionId id = TransactionId.randomClassic();
        StunMessage m = StunMessage.bindingRequest(id, ChangeRequest.BOTH.attribute());
        byte[] b = StunCodec.encode(m);
        assertThat(b).hasSize(28);
        assertThat(((StunCodec.Parsed) StunCodec.parse(b)).message()).isEqualTo(m);
    }

    @Test
    void refusesWhatIsNotWellFormed() {
        byte[] ok = StunCodec.encode(StunMessage.bindingRequest(TransactionId.random(), Attributes.software("x")));
        assertThat(problem(new byte[19])).isEqualTo(RawStunMessage.Problem.TOO_SHORT);
        byte[] bits = ok.clone();
        bits[0] |= (byte) 0x80;
        assertThat(problem(bits)).isEqualTo(RawStunMessage.Problem.LEADING_BITS);
        byte[] len = ok.clone();
        len[3] += 4;
        assertThat(problem(len)).isEqualTo(RawStunMessage.Problem.LENGTH_MISMATCH);
        byte[] odd = ok.clone();
        odd[3] += 1;
        assertThat(problem(odd)).isEqualTo(RawStunMessage.Problem.LENGTH_NOT_MULTIPLE_OF_FOUR);
        byte[] overrun = ok.clone();
        overrun[23] = 9;
        assertThat(problem(overrun)).isEqualTo(RawStunMessage.Problem.ATTRIBUTE_OVERRUN);
    }

    @Test
    void paddingIsIgnoredOnReading() {
        StunMessage m = StunMessage.bindingRequest(TransactionId.random(), new StunAttribute(0x8123, new byte[] {1}));
        byte[] b = StunCodec.encode(m, StunCodec.Options.PLAIN.withPaddingFill(0xAB));
        assertThat(RawStunMessage.read(b).attributes().get(0).paddingIsZero()).isFalse();
        assertThat(((StunCodec.Parsed) StunCodec.parse(b)).message()).isEqualTo(m);
    }

    @Test
    void xorAddressesForBothFamilies() throws Exception {
        TransactionId id = TransactionId.random();
        for (InetSocketAddress a : List.of(new InetSocketAddress("192.0.2.1", 32853),
                new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853))) {
            StunAttribute x = Attributes.xorMapped(a, id);
            assertThat(Attributes.readXorAddress(x, id)).isEqualTo(a);
            assertThat(Attributes.readAddress(Attributes.address(AttributeType.MAPPED_ADDRESS, a))).isEqualTo(a);
        }
        byte[] v = Attributes.xorMapped(new InetSocketAddress("192.0.2.1", 32853), id).value();
        assertThat(HEX.formatHex(v)).isEqualTo("0001a147e112a643");
    }

    private static RawStunMessage.Problem problem(byte[] b) {
        return ((StunCodec.Refused) StunCodec.parse(b)).problem();
    }
}
