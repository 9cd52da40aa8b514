package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "48656c6c6f", "ceba e1bd b9cf 83ce bcce b5", // "κόσμε" (Kuhn 1)
            "00", "c280", "e0a080", "f0908080",               // first of each length (Kuhn 2.1)
            "7f", "dfbf", "efbfbf", "f48fbfbf",               // last (Kuhn 2.2)
            "ed9fbf", "ee8080", "efbfbd",                     // around the surrogates (Kuhn 2.3)
            "efbfbe", "efbfbf"                                // noncharacters are valid UTF-8 (Kuhn 5.3)
    })
    void valid(String h) {
        assertThat(Utf8Validator.isValid(hex(h))).isTrue();
    }

    /** Invalid input and the index of the octet at which validation must stop (fail fast). */
    @ParameterizedTest
    @CsvSource({
            "c080, 0",          // overlong NUL: C0 can never start a valid sequence
            "c1bf, 0",
            "e08080, 1",        // overlong 3-octet
            "e09fbf, 1",
            "f0808080, 1",      // overlong 4-octet
            "f08fbfbf, 1",
            "eda080, 1",        // U+D800 high surrogate (Kuhn 5.1)
            "edbfbf, 1",        // U+DFFF
            "eda080edb080, 1",  // surrogate pair (Kuhn 5.2)
            "f4908080, 1",      // U+110000
            "f5808080, 0",      // F5..FF never valid
            "fe, 0",
            "ff, 0",
            "80, 0",            // lone continuation (Kuhn 3.1)
            "41bf, 1",
            "c241, 1",          // truncated 2-octet followed by ASCII (Kuhn 3.3)
            "e0a041, 2",
            "f0908041, 3",
            "cebae1bdb9cf83cebcceb5eda080656469746564, 12", // Autobahn 6.4.x: valid prefix, then a surrogate
    })
    void invalidFailsAtTheFirstBadOctet(String h, int badIndex) {
        byte[] b = hex(h);
        Utf8Validator v = new Utf8Validator();
        assertThat(v.feed(b, 0, b.length)).isEqualTo(badIndex);
        assertThat(v.isValidSoFar()).isFalse();
        // stays failed
        assertThat(v.feed((byte) 'a')).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2", "e0a0", "e1", "f09080", "f4", "cebae1bd"})
    void truncatedAtTheEndIsIncompleteNotInvalid(String h) {
        byte[] b = hex(h);
        Utf8Validator v = new Utf8Validator();
        assertThat(v.feed(b, 0, b.length)).isEqualTo(Utf8Validator.VALID);
        assertThat(v.isValidSoFar()).isTrue();
        assertThat(v.isComplete()).isFalse();
        assertThat(Utf8Validator.isValid(b)).isFalse();
    }

    @Property(tries = 3000)
    void agreesWithTheJdkDecoder(@ForAll("utf8ish") byte[] b) {
        assertThat(Utf8Validator.isValid(b)).isEqualTo(jdkAccepts(b));
    }

    @Property
    void anyChopGivesTheSameVerdict(@ForAll("utf8ish") byte[] b, @ForAll @IntRange(min = 1, max = 7) int chunk) {
        Utf8Validator v = new Utf8Validator();
        boolean ok = true;
        for (int p = 0; p < b.length && ok; p += chunk) {
            ok = v.feed(b, p, Math.min(chunk, b.length - p)) == Utf8Validator.VALID;
        }
        assertThat(ok && v.isComplete()).isEqualTo(Utf8Validator.isValid(b));
    }

    @Property
    void validTextIsAccepted(@ForAll @Size(max = 40) String s) {
        // Java strings may hold lone surrogates, which getBytes replaces with '?': still valid UTF-8
        assertThat(Utf8Validator.isValid(s.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    /** Random octets biased towards the interesting lead and continuation values. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<Byte> octet = Arbitraries.oneOf(
                Arbitraries.bytes(),
                Arbitraries.integers().between(0x80, 0xBF).map(Integer::byteValue),
                Arbitraries.of(0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0x41)
                        .map(Integer::byteValue));
        Arbitrary<byte[]> noisy = octet.array(byte[].class).ofMaxSize(12);
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(10)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(noisy, text);
    }
}
