package org.netconform.suites.nat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.ShrunkFalsifiedSample;
import org.netconform.harness.CurrentTarget;
import org.netconform.spi.nat.NatAdapter;
import org.opentest4j.TestAbortedException;

/**
 * Applies {@link NatTries} to each per-target execution of a NAT property: sets the tries for the
 * target's clock and checks the property's needs first, so a property that cannot run against a target
 * is UNSUPPORTED for it with the reason instead of running tries that would all be discarded. It sits
 * inside the harness's per-target hook (a higher proximity), where the target is known.
 */
public final class NatPropertyHook implements AroundPropertyHook {

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        NatTries tries = context.targetMethod().getAnnotation(NatTries.class);
        if (tries == null) {
            return property.execute();
        }
        NatAdapter nat = CurrentTarget.adapter(NatAdapter.class);
        try {
            context.attributes().setTries(NatClock.virtual(nat) ? tries.virtualTime() : tries.realTime());
            for (NatTries.Need need : tries.needs()) {
                check(need, nat);
            }
        } catch (TestAbortedException e) {
            return new NotRun(PropertyExecutionResult.Status.ABORTED, e);
        } catch (RuntimeException e) {
            // the lab that tells the target's clock failed: the harness's ERROR, with the reason
            return new NotRun(PropertyExecutionResult.Status.FAILED, e);
        }
        return NatEvidence.duringProperty(property::execute);
    }

    private static void check(NatTries.Need need, NatAdapter nat) {
        switch (need) {
            case SHORT_TIMER -> NatTimers.shortTimer(nat, NatTimers.Flow.ONE_WAY);
            case UDP_HAIRPIN_DECIDABLE -> NatHairpinning.udpUndecidable(nat).ifPresent(why -> {
                throw new TestAbortedException(why);
            });
            case PORTS_NOT_SHARED_AT_RANDOM -> {
                NatClassification c = NatClassifier.classification(nat);
                if (c.portOverlapping() && c.portAssignment() != NatClassification.PortAssignment.PRESERVED) {
                    throw new TestAbortedException("the NAT chooses its ports (" + c.portAssignment() + ") and lets"
                            + " hosts share them towards different destinations (port overlapping): whether a random"
                            + " sequence meets a conflict is chance; NatDeterminismScenarios sets one up on purpose");
                }
            }
            case REFERENCE_MODEL -> {
                if (NatModelFactory.find().isEmpty()) {
                    throw new TestAbortedException("no reference NAT model to compare with: no "
                            + NatModelFactory.class.getName() + " is registered");
                }
            }
        }
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        // inside PerTargetPropertyHook (100), which runs the property once per target
        return 110;
    }

    /** A property that did not run for this target: aborted (UNSUPPORTED) or failed (ERROR), with the reason. */
    private record NotRun(Status status, Throwable reason) implements PropertyExecutionResult {
        @Override
        public Optional<String> seed() {
            return Optional.empty();
        }

        @Override
        public Optional<List<Object>> falsifiedParameters() {
            return Optional.empty();
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
        public Optional<FalsifiedSample> originalSample() {
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
