package org.netconform.reports;

import org.netconform.harness.result.CaseResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.TestExecutionListener;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSummaryTest {
    @TempDir
    Path reportDir;

    @Test
    void printsTheSummaryAndTheReportPathWithoutRenderingAgain() throws Exception {
        ResultsJson.write(reportDir, new TargetResults(1, "reference", "in-tree", Instant.EPOCH.toString(), List.of(
                new CaseResult(List.of("BO-ORDER-1"), "S.t", "id", "PASS", "PASS", null, true, null, null, null,
                        null, null, 3L, null))));

        String out = captureOut(() -> ReportSummary.main(new String[]{reportDir.toString()}));

        // the listener renders the report once per run; the summary step only prints
        Path index = reportDir.resolve("index.html").toAbsolutePath();
        assertThat(index).doesNotExist();
        assertThat(out).contains("netconform: reference: conforms; 1 results, PASS 1")
                .contains("netconform report: file://" + index);
    }

    @Test
    void aMissingDirectoryIsReportedNotThrown() {
        String out = captureOut(() -> ReportSummary.main(new String[]{reportDir.resolve("absent").toString()}));
        assertThat(out).contains("nothing to report");
        assertThat(Files.exists(reportDir.resolve("absent"))).isFalse();
    }

    @Test
    void withARunIdAMissingReportFailsNamingTheCause() throws Exception {
        Path error = reportDir.resolve("error.txt");
        Files.writeString(error, "netconform: cannot write the conformance report to /x: Not a directory\n\nstack...");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportSummary.main(new String[]{
                        "reportDir=" + reportDir.resolve("report"), "runId=20261201T120000000", "errorFile=" + error}))
                .isInstanceOf(ReportSummary.ReportMissing.class)
                .hasMessageContaining("the conformance report of this run was not written")
                .hasMessageContaining("cannot write the conformance report to /x: Not a directory");
        // a report from another run does not count either
        Path dir = reportDir.resolve("old");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ConformanceReportListener.RECEIPT), "20261130T000000000\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportSummary.main(new String[]{
                        "reportDir=" + dir, "runId=20261201T120000000", "errorFile="}))
                .hasMessageContaining("the report there is from another run");
    }

    @Test
    void anEmptyReportDirectoryIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportSummary.main(new String[]{"reportDir=", "runId=1"}))
                .isInstanceOf(ReportSummary.ReportMissing.class).hasMessageContaining("is empty");
    }

    @Test
    void theReportOfThisRunIsSummarised() throws Exception {
        ResultsJson.write(reportDir, new TargetResults(1, "reference", "in-tree", Instant.EPOCH.toString(), List.of(
                new CaseResult(List.of("BO-ORDER-1"), "S.t", "id", "PASS", "PASS", null, true, null, null, null,
                        null, null, 3L, null))));
        Files.writeString(reportDir.resolve(ConformanceReportListener.RECEIPT), "run-7\n");
        String out = captureOut(() -> ReportSummary.main(new String[]{"reportDir=" + reportDir, "runId=run-7",
                "errorFile="}));
        assertThat(out).contains("netconform: reference:").contains("1 results, PASS 1");
    }

    @Test
    void theListenerIsRegisteredWithServiceLoader() {
        assertThat(ServiceLoader.load(TestExecutionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(ConformanceReportListener.class);
    }

    private static String captureOut(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
