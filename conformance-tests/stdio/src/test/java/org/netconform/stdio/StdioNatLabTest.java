package org.netconform.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netconform.spec.Layer;
import org.netconform.spi.Target;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatLabOptions;

/**
 * The NAT area over the stdio protocol with the fake program's NAT modes: a {@code cmd:} program that
 * declares {@code nat} is a NAT target, each lab is a process of its own, and a program that dies, hangs,
 * floods, writes garbage, answers the wrong request or opens the wrong lab makes the lab throw
 * {@link NatLabException} with the reason (ERROR in a run) and stay unusable.
 */
class StdioNatLabTest {
    static final NatEndpoint INSIDE = NatEndpoint.of("198.51.100.10", 40000);
    static final NatEndpoint SERVER = NatEndpoint.of("203.0.113.100", 3478);
    /** The fake's requests get this beyond their own waiting: a hang is seen within it. */
    static final Duration SLACK = Duration.ofSeconds(1);

    @TempDir
    Path tmp;
    private Runnable restoreLogDir;
    private final List<StdioTarget> targets = new ArrayList<>();

    @BeforeAll
    static void python() {
        FakeProgram.assumePython();
    }

    @BeforeEach
    void logsInTmp() {
        restoreLogDir = FakeProgram.logsIn(tmp.resolve("logs"));
    }

    @AfterEach
    void stop() {
        targets.forEach(StdioTarget::stop);
        restoreLogDir.run();
    }

    /** A target declared with nat and set-timers (as a target file would), whose program runs in this mode. */
    private NatAdapter nat(String mode, TargetSpec.Area area) {
        ShimProcess.Launch launch = FakeProgram.launch(tmp.resolve("starts"), mode);
        StdioTarget t = new StdioTarget(new TargetSpec("fake-nat", "fake NAT program", Map.of("nat", area), SLACK,
                () -> new TargetSpec.Prepared(launch, null)));
        targets.add(t);
        return t.adapter(NatAdapter.class).orElseThrow();
    }

    private NatAdapter nat(String mode) {
        return nat(mode, TargetSpec.Area.of("nat", NatAdapter.SET_TIMERS));
    }

    private NatLab lab(String mode) {
        return nat(mode).open(NatLabOptions.defaults());
    }

    @Test
    void aCmdProgramThatDeclaresNatIsANatTargetWhoseLabsAnswer() {
        StdioTarget t = CmdTargetFactory.fromCommand(FakeProgram.launch(null, "nat").command());
        targets.add(t);
        assertThat(t.id()).isEqualTo("fake-nat");
        NatAdapter nat = t.adapter(NatAdapter.class).orElseThrow();
        assertThat(nat.layer()).isEqualTo(Layer.MODEL);
        assertThat(nat.capabilities()).containsExactly(NatAdapter.SET_TIMERS);
        try (NatLab lab = nat.open(NatLabOptions.defaults().withUdpIdleTimeout(Duration.ofMillis(300)))) {
            assertThat(lab.virtualTime()).isFalse();
            assertThat(lab.udp(INSIDE, SERVER)).contains(new Delivery(SERVER, NatEndpoint.of("203.0.113.1", 49152)));
            lab.advance(Duration.ofMillis(10));
            // the delivery wait the program's hello asks for
            assertThat(lab.describeTable()).isEqualTo("198.51.100.10:40000 -> 203.0.113.100:3478 waited 40");
        }
    }

    @Test
    void theDeliveryWaitOfTheDeclarationWinsOverTheHello() {
        TargetSpec.Area area = new TargetSpec.Area("nat", "model", Set.of(NatAdapter.SET_TIMERS),
                Json.object().put("deliveryWaitMs", 70));
        try (NatLab lab = nat("nat", area).open(NatLabOptions.defaults())) {
            lab.udp(INSIDE, SERVER);
            assertThat(lab.describeTable()).endsWith("waited 70");
        }
    }

