package org.netconform.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.netconform.spi.Target;
import org.netconform.spi.TargetFactory;

/**
 * Which targets a run covers: {@code -Dnetconform.target=ID[,ID...]}, {@code all} for every registered
 * target, a selector a {@link TargetFactory} understands (such as a {@code ws://} URL), and
 * {@code reference} when nothing is said.
 */
public final class Targets {
    public static final String PROPERTY = "netconform.target";
    public static final String DEFAULT = "reference";
    private static final Map<String, List<Target>> SELECTIONS = new ConcurrentHashMap<>();
    private static volatile Map<String, Target> registered;

    private Targets() {
    }

    /** The targets chosen for this run, in the order named. */
    public static List<Target> selected() {
        String selector = selector();
        return SELECTIONS.computeIfAbsent(selector, Targets::resolve);
    }

    /** The selector of this run: {@code -Dnetconform.target}, or {@code reference}. */
    public static String selector() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).map(String::strip)
                .filter(s -> !s.isEmpty()).orElse(DEFAULT);
    }

    /**
     * The selected targets that run this test in this shard ({@code -Dnetconform.shard=i/n}): all of
     * them when the run is not sharded; otherwise those whose (target, area) unit the shard owns.
     */
    public static List<Target> selectedFor(TestCase tc) {
        List<Target> all = selected();
        Shard shard = Shard.current();
        if (shard.isAll()) {
            return all;
        }
        List<String> ids = all.stream().map(Target::id).toList();
        List<String> areas = areas();
        String area = tc.area();
        return all.stream().filter(t -> shard.owns(ids, t.id(), areas, area)).toList();
    }

    /**
     * The targets this run names one by one: those a run must judge on something. A target that only
     * {@code all} brings in may be unable to run here (a missing runtime) and is UNSUPPORTED instead.
     */
    public static List<String> named() {
        List<String> out = new ArrayList<>();
        for (String part : selector().split(",")) {
            String id = part.strip();
            if (!id.isEmpty() && !id.equals("all")) {
                resolve(id).forEach(t -> out.add(t.id()));
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(out));
    }

    /** The spec's areas in the catalog's order. */
    static List<String> areas() {
        return org.netconform.spec.SpecCatalog.bundled().all().stream().map(r -> r.area()).distinct().toList();
    }

    /** Every target registered through ServiceLoader, by ID. */
    public static Map<String, Target> registered() {
        Map<String, Target> r = registered;
        if (r == null) {
            synchronized (Targets.class) {
                if (registered == null) {
                    Map<String, Target> byId = new LinkedHashMap<>();
                    for (Target t : ServiceLoader.load(Target.class)) {
                        Target earlier = byId.putIfAbsent(t.id(), t);
                        if (earlier != null) {
                            throw new IllegalStateException("two targets registered as '" + t.id() + "': "
                                    + earlier.getClass().getName() + " and " + t.getClass().getName());
                        }
                    }
                    registered = byId;
                }
                r = registered;
            }
        }
        return r;
    }

    static List<Target> resolve(String selector) {
        Map<String, Target> known = registered();
        List<Target> out = new ArrayList<>();
        for (String part : selector.split(",")) {
            String id = part.strip();
            if (id.equals("all")) {
                out.addAll(known.values());
            } else if (known.containsKey(id)) {
                out.add(known.get(id));
            } else {
                out.add(fromFactories(id).orElseThrow(() -> new UnknownTargetException(id, known.keySet())));
            }
        }
        Map<String, Target> unique = new LinkedHashMap<>();
        out.forEach(t -> unique.putIfAbsent(t.id(), t));
        return List.copyOf(unique.values());
    }

    private static Optional<Target> fromFactories(String selector) {
        for (TargetFactory f : ServiceLoader.load(TargetFactory.class)) {
            Optional<Target> t = f.forSelector(selector);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }
}
