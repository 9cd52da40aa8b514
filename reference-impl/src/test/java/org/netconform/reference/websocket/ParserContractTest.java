package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.netconform.reference.websocket.ParserContract.Edit;
import org.netconform.reference.websocket.ParserContract.Parser;
import org.netconform.spi.websocket.Role;

/**
 * Every malformed input to the reference parsers ends in the parser's own protocol exception
 * ({@link ParserContract}): random octets, and valid responses, requests and frame streams with edits. The
 * bounded fuzz run of a million inputs is {@link ParserFuzz}, on demand.
 */
class ParserContractTest {

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> e = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 255)).as(Edit::new);
        return e.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 3000, seed = "20261201")
    void mutatedResponsesEndInTheParsersOwnException(@ForAll("edits") List<Edit> edits,
                                                     @ForAll("sampleIndex") int sample) {
        byte[] input = ParserContract.apply(ParserContract.RESPONSES.get(sample % ParserContract.RESPONSES.size()), edits);
        ParserContract.check(Parser.RESPONSE, input, List.of());
    }

    @Property(tries = 3000, seed = "20261202")
    void mutatedRequestsEndInTheParsersOwnException(@ForAll("edits") List<Edit> edits, @ForAll("sampleIndex") int sample) {
        byte[] input = ParserContract.apply(ParserContract.REQUESTS.get(sample % ParserContract.REQUESTS.size()), edits);
        ParserContract.check(Parser.REQUEST, input, List.of());
    }

    @Property(tries = 2000, seed = "20261203")
    void mutatedFramesEndInTheDecodersOwnException(@ForAll("edits") List<Edit> edits, @ForAll long seed,
                                                   @ForAll @Size(max = 4) List<@net.jqwik.api.constraints.IntRange(min = 1, max = 200) Integer> chops,
                                                   @ForAll boolean server) {
        Role receiver = server ? Role.SERVER : Role.CLIENT;
        byte[] input = ParserContract.apply(ParserContract.frames(receiver, new Random(seed)), edits);
        ParserContract.check(server ? Parser.SERVER_FRAMES : Parser.CLIENT_FRAMES, input, chops);
    }

    @Property(tries = 2000, seed = "20261204")
    void randomOctetsEndInTheParsersOwnException(@ForAll @Size(max = 300) byte[] input, @ForAll Parser parser) {
        ParserContract.check(parser, input, List.of(1, 7, 64));
    }

    @Provide
    Arbitrary<Integer> sampleIndex() {
        return Arbitraries.integers().between(0, 99);
    }

    @Test
    void aStatusCodeBelow100IsAMalformedStatusLine() {
        for (String code : List.of("000", "042", "099")) {
            assertThat(ParserContract.check(Parser.RESPONSE,
                    ParserContract.ascii("HTTP/1.1 " + code + " Odd\r\n\r\n"), List.of())).isEqualTo(ParserContract.Result.REFUSED);
        }
        assertThat(HttpHeadCodec.parseResponse(ParserContract.ascii("HTTP/1.1 100 Continue\r\n\r\n")).status()).isEqualTo(100);
    }
}
