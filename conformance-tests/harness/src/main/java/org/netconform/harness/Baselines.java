package org.netconform.harness;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netconform.spi.Target;

/**
 * Baselines loaded once per target: from {@code -Dnetconform.baseline} when it names one for the
 * target, else from the class loader that loaded the target's adapter. A baseline that cannot be read
 * fails once, when the run starts ({@link Preflight}); its failure is kept, not retried per case.
 */
final class Baselines {
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private Baselines() {
    }

    static Baseline of(Target target) {
        Object b = CACHE.computeIfAbsent(target.id(), id -> {
            try {
                return load(target);
            } catch (RuntimeException e) {
                return e;
            }
        });
        if (b instanceof RuntimeException e) {
            throw new Baseline.InvalidBaselineException(e.getMessage());
        }
        return (Baseline) b;
    }

    private static Baseline load(Target target) {
        Path file = overrides(Targets.selected().stream().map(Target::id).toList()).get(target.id());
        return file != null ? Baseline.load(file) : Baseline.load(target.id(), target.getClass().getClassLoader());
    }

    /**
     * The baseline files named with {@code -Dnetconform.baseline}: {@code FILE} for the one selected
     * target, or {@code ID=FILE,...}. A plain FILE with several targets selected is an error.
     */
    static Map<String, Path> overrides(List<String> selected) {
        String v = RunOptions.get(RunOptions.BASELINE);
        Map<String, Path> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        for (String part : v.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0 && !p.startsWith("/") && !p.startsWith(".")) {
                String id = p.substring(0, eq).strip();
                if (!selected.contains(id)) {
                    throw new IllegalArgumentException("-D" + RunOptions.BASELINE + ": '" + id
                            + "' is not a selected target (selected: " + String.join(", ", selected) + ")");
                }
                out.put(id, Path.of(p.substring(eq + 1).strip()));
            } else if (selected.size() == 1) {
                out.put(selected.get(0), Path.of(p));
            } else {
                throw new IllegalArgumentException("-D" + RunOptions.BASELINE + "=" + p + " with " + selected.size()
                        + " targets selected: say whose it is, ID=FILE");
            }
        }
        return out;
    }

    static void clear() {
        CACHE.clear();
    }
}
