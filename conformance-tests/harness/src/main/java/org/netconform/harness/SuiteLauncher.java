package org.netconform.harness;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.result.ResultJson;

/**
 * Runs suite packages in process against a target and returns the judged results. Both engines the
 * suites use (JUnit Jupiter for scenarios, jqwik for properties) run, each result the harness
 * publishes is decoded, and nothing else is judged here: a test that differs from the target's
 * baseline is reported by the result's {@link Result#matchesBaseline()}.
 *
 * <p>Meant for a module that holds a target and its baseline (a bundled adapter or a vendor's own):
 * a single JUnit test calls {@link #run(String, String...)} and asserts that every result matches
 * the baseline. The target and its baseline must be on the caller's class path.
 */
public final class SuiteLauncher {
    /** The engines the suites are written for. */
    public static final List<String> ENGINES = List.of("junit-jupiter", "jqwik");

    private SuiteLauncher() {
    }

    /** What a run produced: the judged results, and the containers that failed outside any test. */
    public record Run(List<PublishedResult> results, List<String> containerFailures) {
    }

    /**
     * Runs the suites in these packages against the targets {@code targetSelector} names (as
     * {@code -Dnetconform.target} would). The system property is set for the duration of the run and
     * restored afterwards, so runs are serialised.
     */
    public static synchronized Run run(String targetSelector, String... suitePackages) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(suitePackages).map(p -> selectPackage(p)).toList())
                .filters(EngineFilter.includeEngines(ENGINES))
                // jqwik forwards the harness's report entries to the platform only with this set
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .build();
        Collector collector = new Collector();
        String before = System.getProperty(Targets.PROPERTY);
        System.setProperty(Targets.PROPERTY, targetSelector);
        try {
            LauncherFactory.create().execute(request, collector);
        } finally {
            if (before == null) {
                System.clearProperty(Targets.PROPERTY);
            } else {
                System.setProperty(Targets.PROPERTY, before);
            }
        }
        synchronized (collector.results) {
            synchronized (collector.containerFailures) {
                return new Run(List.copyOf(collector.results), List.copyOf(collector.containerFailures));
            }
        }
    }

    private static final class Collector implements TestExecutionListener {
        // the endpoint and client suites run their tests concurrently, so entries arrive from several threads
        final List<PublishedResult> results = Collections.synchronizedList(new ArrayList<>());
        final List<String> containerFailures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            String value = entry.getKeyValuePairs().get(PublishedResult.KEY);
            if (value != null) {
                PublishedResult r = ResultJson.read(value);
                results.add(new PublishedResult(r.target(), r.targetDescription(), r.result().withTestId(test.getUniqueId())));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            // a failing test is judged through its published result; a failing container published none
            if (id.isContainer() && !id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                containerFailures.add(id.getDisplayName() + ": " + result.getThrowable().map(String::valueOf)
                        .orElse(result.getStatus().name()));
            }
        }
    }
}
