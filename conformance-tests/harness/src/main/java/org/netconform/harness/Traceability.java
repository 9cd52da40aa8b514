package org.netconform.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.netconform.spec.SpecCatalog;
import org.netconform.spec.SpecRequirement;

/**
 * Traceability both ways: every {@code @Requirement} names an ID the spec defines (and not a
 * withdrawn one), and every MUST and SHOULD has at least one test. An area whose file is marked
 * draft has its untested IDs listed as pending instead of failing the check.
 */
public final class Traceability {

    /** What the check found; {@link #ok()} when nothing fails. */
    public record Report(Map<String, List<String>> unknownIds, Map<String, List<String>> withdrawnIds,
                         Set<String> untested, Map<String, Set<String>> pendingByDraftArea) {
        public boolean ok() {
            return unknownIds.isEmpty() && withdrawnIds.isEmpty() && untested.isEmpty();
        }

        public String describe() {
            List<String> lines = new ArrayList<>();
            unknownIds.forEach((id, tests) -> lines.add("no requirement " + id + " in the spec, named by " + tests));
            withdrawnIds.forEach((id, tests) -> lines.add(id + " is withdrawn, still named by " + tests));
            if (!untested.isEmpty()) {
                lines.add("MUST/SHOULD requirements without a test: " + String.join(", ", untested));
            }
            pendingByDraftArea.forEach((area, ids) -> lines.add("draft area " + area + ": " + ids.size()
                    + " MUST/SHOULD requirements without a test yet: " + String.join(", ", ids)));
            return String.join("\n", lines);
        }
    }

    private Traceability() {
    }

    /**
     * @param catalog     the spec
     * @param testsByName each test's name and the IDs its {@code @Requirement} names
     */
    public static Report check(SpecCatalog catalog, Map<String, List<String>> testsByName) {
        Map<String, List<String>> unknown = new TreeMap<>();
        Map<String, List<String>> withdrawn = new TreeMap<>();
        Set<String> covered = new TreeSet<>();
        testsByName.forEach((test, ids) -> {
            for (String id : ids) {
                var r = catalog.find(id);
                if (r.isEmpty()) {
                    unknown.computeIfAbsent(id, k -> new ArrayList<>()).add(test);
                } else if (r.get().isWithdrawn()) {
                    withdrawn.computeIfAbsent(id, k -> new ArrayList<>()).add(test);
                } else {
                    covered.add(id);
                }
            }
        });
        Set<String> untested = new TreeSet<>();
        Map<String, Set<String>> pending = new TreeMap<>();
        for (SpecRequirement r : catalog.all()) {
            if (r.level().needsTest() && !r.isWithdrawn() && !covered.contains(r.id())) {
                if (catalog.draftAreas().contains(r.area())) {
                    pending.computeIfAbsent(r.area(), a -> new TreeSet<>()).add(r.id());
                } else {
                    untested.add(r.id());
                }
            }
        }
        return new Report(unknown, withdrawn, untested, pending);
    }

    /** Collects test name to IDs from the given test methods. */
    public static Map<String, List<String>> testsOf(Collection<java.lang.reflect.Method> methods) {
        Map<String, List<String>> out = new TreeMap<>();
        for (var m : methods) {
            Requirement req = m.getAnnotation(Requirement.class);
            if (req != null) {
                out.put(m.getDeclaringClass().getName() + "." + m.getName(), List.of(req.value()));
            }
        }
        return out;
    }
}
