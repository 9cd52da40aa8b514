package org.netconform.suites.wsserver;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a test run that ran endpoint cases, how many there were, the wall time from the
 * first case and the cases per second. Registered as a JUnit Platform listener.
 */
public final class SpeedListener implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        CaseRunner.printSpeed();
    }
}
