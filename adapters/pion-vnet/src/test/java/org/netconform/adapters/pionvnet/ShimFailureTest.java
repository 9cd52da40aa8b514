package org.netconform.adapters.pionvnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatLabOptions;

/**
 * A shim that dies, hangs, floods or writes garbage makes the lab throw {@link NatLabException} with the
 * reason (ERROR in a run), and the lab is unusable afterwards. The broken shims are a shell script, so
 * these tests need no Go.
 */
class ShimFailureTest {
    static final NatEndpoint INSIDE = NatEndpoint.of("198.51.100.10", 40000);
    static final NatEndpoint SERVER = NatEndpoint.of("203.0.113.100", 3478);

    private final PionVnetAdapter adapter = new PionVnetAdapter("fake-shim", List.of());

    private NatLab fake(String mode) {
        return adapter.openWith(List.of("sh", script().toString(), mode), NatLabOptions.defaults());
    }

    private static Path script() {
        try {
            return Path.of(ShimFailureTest.class.getResource("/fakeshim/fake-shim.sh").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKilledShimIsALabFailure() {
        PionVnetAdapter real = (PionVnetAdapter) new PionVnetTarget.Default().adapter(NatAdapter.class).orElseThrow();
        assumeTrue(real.unavailableReason().isEmpty(), () -> "pion-vnet: " + real.unavailableReason().get());
        try (ShimNatLab lab = (ShimNatLab) real.open(NatLabOptions.defaults())) {
            assertThat(lab.udp(INSIDE, SERVER)).isPresent();
            ProcessHandle.of(lab.shimPid()).orElseThrow().destroyForcibly();
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageContaining("exited").hasMessageContaining("killed by signal 9");
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).as("and stays unusable")
                    .isInstanceOf(NatLabException.class).hasMessageContaining("unusable");
            assertThat(lab.describeTable()).startsWith("(no table:");
        }
    }

    @Test
    void aGarbageWritingShimIsALabFailure() {
        try (NatLab lab = fake("garbage")) {
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageContaining("no response").hasMessageContaining("this is not JSON at all");
        }
    }

    @Test
    void anAnswerToAnotherRequestIsALabFailure() {
        try (NatLab lab = fake("wrong-id")) {
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageContaining("with id 7");
        }
    }

    @Test
    void aFloodingShimIsALabFailure() {
        try (NatLab lab = fake("flood")) {
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageContaining("longer than " + StdioShim.MAX_LINE);
        }
    }

    @Test
    void aSilentShimIsALabFailureAtTheDeadline() {
        long start = System.nanoTime();
        try (NatLab lab = fake("hang")) {
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageContaining("no answer to nat.udp within");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the lab gave up and closed")
                .isLessThan(ShimNatLab.SLACK.toMillis() + 4000);
    }

    @Test
    void aCrashingShimIsALabFailureWithItsLog() {
        try (NatLab lab = fake("crash")) {
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageContaining("exited").hasMessageContaining("exit code 2")
                    .hasMessageContaining("panic: on purpose");
        }
    }

    @Test
    void aShimThatDiesBeforeHelloFailsTheOpen() {
        assertThatThrownBy(() -> fake("die-at-start")).isInstanceOf(NatLabException.class)
                .hasMessageContaining("hello").hasMessageContaining("cannot start, on purpose");
    }

    @Test
    void aMissingProgramFailsTheOpen() {
        assertThatThrownBy(() -> adapter.openWith(List.of("/nonexistent/pionshim"), NatLabOptions.defaults()))
                .isInstanceOf(NatLabException.class).hasMessageContaining("cannot start");
    }
}