    @Test
    void eachLabIsAProcessOfItsOwnAndClosingItLeavesNoneRunning() {
        NatAdapter nat = nat("nat");
        StdioNatLab first = (StdioNatLab) nat.open(NatLabOptions.defaults());
        StdioNatLab second = (StdioNatLab) nat.open(NatLabOptions.defaults());
        assertThat(first.pid()).isNotEqualTo(second.pid());
        assertThat(first.udp(INSIDE, SERVER)).isPresent();
        assertThat(second.udp(INSIDE, SERVER)).isPresent();
        for (StdioNatLab lab : List.of(first, second)) {
            lab.close();
            lab.close(); // a second close is harmless
            assertThat(ProcessHandle.of(lab.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void endpointsOutsideTheTopologyAndUndeclaredOperationsAreRefusedHere() {
        try (NatLab lab = lab("nat")) {
            assertThatThrownBy(() -> lab.udp(NatEndpoint.of("192.0.2.1", 1000), SERVER)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lab.udp(NatEndpoint.of("203.0.113.1", 1000), SERVER))
                    .as("the external address is a destination only").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lab.udpToClosedPort(INSIDE, SERVER)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> lab.tcpConnect(INSIDE, SERVER)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> lab.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThat(lab.udp(INSIDE, SERVER)).as("the lab still works").isPresent();
        }
    }

    @Test
    void aKilledProgramIsALabFailureAndStaysOne() {
        try (StdioNatLab lab = (StdioNatLab) lab("nat")) {
            assertThat(lab.udp(INSIDE, SERVER)).isPresent();
            ProcessHandle.of(lab.pid()).orElseThrow().destroyForcibly();
            // the harness notices either the exit (reader) or the broken pipe (the next write) first: both say the kill
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageMatching("(?s).*(exited|did not take nat.udp).*").hasMessageContaining("killed by signal 9");
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).as("and stays unusable")
                    .isInstanceOf(NatLabException.class).hasMessageContaining("unusable");
            assertThat(lab.describeTable()).startsWith("(no table:");
        }
    }

    @Test
    void aGarbageWritingProgramIsALabFailure() {
        assertFailsTheLab("nat-garbage", "wrote a line that is not a JSON object: this is not JSON at all");
    }

    @Test
    void anAnswerToAnotherRequestIsALabFailure() {
        assertFailsTheLab("nat-wrong-id", "answered request 7, which is not waiting for an answer");
    }

    @Test
    void aFloodingProgramIsALabFailure() {
        assertFailsTheLab("nat-flood", "a line longer than " + ShimProcess.MAX_LINE + " bytes");
    }

    @Test
    void aCrashingProgramIsALabFailureWithItsLog() {
        assertFailsTheLab("nat-crash", "exited (exit code 2)", "panic: on purpose");
    }

    @Test
    void aSilentProgramIsALabFailureAtTheDeadline() {
        long start = System.nanoTime();
        assertFailsTheLab("nat-hang", "did not answer nat.udp", "within " + (40 + SLACK.toMillis()) + " ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("until the lab gave up and closed")
                .isLessThan(SLACK.plusSeconds(6));
    }

    private void assertFailsTheLab(String mode, String... reason) {
        try (NatLab lab = lab(mode)) {
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageContaining("fake-nat").satisfies(e -> assertThat(e.getMessage()).contains(reason));
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class).hasMessageContaining("unusable");
        }
    }

    @Test
    void anOperationTheNatRefusesIsALabFailureButTheProgramLivesOn() {
        try (NatLab lab = lab("nat-refuse")) {
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageContaining("nat.udp failed: bind: address in use, on purpose");
            assertThatThrownBy(() -> lab.udp(INSIDE, SERVER)).isInstanceOf(NatLabException.class)
                    .hasMessageNotContaining("unusable");
        }
    }

    @Test
    void aProgramThatDiesBeforeHelloFailsTheOpenAndIsNotStartedAgain() throws IOException {
        NatAdapter nat = nat("nat-die-at-start");
        assertThatThrownBy(() -> nat.open(NatLabOptions.defaults())).isInstanceOf(NatLabException.class)
                .hasMessageContaining("could not be started").hasMessageContaining("cannot start, on purpose");
        assertThatThrownBy(() -> nat.open(NatLabOptions.defaults())).isInstanceOf(NatLabException.class)
                .hasMessageContaining("is not tried again");
        assertThat(FakeProgram.starts(tmp.resolve("starts"))).isEqualTo(1);
    }

    @Test
    void aMissingProgramFailsTheOpen() {
        ShimProcess.Launch missing = new ShimProcess.Launch(List.of("/nonexistent/natprogram"), null, Map.of());
        StdioTarget t = new StdioTarget(new TargetSpec("fake-nat", "missing", Map.of("nat", TargetSpec.Area.of("nat")),
                SLACK, () -> new TargetSpec.Prepared(missing, null)));
        targets.add(t);
        assertThatThrownBy(() -> t.adapter(NatAdapter.class).orElseThrow().open(NatLabOptions.defaults()))
                .isInstanceOf(NatLabException.class).hasMessageContaining("cannot start");
    }

    @Test
    void aLabOtherThanTheDeclaredOneIsRefusedAtOpen() {
        assertThatThrownBy(() -> lab("nat-topology")).isInstanceOf(NatLabException.class)
                .hasMessageContaining("opened a lab with topology").hasMessageContaining("203.0.113.2");
        assertThatThrownBy(() -> lab("nat-virtual")).isInstanceOf(NatLabException.class)
                .hasMessageContaining("virtual time");
        assertThatThrownBy(() -> lab("nat-no-timers")).isInstanceOf(NatLabException.class)
                .hasMessageContaining("the program offers nat with capabilities []");
    }

    @Test
    void aProgramThatFailsAtStartStillGivesACmdTargetWithANatAreaThatSaysWhy() {
        Target t = CmdTargetFactory.fromCommand(FakeProgram.launch(null, "nat-die-at-start").command());
        targets.add((StdioTarget) t);
        assertThatThrownBy(() -> t.adapter(NatAdapter.class).orElseThrow().open(NatLabOptions.defaults()))
                .isInstanceOf(NatLabException.class).hasMessageContaining("cannot start, on purpose");
    }
}
