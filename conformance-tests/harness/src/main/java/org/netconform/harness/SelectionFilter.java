package org.netconform.harness;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.netconform.spec.SpecCatalog;
import org.netconform.spec.SpecRequirement;

/**
 * Keeps the conformance tests the run selects with {@code -Dnetconform.area}, {@code -Dnetconform.requirement}
 * and {@code -Dnetconform.case} (the runner's --area, --requirement, --case); other tests pass untouched.
 * Registered with ServiceLoader, so Maven runs and the runner filter alike.
 */
public final class SelectionFilter implements PostDiscoveryFilter {

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<Method> method = descriptor.getSource().filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast).map(s -> {
                    try {
                        return s.getJavaMethod();
                    } catch (RuntimeException e) {
                        return null;
                    }
                });
        if (method.isEmpty() || !method.get().isAnnotationPresent(Requirement.class)) {
            return FilterResult.included("not a conformance test");
        }
        String why = excluded(method.get());
        return why == null ? FilterResult.included("selected") : FilterResult.excluded(why);
    }

    /** Why the run does not select this test, or null when it does. */
    static String excluded(Method m) {
        List<String> ids = List.of(m.getAnnotation(Requirement.class).value());
        String areas = RunOptions.get(RunOptions.AREA);
        if (areas != null) {
            SpecCatalog catalog = SpecCatalog.bundled();
            List<String> wanted = split(areas);
            if (ids.stream().map(catalog::find).flatMap(Optional::stream).map(SpecRequirement::area).noneMatch(wanted::contains)) {
                return "not in area " + areas;
            }
        }
        String reqs = RunOptions.get(RunOptions.REQUIREMENT);
        if (reqs != null) {
            List<Pattern> ps = split(reqs).stream().map(SelectionFilter::glob).toList();
            if (ids.stream().noneMatch(id -> ps.stream().anyMatch(p -> p.matcher(id).matches()))) {
                return "checks none of " + reqs;
            }
        }
        String cases = RunOptions.get(RunOptions.CASE);
        if (cases != null) {
            String simple = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            String full = m.getDeclaringClass().getName() + "." + m.getName();
            List<Pattern> ps = split(cases).stream().map(c -> glob(c.replace('#', '.'))).toList();
            if (ps.stream().noneMatch(p -> p.matcher(m.getName()).matches() || p.matcher(simple).matches()
                    || p.matcher(full).matches())) {
                return "not case " + cases;
            }
        }
        return null;
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    static Pattern glob(String g) {
        StringBuilder b = new StringBuilder();
        for (char c : g.toCharArray()) {
            b.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(b.toString());
    }
}
