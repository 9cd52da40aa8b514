package org.netconform.reports;

import org.netconform.harness.result.CaseResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsJsonTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndSkipsWhatItCannotRead() throws Exception {
        TargetResults ws = new TargetResults(1, "ws://127.0.0.1:9001/", null, Instant.EPOCH.toString(), List.of(
                new CaseResult(List.of("BO-ORDER-1"), "S.t", "id", "PASS", null, null, null, null, "é\n\u0000<x>", null,
                        null, null, null, "-> 81 05\n<- 88 00")));
        Path file = ResultsJson.write(dir, ws);
        assertThat(file.getParent().getFileName().toString()).startsWith("t-");
        Files.createDirectories(dir.resolve("garbage"));
        Files.writeString(dir.resolve("garbage/results.json"), "{not json");
        Files.createDirectories(dir.resolve("future"));
        Files.writeString(dir.resolve("future/results.json"), "{\"schema\":2,\"target\":\"future\",\"results\":[]}");
        Files.createDirectories(dir.resolve("newer-fields"));
        Files.writeString(dir.resolve("newer-fields/results.json"),
                "{\"schema\":1,\"target\":\"newer\",\"extra\":1,\"results\":[{\"test\":\"a\",\"outcome\":\"PASS\",\"new\":[]}]}");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<TargetResults> all = ResultsJson.readAll(dir, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(all).extracting(TargetResults::target).containsExactly("newer", "ws://127.0.0.1:9001/");
        assertThat(all.get(1)).isEqualTo(ws);
        assertThat(all.get(0).results().get(0).requirements()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("garbage").contains("schema 2");
    }
}
