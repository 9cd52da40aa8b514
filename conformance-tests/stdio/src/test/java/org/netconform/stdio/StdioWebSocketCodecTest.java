package org.netconform.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Role;

/** The Java side of {@code wscodec}: reads split to the program's maxLine, and the area fields a declaration leaves to the hello. */
class StdioWebSocketCodecTest {
    private Session session;

    @BeforeAll
    static void python() {
        FakeProgram.assumePython();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.stop();
        }
    }

    private StdioWebSocketCodec codec(TargetSpec.Area area) {
        ShimProcess.Launch launch = FakeProgram.launch(null, "codec");
        session = new Session(new TargetSpec("fake-codec", "fake codec", Map.of("wscodec", area),
                TargetSpec.DEFAULT_REQUEST_TIMEOUT, () -> new TargetSpec.Prepared(launch, null)));
        return new StdioWebSocketCodec(session, area);
    }

    @Test
    void aReadLongerThanTheProgramsMaxLineGoesInSeveralFeedsInOrder() {
        StdioWebSocketCodec codec = codec(TargetSpec.Area.of("wscodec", "limits"));
        byte[] read = new byte[200_000];
        new Random(7).nextBytes(read);
        // the fake answers each feed with one frame holding the octets that feed carried
        List<CodecEvent> events = codec.receiver(Role.SERVER, Limits.DEFAULT).feed(read);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        events.forEach(e -> joined.writeBytes(((CodecEvent.DataFrame) e).payload()));
        assertThat(events).as("feeds for 200 000 octets to a program whose maxLine is 65536").hasSizeGreaterThan(3);
        assertThat(joined.toByteArray()).isEqualTo(read);
    }

    @Test
    void notOwnedAndLimitsComeFromTheHelloWhereTheDeclarationHasNone() {
        StdioWebSocketCodec codec = codec(TargetSpec.Area.of("wscodec", "limits"));
        assertThat(codec.notOwned()).isEqualTo(Map.of("utf8-validation", "the fake leaves UTF-8 to its caller"));
        assertThat(codec.describeLimits(Limits.DEFAULT)).endsWith("(the fake has none)");
    }

    @Test
    void aDeclarationsOwnNotOwnedWins() {
        TargetSpec.Area declared = new TargetSpec.Area("wscodec", "codec", java.util.Set.of("limits"), Json.object()
                .put("layer", "codec").set("notOwned", Json.object().put("utf8-validation", "as the target file says")));
        assertThat(codec(declared).notOwned()).isEqualTo(Map.of("utf8-validation", "as the target file says"));
    }
}
