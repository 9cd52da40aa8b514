package org.netconform.harness;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.ShrunkFalsifiedSample;

/**
 * The result of a jqwik property that did not run: no tries, no sample, only a status (ABORTED for
 * UNSUPPORTED, FAILED for ERROR) and the reason. For around-property hooks that decide before any try.
 */
public record NotRunResult(Status status, Throwable reason) implements PropertyExecutionResult {

    public static NotRunResult unsupported(Throwable reason) {
        return new NotRunResult(Status.ABORTED, reason);
    }

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
