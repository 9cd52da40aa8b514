package org.netconform.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import org.netconform.harness.Baseline;
import org.netconform.harness.Requirement;
import org.netconform.harness.Targets;
import org.netconform.spec.SpecCatalog;
import org.netconform.spi.Target;

/**
 * Every line of every bundled target's baseline names a requirement that exists and is not withdrawn,
 * and a line pinned to a test ({@code ID@test}) names a suite test that checks that requirement. The
 * conformance run judges whether each result matches its baseline; this catches the lines no result
 * can ever match, such as a mistyped ID.
 */
class BaselineFilesTest {

    @Test
    void everyBaselineLineNamesARealRequirementAndTest() {
        Map<String, Set<String>> idsByTestName = suiteTests();
        SoftAssertions soft = new SoftAssertions();
        int lines = 0;
        for (Target target : Targets.registered().values()) {
            Baseline baseline = Baseline.load(target.id(), target.getClass().getClassLoader());
            for (String key : baseline.entries().keySet()) {
                lines++;
                String[] idAndTest = key.split("@", 2);
                var req = SpecCatalog.bundled().find(idAndTest[0]);
                soft.assertThat(req).as("%s: %s names no requirement of the spec", baseline.resource(), key).isPresent();
                req.ifPresent(r -> soft.assertThat(r.isWithdrawn()).as("%s: %s is withdrawn", baseline.resource(), key).isFalse());
                if (idAndTest.length == 2) {
                    soft.assertThat(idsByTestName.getOrDefault(idAndTest[1], Set.of()))
                            .as("%s: %s names no suite test of %s", baseline.resource(), key, idAndTest[0])
                            .contains(idAndTest[0]);
                }
            }
        }
        soft.assertThat(lines).as("baseline lines read").isPositive();
        soft.assertAll();
    }

    /** Every suite test's method name and the IDs it names, as the engines discover them. */
    private static Map<String, Set<String>> suiteTests() {
        TestPlan plan = LauncherFactory.create().discover(request().selectors(selectPackage("org.netconform.suites")).build());
        List<Method> methods = new ArrayList<>();
        plan.getRoots().forEach(root -> collect(plan, root, methods));
        Map<String, Set<String>> out = new java.util.HashMap<>();
        for (Method m : methods) {
            Requirement r = m.getAnnotation(Requirement.class);
            if (r != null) {
                out.computeIfAbsent(m.getName(), k -> new java.util.HashSet<>()).addAll(List.of(r.value()));
            }
        }
        return out;
    }

    private static void collect(TestPlan plan, TestIdentifier id, List<Method> out) {
        id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getJavaMethod).ifPresent(out::add);
        plan.getChildren(id).forEach(c -> collect(plan, c, out));
    }
}
