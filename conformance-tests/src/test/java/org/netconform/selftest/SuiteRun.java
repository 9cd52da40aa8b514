package org.netconform.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.netconform.harness.ExecutionResult;
import org.netconform.harness.Targets;

/**
 * Runs a suite package through both engines against a chosen target, as `mvn verify` would, and
 * returns every judged result the harness published. The suite's own tests use it to show that each
 * suite catches a broken implementation with the intended requirement ID.
 */
public final class SuiteRun {
    private SuiteRun() {
    }

    /** One published result, decoded. */
    public record Result(Map<String, String> fields) {
        public String target() {
            return fields.get("netconform.target");
        }

        public List<String> requirements() {
            return List.of(fields.get("netconform.requirements").split(","));
        }

        public String outcome() {
            return fields.get("netconform.outcome");
        }

        public String test() {
            return fields.get("netconform.test");
        }

        public boolean matchesBaseline() {
            return Boolean.parseBoolean(fields.get("netconform.matchesBaseline"));
        }

        public String reason() {
            return fields.get("netconform.reason");
        }

        @Override
        public String toString() {
            return target() + " " + requirements() + " " + test() + " " + outcome()
                    + (reason() == null ? "" : " (" + reason().lines().findFirst().orElse("") + ")");
        }
    }

    public static synchronized List<Result> run(String suitePackage, String targetSelector) {
        String before = System.getProperty(Targets.PROPERTY);
        System.setProperty(Targets.PROPERTY, targetSelector);
        try {
            return Stream.of("junit-jupiter", "jqwik")
                    .map(engine -> EngineTestKit.engine(engine).selectors(selectPackage(suitePackage))
                            // the test kit ignores junit-platform.properties: pass the suites' settings (among
                            // them the client suite's parallel execution) as `mvn verify` would see them
                            .configurationParameters(engine.equals("junit-jupiter") ? platformProperties() : Map.of())
                            .configurationParameter("jqwik.reporting.usejunitplatform", "true").execute())
                    .flatMap(SuiteRun::results).toList();
        } finally {
            if (before == null) {
                System.clearProperty(Targets.PROPERTY);
            } else {
                System.setProperty(Targets.PROPERTY, before);
            }
        }
    }

    private static Map<String, String> platformProperties() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = SuiteRun.class.getClassLoader().getResourceAsStream("junit-platform.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> m = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).strip()));
        return m;
    }

    private static Stream<Result> results(EngineExecutionResults results) {
        return results.allEvents().stream().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(Event::getPayload).flatMap(java.util.Optional::stream)
                .filter(ReportEntry.class::isInstance).map(ReportEntry.class::cast)
                .map(ReportEntry::getKeyValuePairs).filter(kv -> kv.containsKey(ExecutionResult.KEY))
                .map(kv -> new Result(ExecutionResult.decode(kv.get(ExecutionResult.KEY))));
    }
}
