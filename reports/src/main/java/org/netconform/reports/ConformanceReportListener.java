package org.netconform.reports;

import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.netconform.spec.SpecCatalog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Collects the conformance harness's report entries ({@code netconform.*}, one per test and target)
 * and, when the test plan has finished, writes {@code <reportDir>/<target>/results.json} and renders
 * the HTML report. Registered with ServiceLoader, so it is on the class path of unrelated test runs
 * too: without entries it does nothing. It never throws into the launcher.
 */
public class ConformanceReportListener implements TestExecutionListener {
    public static final String REPORT_DIR_PROPERTY = "netconform.reportDir";
    public static final String DEFAULT_REPORT_DIR = "target/netconform";
    /**
     * Set to true where a later build step prints the summary anyway (the run module's
     * post-integration-test step), so that it is printed once, as the build's last lines.
     */
    public static final String QUIET_PROPERTY = "netconform.listener.quiet";
    /** The same, by its name in the report group; either one quiets the listener. */
    public static final String REPORT_QUIET_PROPERTY = "netconform.report.quiet";

    private final ResultCollector collector = new ResultCollector();
    private final Supplier<Path> reportDir;
    private final Supplier<SpecCatalog> catalog;
    private final PrintStream out;
    private final PrintStream err;

    public ConformanceReportListener() {
        this(() -> Path.of(System.getProperty(REPORT_DIR_PROPERTY, DEFAULT_REPORT_DIR)), SpecCatalog::bundled,
                Boolean.getBoolean(QUIET_PROPERTY) || Boolean.getBoolean(REPORT_QUIET_PROPERTY) ? new PrintStream(java.io.OutputStream.nullOutputStream()) : System.out,
                System.err);
    }

    ConformanceReportListener(Supplier<Path> reportDir, Supplier<SpecCatalog> catalog, PrintStream out,
                              PrintStream err) {
        this.reportDir = reportDir;
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        collector.clear();
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
        try {
            new ReportPublisher(catalog.get(), out, err).publish(reportDir.get(), collector.snapshot(Instant.now()));
        } catch (Exception | LinkageError e) {
            err.println("netconform: cannot write the conformance report: " + e);
            e.printStackTrace(err);
        } finally {
            collector.clear();
        }
    }
}
