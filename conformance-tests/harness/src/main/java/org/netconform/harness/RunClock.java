package org.netconform.harness;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Starts the {@link RunDeadline} clock when a test plan starts. Registered as a JUnit Platform listener. */
public final class RunClock implements TestExecutionListener {
    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        RunDeadline.begin();
    }
}
