package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import org.netconform.harness.Traceability;
import org.netconform.spec.Layer;
import org.netconform.spec.Level;
import org.netconform.spec.SpecCatalog;
import org.netconform.spec.SpecRequirement;

/** The build's traceability check, and proof that it fails when it should. */
class TraceabilityTest {

    @Test
    void everyMustAndShouldHasATestAndEveryTestNamesARealId() {
        Traceability.Report report = Traceability.check(SpecCatalog.bundled(), Traceability.testsOf(suiteMethods()));
        System.out.println("traceability:\n" + report.describe());
        assertThat(report.ok()).as(report.describe()).isTrue();
    }

    @Test
    void anUnknownIdAndAnUntestedMustAreBothReported() {
        SpecCatalog spec = SpecCatalog.of(List.of(req("BO-X-1", Level.MUST, "bo"), req("BO-X-2", Level.SHOULD, "bo"),
                req("BO-X-3", Level.INFO, "bo")));
        Traceability.Report r = Traceability.check(spec, Map.of("T.a", List.of("BO-X-1", "BO-NOPE-9")));
        assertThat(r.ok()).isFalse();
        assertThat(r.unknownIds()).containsOnlyKeys("BO-NOPE-9");
        assertThat(r.untested()).containsExactly("BO-X-2");
        assertThat(r.describe()).contains("no requirement BO-NOPE-9 in the spec, named by [T.a]")
                .contains("MUST/SHOULD requirements without a test: BO-X-2");
    }

    @Test
    void aDraftAreaListsItsGapsWithoutFailing() {
        SpecCatalog spec = SpecCatalog.of(List.of(req("WS-X-1", Level.MUST, "websocket")), Set.of("websocket"));
        Traceability.Report r = Traceability.check(spec, Map.of());
        assertThat(r.ok()).isTrue();
        assertThat(r.pendingByDraftArea()).containsEntry("websocket", Set.of("WS-X-1"));
    }

    private static SpecRequirement req(String id, Level level, String area) {
        return new SpecRequirement(id, level, List.of("reader"), Set.of(Layer.CODEC), "t", "s", area, area + ".md", 1,
                Optional.empty());
    }

    /** Every test method of every suite, as the engines discover them. */
    static List<Method> suiteMethods() {
        TestPlan plan = LauncherFactory.create().discover(request().selectors(selectPackage("org.netconform.suites")).build());
        List<Method> methods = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, methods);
        }
        assertThat(methods).as("suite methods discovered").isNotEmpty();
        return methods;
    }

    private static void collect(TestPlan plan, TestIdentifier id, List<Method> out) {
        id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getJavaMethod).ifPresent(out::add);
        plan.getChildren(id).forEach(c -> collect(plan, c, out));
    }
}
