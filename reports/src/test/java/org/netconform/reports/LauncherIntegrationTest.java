package org.netconform.reports;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The listener fed through a real launcher, by entries a test publishes with {@link TestReporter}. */
class LauncherIntegrationTest {
    @TempDir
    Path reportDir;

    /** Stands in for the harness; disabled so that it runs only in the launcher below. */
    @Disabled("run by LauncherIntegrationTest through its own launcher")
    static class HarnessLike {
        @Test
        void writesNetworkOrder(TestReporter reporter) {
            reporter.publishEntry(Fixtures.packed(Map.of("netconform.target", "reference", "netconform.requirements", "BO-ORDER-1",
                    "netconform.test", "ByteOrderSuite.writesNetworkOrder", "netconform.outcome", "PASS",
                    "netconform.durationMs", "1")));
            reporter.publishEntry(Fixtures.packed(Map.of("netconform.target", "netty", "netconform.requirements", "BO-ORDER-1",
                    "netconform.test", "ByteOrderSuite.writesNetworkOrder", "netconform.outcome", "FAIL",
                    "netconform.observed", "67 45 23 01")));
            reporter.publishEntry("unrelated", "entry");
        }
    }

    @Test
    void writesTheReportWhenThePlanFinishes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConformanceReportListener listener = new ConformanceReportListener(() -> reportDir, Fixtures::catalog,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).addTestExecutionListeners(listener).build());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(HarnessLike.class))
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .build();

        launcher.execute(request);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(reportDir.resolve("reference/results.json")).isRegularFile();
        assertThat(reportDir.resolve("netty/results.json")).isRegularFile();
        TargetResults netty = ResultsJson.read(reportDir.resolve("netty/results.json"));
        assertThat(netty.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("FAIL");
            assertThat(r.observed()).isEqualTo("67 45 23 01");
            assertThat(r.testId()).contains("writesNetworkOrder");
        });
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("netconform report: file://" + reportDir.resolve("index.html").toAbsolutePath());
    }
}
