package org.netconform.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netconform.spi.FaultReporting;

/**
 * The program behind a target across cases: a failure spoils the case it happened in (with the reason and
 * the end of the stderr log), the next case gets a fresh process, three failed cases in a row or a failed
 * start end the restarts, and an event nobody listens for fails the program.
 */
class SessionTest {
    @TempDir
    Path tmp;
    private Path starts;
    private Session session;
    private Runnable restoreLogDir;

    @BeforeAll
    static void python() {
        FakeProgram.assumePython();
    }

    @BeforeEach
    void logsInTmp() {
        restoreLogDir = FakeProgram.logsIn(tmp.resolve("logs"));
        starts = tmp.resolve("starts");
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.stop();
        }
        restoreLogDir.run();
    }

    private Session session(String... mode) {
        ShimProcess.Launch launch = FakeProgram.launch(starts, mode);
        session = new Session(new TargetSpec("fake", "fake program", Map.of(), TargetSpec.DEFAULT_REQUEST_TIMEOUT,
                () -> new TargetSpec.Prepared(launch, null)));
        return session;
    }

    /** Runs one case that calls the program once; what the case's close reports. */
    private static Optional<String> oneCase(Session s, String name) {
        FaultReporting.Case c = s.openCase(name);
        try {
            s.call("echo", Json.object().put("text", name));
        } catch (StdioFault expected) {
            // the case's close says what happened
        }
        return c.close();
    }

    @Test
    void aCrashSpoilsItsCaseAndTheNextCaseGetsAFreshProgram() throws IOException {
        Session s = session("crash-first");
        assertThat(oneCase(s, "first")).get().asString().contains("failed by itself").contains("killed by signal 9")
                .contains("crashing on echo");
        assertThat(oneCase(s, "second")).isEmpty();
        assertThat(s.generation()).isEqualTo(2);
        assertThat(FakeProgram.starts(starts)).isEqualTo(2);
    }

    @Test
    void afterThreeFailedCasesInARowTheProgramIsNotStartedAgain() throws IOException {
        Session s = session("crash");
        for (String name : new String[] {"one", "two", "three"}) {
            assertThat(oneCase(s, name)).get().asString().contains("killed by signal 9");
        }
        assertThat(oneCase(s, "four")).get().asString().contains("failed in 3 cases in a row and is not restarted again");
        assertThat(FakeProgram.starts(starts)).isEqualTo(3);
    }

    @Test
    void aProgramThatFailedAtStartIsNotTriedAgain() throws IOException {
        Session s = session("version-2");
        assertThat(oneCase(s, "one")).get().asString().contains("answered hello with protocol \"netconform-stdio\" version 2");
        assertThat(oneCase(s, "two")).get().asString().contains("could not be started, and is not tried again")
                .contains("version 2");
        assertThat(FakeProgram.starts(starts)).isEqualTo(1);
    }

    @Test
    void anEventOfAnAreaNobodyListensForFailsTheProgram() {
        Session s = session("odd-event");
        assertThatThrownBy(() -> s.call("echo", Json.object())).isInstanceOf(StdioFault.class)
                .hasMessageContaining("wrote an event the harness does not know").hasMessageContaining("nobody.knows");
    }

    @Test
    void aPreparationThatThrowsIsAFaultOfEveryCaseNeverUnsupported() {
        session = new Session(new TargetSpec("fake", "fake program", Map.of(), TargetSpec.DEFAULT_REQUEST_TIMEOUT, () -> {
            throw new IllegalStateException("Recursive update");
        }));
        // not "cannot run here": a baseline would take that for a target that does not apply on this machine
        assertThat(session.unavailable()).isEmpty();
        assertThat(oneCase(session, "one")).get().asString().contains("preparing the program failed")
                .contains("Recursive update");
        assertThat(oneCase(session, "two")).get().asString().contains("preparing the program failed");
    }
}
