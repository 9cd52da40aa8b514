package org.netconform.adapters.seedgorilla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The seed's program with and without its heartbeat differs only where the heartbeat writes: both baselines
 * are checked against the live servers by the conformance run, so agreeing here means the verdicts agree.
 */
class HeartbeatBaselinesTest {

    @Test
    void withAndWithoutTheHeartbeatTheDeviationsDifferOnlyInConcurrentWrites() throws IOException {
        Set<String> with = deviations("seed-gorilla");
        Set<String> without = deviations("seed-gorilla-no-heartbeat");
        assertThat(with).isNotEmpty();
        assertThat(with).filteredOn(l -> !l.startsWith("WS-FRAME-12 ")).containsExactlyInAnyOrderElementsOf(without);
        assertThat(with).anyMatch(l -> l.startsWith("WS-FRAME-12 FAIL"));
    }

    /** A baseline's lines as requirement and outcome (the reason may be worded per program). */
    private static Set<String> deviations(String target) throws IOException {
        try (InputStream in = HeartbeatBaselinesTest.class.getResourceAsStream("/netconform/baselines/" + target + ".tsv")) {
            assertThat(in).as(target + " baseline").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> String.join(" ", java.util.Arrays.copyOf(l.trim().split("\\s+", 3), 2)))
                    .collect(Collectors.toSet());
        }
    }
}
