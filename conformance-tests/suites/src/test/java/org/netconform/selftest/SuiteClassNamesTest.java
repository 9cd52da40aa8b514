package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.ConformanceTest;
import org.netconform.suites.wsserver.CaseRunner;

/**
 * The naming rule of suite classes (README, "Layout"): a class of Jupiter scenarios ends in
 * {@code Scenarios}, a class of jqwik properties in {@code Properties}; and no class of the suites
 * module matches what Surefire and Failsafe pick up by default ({@code Test*}, {@code *Test},
 * {@code *Tests}, {@code *TestCase}), so a vendor's build never runs a suite class by accident.
 */
class SuiteClassNamesTest {

    @Test
    void suiteClassesFollowTheNamingRule() throws Exception {
        List<Class<?>> classes = suiteClasses();
        assertThat(classes).as("suite classes found").hasSizeGreaterThan(20);
        for (Class<?> c : classes) {
            String name = c.getSimpleName();
            if (hasScenarios(c)) {
                assertThat(name).as(c.getName() + " holds @ConformanceTest scenarios").endsWith("Scenarios");
            }
            if (c.isAnnotationPresent(ConformanceProperties.class)) {
                assertThat(name).as(c.getName() + " is @ConformanceProperties").endsWith("Properties");
            }
            if (!c.isMemberClass() && !c.isAnonymousClass() && !c.isLocalClass()) {
                assertThat(name.startsWith("Test") || name.endsWith("Test") || name.endsWith("Tests")
                        || name.endsWith("TestCase")).as(c.getName() + " matches Surefire's default includes").isFalse();
            }
        }
    }

    private static boolean hasScenarios(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).anyMatch((Method m) -> m.isAnnotationPresent(ConformanceTest.class));
    }

    /** Every class compiled from the suites module's src/main. */
    private static List<Class<?>> suiteClasses() throws IOException, URISyntaxException {
        Path root = Path.of(CaseRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root.resolve("org/netconform/suites"))) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(SuiteClassNamesTest::load).toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, SuiteClassNamesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
