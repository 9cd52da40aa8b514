package org.netconform.reports;

import org.netconform.spec.SpecCatalog;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the summary of the report the listener rendered (from the results.json files present), so
 * that the report's path is among a build's last lines. It renders nothing: the report is rendered
 * once per run, by the listener. It only reports: it never fails the build.
 *
 * <p>Usage: {@code ReportSummary [reportDir]} (default: the {@code netconform.reportDir} property,
 * else {@code target/netconform}).
 */
public final class ReportSummary {
    private ReportSummary() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 && !args[0].isBlank() ? args[0]
                : System.getProperty(ConformanceReportListener.REPORT_DIR_PROPERTY,
                ConformanceReportListener.DEFAULT_REPORT_DIR));
        try {
            if (!Files.isDirectory(dir)) {
                System.out.println("netconform: no report directory " + dir.toAbsolutePath() + ", nothing to report");
                return;
            }
            new ReportPublisher(SpecCatalog.bundled(), System.out, System.err).summarize(dir);
        } catch (Exception | LinkageError e) {
            System.err.println("netconform: cannot summarise the conformance report in " + dir + ": " + e);
            e.printStackTrace(System.err);
        }
    }
}
