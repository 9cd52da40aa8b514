package org.netconform.reports;

import org.netconform.spec.SpecCatalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the summary of the report the listener rendered (from the results.json files present), so
 * that the report's path is among a build's last lines. It renders nothing: the report is rendered
 * once per run, by the listener.
 *
 * <p>Usage: {@code ReportSummary [reportDir [runId [errorFile]]]}, or the same as {@code reportDir=DIR runId=ID
 * errorFile=FILE} (so that an empty value stays an argument in a build file; default directory: the
 * {@code netconform.reportDir} property, else {@code target/netconform}). With a run ID it also checks that
 * this run's report was written (the listener's receipt holds the ID) and fails otherwise (an exception,
 * which fails the build step that runs it), naming the cause the listener left in {@code errorFile}. An
 * empty report directory is refused.
 */
public final class ReportSummary {
    private ReportSummary() {
    }

    /** This run's report is missing: the build must fail. */
    public static final class ReportMissing extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ReportMissing(String message) {
            super(message, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            setStackTrace(new StackTraceElement[0]);
            return this;
        }
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].startsWith("reportDir=")) {
            String[] named = new String[3];
            for (String a : args) {
                int eq = a.indexOf('=');
                String key = eq < 0 ? a : a.substring(0, eq);
                String value = eq < 0 ? "" : a.substring(eq + 1);
                switch (key) {
                    case "reportDir" -> named[0] = value;
                    case "runId" -> named[1] = value;
                    case "errorFile" -> named[2] = value;
                    default -> throw new IllegalArgumentException("ReportSummary: unknown argument " + a);
                }
            }
            args = new String[] {named[0], named[1] == null ? "" : named[1], named[2] == null ? "" : named[2]};
        }
        if (args.length > 0 && args[0].isBlank()) {
            throw new ReportMissing("netconform: the report directory (-D" + ConformanceReportListener.REPORT_DIR_PROPERTY
                    + ") is empty: no report was written");
        }
        Path dir = Path.of(args.length > 0 ? args[0]
                : System.getProperty(ConformanceReportListener.REPORT_DIR_PROPERTY,
                ConformanceReportListener.DEFAULT_REPORT_DIR));
        String runId = args.length > 1 && !args[1].isBlank() && !args[1].startsWith("${") ? args[1].strip() : null;
        Path errorFile = args.length > 2 && !args[2].isBlank() ? Path.of(args[2]) : null;
        if (runId != null) {
            checkReceipt(dir, runId, errorFile);
        }
        try {
            if (!Files.isDirectory(dir)) {
                System.out.println("netconform: no report directory " + dir.toAbsolutePath() + ", nothing to report");
                return;
            }
            new ReportPublisher(SpecCatalog.bundled(), System.out, System.err).summarize(dir);
        } catch (Exception | LinkageError e) {
            System.err.println("netconform: cannot summarise the conformance report in " + dir + ": " + e);
        }
    }

    private static void checkReceipt(Path dir, String runId, Path errorFile) {
        String receipt;
        try {
            receipt = Files.readString(dir.resolve(ConformanceReportListener.RECEIPT), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            receipt = null;
        }
        if (runId.equals(receipt)) {
            return;
        }
        String cause = null;
        if (errorFile != null) {
            try {
                cause = Files.readAllLines(errorFile, StandardCharsets.UTF_8).stream().findFirst().orElse(null);
            } catch (IOException | RuntimeException ignored) {
                cause = null;
            }
        }
        throw new ReportMissing("netconform: the conformance report of this run was not written to "
                + dir.toAbsolutePath() + (cause != null ? " (" + cause.replaceFirst("^netconform: ", "") + "; details in "
                + errorFile + ")" : receipt == null ? " (no report from this run there: did the suites run?)"
                : " (the report there is from another run)"));
    }
}
