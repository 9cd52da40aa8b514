package org.netconform.harness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netconform.spi.Target;

/** Baselines loaded once per target, from the class loader that loaded the target's adapter. */
final class Baselines {
    private static final Map<String, Baseline> CACHE = new ConcurrentHashMap<>();

    private Baselines() {
    }

    static Baseline of(Target target) {
        return CACHE.computeIfAbsent(target.id(), id -> Baseline.load(id, target.getClass().getClassLoader()));
    }
}
