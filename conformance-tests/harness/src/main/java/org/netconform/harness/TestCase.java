package org.netconform.harness;

import org.netconform.harness.result.Outcome;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.netconform.spec.Level;
import org.netconform.spec.SpecCatalog;
import org.netconform.spec.SpecRequirement;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/** A suite test as the harness sees it: the requirements it checks and what it needs of a target. */
public record TestCase(String name, String method, List<SpecRequirement> requirements,
                       List<Class<? extends AreaAdapter>> adapterTypes, List<String> capabilities) {

    public static TestCase of(Method m) {
        Requirement req = m.getAnnotation(Requirement.class);
        if (req == null) {
            throw new IllegalStateException(m + " has no @Requirement");
        }
        SpecCatalog catalog = SpecCatalog.bundled();
        List<SpecRequirement> reqs = Arrays.stream(req.value()).map(catalog::get).toList();
        RequiresCapability caps = m.getAnnotation(RequiresCapability.class);
        return new TestCase(m.getDeclaringClass().getSimpleName() + "." + m.getName(), m.getName(), reqs,
                adapterParameters(m), caps == null ? List.of() : List.of(caps.value()));
    }

    static List<Class<? extends AreaAdapter>> adapterParameters(Method m) {
        return Arrays.stream(m.getParameters()).map(Parameter::getType)
                .filter(AreaAdapter.class::isAssignableFrom)
                .<Class<? extends AreaAdapter>>map(t -> t.asSubclass(AreaAdapter.class)).toList();
    }

    /** The area of the test's first requirement (a test checks one area). */
    public String area() {
        return requirements.isEmpty() ? "" : requirements.get(0).area();
    }

    public List<String> ids() {
        return requirements.stream().map(SpecRequirement::id).toList();
    }

    /** True when every requirement is INFO: the test records, it does not judge. */
    public boolean informational() {
        return requirements.stream().allMatch(r -> r.level() == Level.INFO);
    }

    /** The outcome of a broken assertion: FAIL if any requirement is a MUST, otherwise NON_STRICT. */
    public Outcome brokenOutcome() {
        return requirements.stream().anyMatch(r -> r.level() == Level.MUST) ? Outcome.FAIL : Outcome.NON_STRICT;
    }

    /** Whether the target offers an adapter of every type the test needs, i.e. covers the test's area. */
    public boolean coveredBy(Target target) {
        return adapterTypes.stream().allMatch(t -> target.adapter(t).isPresent());
    }

    /**
     * Whether every adapter the test needs can run here ({@link AreaAdapter#unavailableReason()} empty): a
     * baseline speaks only for a target that runs, so a missing runtime gives UNSUPPORTED, not a mismatch.
     */
    public boolean availableOn(Target target) {
        return adapterTypes.stream().map(target::adapter).flatMap(Optional::stream)
                .allMatch(a -> a.unavailableReason().isEmpty());
    }

    /** Why this test cannot run against the target, if it cannot. */
    public Optional<String> unsupportedReason(Target target) {
        for (Class<? extends AreaAdapter> type : adapterTypes) {
            Optional<? extends AreaAdapter> adapter = target.adapter(type);
            if (adapter.isEmpty()) {
                return Optional.of(target.id() + " declares no " + type.getSimpleName() + " adapter");
            }
            AreaAdapter a = adapter.get();
            if (a.unavailableReason().isPresent()) {
                return Optional.of(target.id() + " cannot run here: " + a.unavailableReason().get());
            }
            for (SpecRequirement r : requirements) {
                if (!r.layers().contains(a.layer())) {
                    return Optional.of(r.id() + " is not checkable at the " + a.layer().label() + " layer "
                            + type.getSimpleName() + " works at");
                }
            }
            for (String cap : capabilities) {
                if (!a.capabilities().contains(cap)) {
                    return Optional.of(target.id() + "'s " + type.getSimpleName() + " does not declare capability '"
                            + cap + "'");
                }
            }
        }
        return Optional.empty();
    }
}
