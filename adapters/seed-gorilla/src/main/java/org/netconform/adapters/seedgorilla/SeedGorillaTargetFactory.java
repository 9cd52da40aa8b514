package org.netconform.adapters.seedgorilla;

import java.util.Optional;
import org.netconform.spi.Target;
import org.netconform.spi.TargetFactory;

/**
 * {@code -Dnetconform.target=seed-gorilla-no-heartbeat}: the seed's program with its heartbeat goroutine
 * removed, nothing else changed. Not part of {@code all} (it shares port 7777 with {@code seed-gorilla}); it is
 * there to show which verdicts the heartbeat changes.
 */
public final class SeedGorillaTargetFactory implements TargetFactory {
    @Override
    public Optional<Target> forSelector(String selector) {
        return selector.equals("seed-gorilla-no-heartbeat") ? Optional.of(new SeedGorillaTarget(false)) : Optional.empty();
    }
}
