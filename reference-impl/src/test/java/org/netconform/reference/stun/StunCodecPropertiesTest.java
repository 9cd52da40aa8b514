package org.netconform.reference.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StunCodecPropertiesTest {

    @Provide
    Arbitrary<StunMessage> messages() {
        Arbitrary<StunAttribute> attr = Combinators.combine(Arbitraries.integers().between(0, 0xFFFF)
                        .filter(t -> t != AttributeType.FINGERPRINT),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40)).as(StunAttribute::new);
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFF), Arbitraries.of(StunClass.class),
                Arbitraries.bytes().array(byte[].class).ofSize(12).map(TransactionId::of),
                attr.list().ofMaxSize(6)).as(StunMessage::new);
    }

    @Property(tries = 300, seed = "5389")
    void everyMessageRoundTrips(@ForAll("messages") StunMessage m, @ForAll boolean fingerprint) {
        byte[] b = StunCodec.encode(m, fingerprint ? StunCodec.Options.FINGERPRINT : StunCodec.Options.PLAIN);
        assertThat(StunCodec.parse(b)).isEqualTo(new StunCodec.Parsed(m, fingerprint));
    }

    @Property(tries = 1000, seed = "8489")
    void randomOctetsAreReadOrRefusedNeverThrown(@ForAll @Size(max = 120) byte[] junk) {
        StunCodec.Parse p = StunCodec.parse(junk);
        if (p instanceof StunCodec.Parsed parsed) {
            // accepted: the octets say exactly this message
            assertThat(StunCodec.encode(parsed.message(), parsed.fingerprinted() ? StunCodec.Options.FINGERPRINT
                    : StunCodec.Options.PLAIN)).hasSize(junk.length);
        }
    }

    @Property(tries = 500, seed = "5780")
    void anyChangedOctetOfAFingerprintedMessageIsRefused(@ForAll("messages") StunMessage m,
                                                         @ForAll @IntRange(min = 0, max = 10_000) int where,
                                                         @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] b = StunCodec.encode(m, StunCodec.Options.FINGERPRINT);
        b[where % b.length] ^= (byte) flip;
        assertThat(StunCodec.parse(b, true)).isInstanceOf(StunCodec.Refused.class);
    }

    @Property(tries = 200, seed = "3489")
    void headerRules(@ForAll("messages") StunMessage m) {
        byte[] b = StunCodec.encode(m);
        assertThat(b[0] & 0xC0).isZero();
        assertThat(((b[2] & 0xFF) << 8 | (b[3] & 0xFF))).isEqualTo(b.length - 20).matches(l -> l % 4 == 0);
        assertThat(List.of(b[4], b[5], b[6], b[7])).containsExactly((byte) 0x21, (byte) 0x12, (byte) 0xA4, (byte) 0x42);
    }
}
