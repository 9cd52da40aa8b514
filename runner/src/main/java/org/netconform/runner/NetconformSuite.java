package org.netconform.runner;

import java.util.List;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.netconform.harness.Preflight;
import org.netconform.harness.RunOptions;
import org.netconform.harness.RunTally;
import org.netconform.harness.Shard;
import org.netconform.harness.Targets;

/**
 * The conformance suites as one JUnit Platform suite. A vendor's build needs one test class:
 *
 * <pre>
 * class MyLibraryConformanceTest extends NetconformSuite {}
 * </pre>
 *
 * Surefire (or Failsafe, for a class named {@code ...IT}) picks it up with its default settings. It
 * brings the jqwik reporting setting the report needs and the console quieting, checks the run's
 * options, selection and baselines before any case runs, and fails when a target the run names had
 * nothing judged (one that only {@code all} brings in may be unable to run here). Which targets: {@code -Dnetconform.target} (default {@code reference}); every option of
 * the README's table applies.
 */
@Suite
@IncludeEngines({"junit-jupiter", "jqwik"})
@SelectPackages("org.netconform.suites")
@IncludeClassNamePatterns(".*")
@ConfigurationParameter(key = "jqwik.reporting.usejunitplatform", value = "true")
@ConfigurationParameter(key = "jqwik.database", value = "target/.jqwik-database")
public abstract class NetconformSuite {

    @BeforeSuite
    static void checkTheRunBeforeAnyCase() {
        Logging.quiet();
        RunTally.clear();
        List<String> problems = Preflight.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("netconform: the run cannot start:\n  " + String.join("\n  ", problems));
        }
    }

    @AfterSuite
    static void somethingWasJudged() {
        if (!Shard.current().isAll()) {
            return;
        }
        String why = RunTally.nothingJudged(Targets.named());
        if (why != null) {
            throw new AssertionError(why + "\n  (selected with -D" + RunOptions.TARGET + "=" + Targets.selector() + ")");
        }
    }
}
