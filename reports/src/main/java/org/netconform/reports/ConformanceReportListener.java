package org.netconform.reports;

import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.netconform.spec.SpecCatalog;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Collects the conformance harness's report entries ({@code netconform.*}, one per test and target)
 * and, when the test plan has finished, writes {@code <reportDir>/<target>/results.json} and renders
 * the HTML report. Registered with ServiceLoader, so it is on the class path of unrelated test runs
 * too: without entries it does nothing. It never throws into the launcher.
 *
 * <p>A report that cannot be written must not go missing in a green build: when the build passes a run ID
 * ({@value #RUN_ID_PROPERTY}), a written report gets a receipt ({@value #RECEIPT}, holding that ID) that
 * {@link ReportSummary} checks after the run, failing the build without it; the cause (with its stack
 * trace) goes to {@value #ERROR_FILE_PROPERTY} for the summary to name, and one line to the console.
 */
public class ConformanceReportListener implements TestExecutionListener {
    public static final String REPORT_DIR_PROPERTY = "netconform.reportDir";
    public static final String DEFAULT_REPORT_DIR = "target/netconform";
    /**
     * Set to true where a later build step prints the summary anyway (the run module's
     * post-integration-test step), so that it is printed once, as the build's last lines.
     */
    public static final String QUIET_PROPERTY = "netconform.listener.quiet";
    /** An ID unique to the build (the run module passes its start time); the report's receipt holds it. */
    public static final String RUN_ID_PROPERTY = "netconform.runId";
    /** Where the cause goes when the report cannot be written (the run module: target/netconform-report-error.txt). */
    public static final String ERROR_FILE_PROPERTY = "netconform.reportErrorFile";
    /** The receipt of a report written in this run, in the report directory. */
    public static final String RECEIPT = ".netconform-run";
    /** The same, by its name in the report group; either one quiets the listener. */
    public static final String REPORT_QUIET_PROPERTY = "netconform.report.quiet";

    private final ResultCollector collector = new ResultCollector();
    private final Supplier<Path> reportDir;
    private final Supplier<SpecCatalog> catalog;
    private final PrintStream out;
    private final PrintStream err;

    public ConformanceReportListener() {
        this(ConformanceReportListener::configuredDir, SpecCatalog::bundled,
                Boolean.getBoolean(QUIET_PROPERTY) || Boolean.getBoolean(REPORT_QUIET_PROPERTY)
                        ? new PrintStream(java.io.OutputStream.nullOutputStream()) : System.out,
                System.err);
    }

    ConformanceReportListener(Supplier<Path> reportDir, Supplier<SpecCatalog> catalog, PrintStream out,
                              PrintStream err) {
        this.reportDir = reportDir;
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    /** The report directory the property names; an empty value is refused (it would be the working directory). */
    static Path configuredDir() {
        String dir = System.getProperty(REPORT_DIR_PROPERTY, DEFAULT_REPORT_DIR);
        if (dir.isBlank()) {
            throw new IllegalArgumentException("-D" + REPORT_DIR_PROPERTY + " is empty: no directory to write the report to");
        }
        return Path.of(dir);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        collector.clear();
        String errorFile = System.getProperty(ERROR_FILE_PROPERTY, "");
        if (!errorFile.isBlank()) {
            try {
                Files.deleteIfExists(Path.of(errorFile));
            } catch (IOException | RuntimeException ignored) {
                // a stale error file is overwritten if this run fails too; the receipt decides anyway
            }
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
        try {
            collector.add(testIdentifier.getUniqueId(), testIdentifier.getDisplayName(), entry.getKeyValuePairs());
        } catch (RuntimeException e) {
            err.println("netconform: cannot record a report entry of " + testIdentifier.getUniqueId() + ": " + e);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (collector.isEmpty()) {
            return;
        }
        Path dir = null;
        try {
            dir = reportDir.get();
            new ReportPublisher(catalog.get(), out, err).publish(dir, collector.snapshot(Instant.now()));
            String runId = System.getProperty(RUN_ID_PROPERTY, "");
            if (!runId.isBlank()) {
                Files.writeString(dir.resolve(RECEIPT), runId + "\n", StandardCharsets.UTF_8);
            }
        } catch (Exception | LinkageError e) {
            String line = "netconform: cannot write the conformance report" + (dir == null ? "" : " to " + dir.toAbsolutePath())
                    + ": " + e;
            err.println(line);
            String errorFile = System.getProperty(ERROR_FILE_PROPERTY, "");
            if (!errorFile.isBlank()) {
                try {
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    Path f = Path.of(errorFile);
                    if (f.getParent() != null) {
                        Files.createDirectories(f.getParent());
                    }
                    Files.writeString(f, line + "\n\n" + trace, StandardCharsets.UTF_8);
                } catch (IOException | RuntimeException ignored) {
                    // the receipt is missing either way, and the summary fails the build
                }
            }
        } finally {
            collector.clear();
        }
    }
}
