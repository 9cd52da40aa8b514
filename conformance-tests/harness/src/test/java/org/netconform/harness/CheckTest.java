package org.netconform.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A check decides and leaves the evidence that decided it, passed or failed. */
class CheckTest {

    @Test
    void allPassesWithoutProblemsAndSaysWhatWasSeen() {
        Observation.begin();
        Check.all("RSV clear in every frame", List.of(), "all clear");
        Observation seen = Observation.end();
        assertThat(seen.expectedText()).isEqualTo("RSV clear in every frame");
        assertThat(seen.observedText()).isEqualTo("all clear");
    }

    @Test
    void allFailsOnAProblemAndListsEachOnALine() {
        Observation.begin();
        assertThatThrownBy(() -> Check.all("RSV clear", List.of("server TEXT: RSV 4", "client PING: RSV 1"), "all clear"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("server TEXT: RSV 4\nclient PING: RSV 1");
        Observation seen = Observation.end();
        assertThat(seen.expectedText()).isEqualTo("RSV clear");
        assertThat(seen.observedText()).isEqualTo("server TEXT: RSV 4\nclient PING: RSV 1");
    }

    @Test
    void hexWritesRangesAndCapsLongArrays() {
        byte[] b = {(byte) 0x81, 0x05, 0x48, 0x65};
        assertThat(Values.hex(b)).isEqualTo("81 05 48 65");
        assertThat(Values.hex(b, 1, 2)).isEqualTo("05 48");
        assertThat(Values.hex(b, 2)).isEqualTo("81 05 ... (4 octets)");
        assertThat(Values.hex(b, 4)).isEqualTo("81 05 48 65");
        assertThat(Values.hex(new byte[0])).isEqualTo(Values.hex(b, 0, 0)).isEqualTo("(no octets)");
    }
}
