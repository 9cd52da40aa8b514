package org.netconform.harness;

import java.lang.reflect.Method;
import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.lifecycle.PropertyAttributes;

/**
 * The seed each conformance property runs with. A conformance run must give the same verdict every
 * time, or a baseline cannot hold and a random seed decides whether a deviation is seen; so by default
 * every property gets a fixed seed derived from its name (a seed the property itself names wins).
 * {@code -Dnetconform.seed=random} lets jqwik choose, to explore; {@code -Dnetconform.seed=N} uses N
 * for every property, e.g. to replay the seed a report shows.
 */
public final class PropertySeeds {
    public static final String PROPERTY = "netconform.seed";

    private PropertySeeds() {
    }

    static void apply(PropertyAttributes attributes, Method property) {
        String chosen = System.getProperty(PROPERTY, "").strip();
        if (chosen.equals("random")) {
            return;
        }
        if (!chosen.isEmpty()) {
            attributes.setSeed(chosen);
        } else if (attributes.seed().isEmpty()) {
            attributes.setSeed(Long.toString(stableSeed(property)));
        }
        attributes.setWhenFixedSeed(FixedSeedMode.ALLOW);
    }

    /** The same for the same property in every JVM: its class and method name, hashed. */
    static long stableSeed(Method property) {
        String name = property.getDeclaringClass().getName() + "#" + property.getName();
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return h;
    }
}
