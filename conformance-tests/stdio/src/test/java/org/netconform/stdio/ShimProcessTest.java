package org.netconform.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One program process and the protocol's rules at its edge: the handshake, the line limits both ways,
 * answers to requests that are not waiting, deadlines that count the write, and the stderr log. (Crash,
 * hang, garbage, flood without a newline and a wrong id are covered end to end by the suites' self-test
 * StdioTargetFaultsTest.)
 */
class ShimProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    @BeforeAll
    static void python() {
        FakeProgram.assumePython();
    }

    private ShimProcess start(List<String> failures, String... mode) {
        return ShimProcess.start("fake", FakeProgram.launch(null, mode), tmp.resolve("fake.log"), DEADLINE, failures::add);
    }

    private ShimProcess start(String... mode) {
        return start(new CopyOnWriteArrayList<>(), mode);
    }

    private static JsonNode echo(ShimProcess p, String text, Duration deadline) {
        return p.call("echo", Json.object().put("text", text), deadline);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "version-2     | answered hello with protocol \"netconform-stdio\" version 2, asked for netconform-stdio 1",
            "refuse-hello  | answered hello with error kind 'bad-request': this program speaks version 7",
            "maxline-small | declared maxLine 1000; at least 65536 is required",
            "early-event   | wrote an event before the handshake",
    })
    void aHandshakeThatDoesNotFitIsNoStart(String mode, String reason) {
        assertThatThrownBy(() -> start(mode)).isInstanceOf(StdioFault.class).hasMessageContaining(reason);
    }

    @Test
    void aRequestLongerThanTheProgramsMaxLineIsNotSentAndTheProgramStaysUsable() {
        try (ShimProcess p = start("maxline-64k")) {
            assertThatThrownBy(() -> echo(p, "y".repeat(70_000), DEADLINE)).isInstanceOf(StdioFault.class)
                    .hasMessageContaining("more than the 65536 the program accepts");
            assertThat(p.broken()).isNull();
            assertThat(echo(p, "short", DEADLINE).path("text").asText()).isEqualTo("short");
        }
    }

    @Test
    void aSecondAnswerToTheSameRequestFailsTheProgram() throws InterruptedException {
        List<String> failures = new CopyOnWriteArrayList<>();
        try (ShimProcess p = start(failures, "twice")) {
            assertThat(echo(p, "once", DEADLINE).path("text").asText()).isEqualTo("once");
            long until = System.nanoTime() + DEADLINE.toNanos();
            while (p.broken() == null && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(p.broken()).contains("which is not waiting for an answer");
            assertThat(failures).singleElement().asString().contains("which is not waiting for an answer");
            assertThatThrownBy(() -> echo(p, "again", DEADLINE)).isInstanceOf(StdioFault.class)
                    .hasMessageContaining("which is not waiting for an answer");
        }
    }

    @Test
    void aLineOfExactly32MiBIsReadAndOneByteMoreFailsTheProgram() {
        try (ShimProcess p = start("long-line", String.valueOf(ShimProcess.MAX_LINE))) {
            // the answer holds one string nearly as long as the line (as a 16 MiB payload in base64 does)
            assertThat(echo(p, "", DEADLINE).path("pad").asText().length()).isGreaterThan(ShimProcess.MAX_LINE - 100);
        }
        try (ShimProcess p = start("long-line", String.valueOf(ShimProcess.MAX_LINE + 1))) {
            assertThatThrownBy(() -> echo(p, "", DEADLINE)).isInstanceOf(StdioFault.class)
                    .hasMessageContaining("a line longer than " + ShimProcess.MAX_LINE + " bytes");
        }
    }

    @Test
    void writingARequestToAProgramThatReadsNothingCountsAgainstTheDeadline() {
        try (ShimProcess p = start("deaf")) {
            // far more than a pipe holds: the write itself blocks
            String big = "z".repeat(900_000);
            long start = System.nanoTime();
            assertThatThrownBy(() -> echo(p, big, Duration.ofMillis(500))).isInstanceOf(StdioFault.class)
                    .hasMessageContaining("did not answer echo").hasMessageContaining("within 500 ms");
            // the deadline, then at most the 2 s the harness gives a killed process to exit
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void stderrGoesToTheLogUpToOneMiBThenANote() throws IOException {
        int written = ShimProcess.LOG_LIMIT + ShimProcess.LOG_LIMIT / 2;
        try (ShimProcess p = start("chatty", String.valueOf(written))) {
            assertThat(echo(p, "after", DEADLINE).path("text").asText()).isEqualTo("after");
        }
        String log = Files.readString(tmp.resolve("fake.log"));
        String note = "\n[netconform: stderr cut here, after 1024 KiB]\n";
        assertThat(log).endsWith(note);
        assertThat(log.substring(0, log.length() - note.length())).hasSize(ShimProcess.LOG_LIMIT).matches("e+");
    }
}
