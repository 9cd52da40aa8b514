package org.netconform.runner;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.netconform.harness.RunOptions;
import org.netconform.harness.Targets;

/**
 * Progress for runs the runner does not start (Maven's, a vendor's): registered with ServiceLoader, it
 * prints a plain line per suite class as it finishes when {@code -Dnetconform.progress=plain}, so that
 * even {@code mvn -q} shows the run advancing; silent otherwise. The runner shows its own progress and
 * switches this one off.
 */
public final class PlainProgressListener implements TestExecutionListener {
    private volatile Progress delegate;

    private Progress delegate() {
        return delegate;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (!"plain".equalsIgnoreCase(RunOptions.get(RunOptions.PROGRESS))) {
            delegate = null;
            return;
        }
        int targets;
        try {
            targets = Targets.selected().size();
        } catch (RuntimeException e) {
            targets = 1;
        }
        delegate = new Progress(System.out, false, targets);
        delegate.testPlanExecutionStarted(plan);
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        Progress p = delegate();
        if (p != null) {
            p.executionStarted(id);
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        Progress p = delegate();
        if (p != null) {
            p.reportingEntryPublished(id, entry);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Progress p = delegate();
        if (p != null) {
            p.executionFinished(id, result);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        Progress p = delegate();
        if (p != null) {
            p.testPlanExecutionFinished(plan);
        }
    }
}
