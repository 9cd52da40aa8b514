package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netconform.harness.SuiteLauncher;
import org.netconform.harness.result.PublishedResult;

/**
 * A stdio target whose program crashes, hangs, writes garbage, floods stdout, answers the wrong
 * request, fails itself or never says hello gives ERROR with the reason for every case it spoils,
 * never PASS or FAIL, and the run completes quickly. The programs are modes of
 * {@code broken-stdio/broken_adapter.py} (Python, standard library only).
 */
class StdioTargetFaultsTest {
    private static final String SUITES = "org.netconform.suites.byteorder";
    private static Path dir;

    @BeforeAll
    static void programs() throws URISyntaxException, IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            p = null;
        }
        assumeTrue(p != null && p.waitFor() == 0, "python3 is needed to run the broken adapter programs");
        dir = Path.of(StdioTargetFaultsTest.class.getResource("/broken-stdio/broken_adapter.py").toURI()).getParent();
    }

    private static List<PublishedResult> run(String selector) {
        long start = System.nanoTime();
        List<PublishedResult> results = SuiteLauncher.run(selector, SUITES).results();
        long ms = (System.nanoTime() - start) / 1_000_000;
        // a broken program never stalls the run: each request has its deadline (700 ms in these target files),
        // and after three spoiled cases in a row the program is not restarted again
        assertThat(ms).as("run time of the byte-order suites against " + selector).isLessThan(30_000);
        return results;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "crash     | killed by signal 11",
            "hang      | did not answer byteorder.",
            "garbage   | wrote a line that is not a JSON object: Segmentation fault? no: just garbage",
            "flood     | flooded stdout",
            "wrong-id  | which is not waiting for an answer",
            "internal  | answered byteorder.write with error kind 'internal': KeyError",
            "no-hello  | could not be started",
    })
    void everyCaseItSpoilsIsErrorWithTheReason(String mode, String reason) {
        List<PublishedResult> results = run("cmd:@" + dir.resolve("broken-" + mode + ".json"));
        List<PublishedResult> judged = results.stream().filter(r -> !r.outcome().name().equals("UNSUPPORTED")).toList();
        assertThat(judged).as("results that called the program").isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.result().test()).isEqualTo("ERROR");
            assertThat(r.reason()).as(r.result().test()).contains("broken-" + mode).contains("failed by itself");
        });
        assertThat(judged).anySatisfy(r -> assertThat(r.reason()).contains(reason));
        if (!mode.equals("no-hello") && !mode.equals("internal")) {
            // the reason names the log that holds the program's stderr
            assertThat(judged).anySatisfy(r -> assertThat(r.reason()).contains("stderr log").contains("broken adapter, mode " + mode));
        }
    }

    @Test
    void aProgramThatCrashesOnceIsRestartedForTheNextCase(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("crash-once.json");
        Files.writeString(file, """
                {"id": "broken-crash-once", "command": ["python3", "%s", "crash-once", "%s"], "requestTimeoutMs": 2000,
                 "areas": {"byteorder": {"capabilities": ["little-endian"]}}}
                """.formatted(dir.resolve("broken_adapter.py"), tmp.resolve("crashed")));
        List<PublishedResult> results = run("cmd:@" + file);
        assertThat(results).filteredOn(r -> r.outcome().name().equals("ERROR")).hasSize(1)
                // the stderr log's tail is quoted (its last line may still be in flight when the crash is seen)
                .allSatisfy(r -> assertThat(r.reason()).contains("killed by signal 11").contains("broken adapter, mode crash-once"));
        assertThat(results).filteredOn(r -> r.outcome().name().equals("PASS")).hasSizeGreaterThan(5);
    }

    @Test
    void aCommandThatNeverSaysHelloStillBecomesATargetThatErrs() {
        List<PublishedResult> results = run("cmd:python3 " + dir.resolve("broken_adapter.py") + " no-hello");
        assertThat(results).filteredOn(r -> r.target().equals("cmd-python3")).isNotEmpty()
                .filteredOn(r -> !r.outcome().name().equals("UNSUPPORTED"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.outcome().name()).isEqualTo("ERROR"));
    }
}
