package org.netconform.harness;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.ParameterResolutionContext;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.ResolveParameterHook;
import net.jqwik.api.lifecycle.ShrunkFalsifiedSample;
import org.netconform.spi.AreaAdapter;
import org.netconform.harness.result.Outcome;
import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.result.ResultJson;
import org.netconform.spi.Target;

/**
 * Runs a jqwik property once per selected target (all tries, shrinking included, each time), with
 * the target's adapters as parameters, and publishes one judged result per target. The property as
 * a whole fails when any target's result differs from its baseline. Added by {@link ConformanceProperties}.
 */
public final class PerTargetPropertyHook implements AroundPropertyHook, ResolveParameterHook {

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Method method = context.targetMethod();
        Preflight.require();
        TestCase tc = TestCase.of(method);
        PropertySeeds.apply(context.attributes(), method);
        List<String> mismatches = new ArrayList<>();
        boolean anyRan = false;
        PropertyExecutionResult last = null;
        for (Target target : Targets.selectedFor(tc)) {
            PropertyExecutionResult[] result = {null};
            PublishedResult r = TargetExecution.run(target, tc, () -> {
                result[0] = property.execute();
                return result[0].status() == PropertyExecutionResult.Status.SUCCESSFUL ? null
                        : result[0].throwable().orElseGet(() -> new AssertionError("property " + result[0].status()));
            }, () -> result[0] == null ? TargetExecution.Extras.NONE : extras(result[0]));
            if (result[0] != null) {
                anyRan = true;
                last = result[0];
            }
            context.reporter().publishValue(PublishedResult.KEY, ResultJson.write(r));
            RunTally.record(r);
            AssertionError mismatch = Judge.mismatch(r, null);
            if (mismatch != null) {
                mismatches.add(mismatch.getMessage());
            }
        }
        if (last == null) {
            // nothing ran: every target was unsupported; report the property aborted (skipped), never passed,
            // and not as an error either, so that a run against one target of another area stays green
            return new Unsupported(new org.opentest4j.TestAbortedException("UNSUPPORTED for every selected target"));
        }
        if (!mismatches.isEmpty()) {
            return last.mapToFailed(String.join("\n", mismatches));
        }
        return anyRan ? last.mapToSuccessful() : last;
    }

    private static TargetExecution.Extras extras(PropertyExecutionResult r) {
        if (r.status() == PropertyExecutionResult.Status.SUCCESSFUL) {
            return new TargetExecution.Extras(r.seed().orElse(null), null);
        }
        String sample = r.shrunkSample().map(ShrunkFalsifiedSample::parameters).map(Values::describeSample)
                .or(() -> r.falsifiedParameters().map(Values::describeSample)).orElse(null);
        return new TargetExecution.Extras(r.seed().orElse(null), sample);
    }

    @Override
    public Optional<ParameterSupplier> resolve(ParameterResolutionContext parameter, LifecycleContext context) {
        Class<?> type = parameter.parameter().getType();
        if (!AreaAdapter.class.isAssignableFrom(type)) {
            return Optional.empty();
        }
        Class<? extends AreaAdapter> adapterType = type.asSubclass(AreaAdapter.class);
        return Optional.of(tryContext -> CurrentTarget.adapter(adapterType));
    }

    @Override
    public PropagationMode propagateTo() {
        // added on the class, it must reach every property in it
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        // innermost: jqwik's own around-property hooks (statistics) set up once per property and
        // refuse to set up twice, so the per-target executions must all happen inside them
        return 100;
    }

    /** The result of a property that no selected target could run: aborted, with the reason. */
    private record Unsupported(Throwable reason) implements PropertyExecutionResult {
        @Override
        public Optional<String> seed() {
            return Optional.empty();
        }

        @Override
        public Optional<List<Object>> falsifiedParameters() {
            return Optional.empty();
        }

        @Override
        public Status status() {
            return Status.ABORTED;
        }

        @Override
        public Optional<Throwable> throwable() {
            return Optional.of(reason);
        }

        @Override
        public int countChecks() {
            return 0;
        }

        @Override
        public int countTries() {
            return 0;
        }

        @Override
        public Optional<net.jqwik.api.lifecycle.FalsifiedSample> originalSample() {
            return Optional.empty();
        }

        @Override
        public Optional<ShrunkFalsifiedSample> shrunkSample() {
            return Optional.empty();
        }

        @Override
        public PropertyExecutionResult mapTo(Status newStatus, Throwable throwable) {
            return this;
        }
    }
}
