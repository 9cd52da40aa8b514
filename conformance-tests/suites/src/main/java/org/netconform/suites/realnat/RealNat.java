package org.netconform.suites.realnat;

import org.netconform.netlab.RouterNat;
import org.netconform.netlab.nat.Masquerade;
import org.netconform.netlab.nat.MasqueradeRandom;
import org.netconform.reference.nat.FilteringBehavior;
import org.netconform.reference.nat.MappingBehavior;

/**
 * The real Linux NATs the endpoint-layer suites run behind, with what they are (docs/nat-linux.md,
 * ../shared/anchors/nat.md): the oracle for discovery and the input of the prediction table. None
 * hairpins a dynamic mapping.
 */
enum RealNat {
    /** Keeps the source port when the tuple is free, reuses a source's mapping for new destinations. */
    MASQUERADE("masquerade", MappingBehavior.EIM, FilteringBehavior.APDF),
    /** A port per flow from a keyed hash that includes the destination. */
    MASQUERADE_RANDOM("masquerade random", MappingBehavior.APDM, FilteringBehavior.APDF),
    /** A freshly drawn port per flow. */
    MASQUERADE_FULLY_RANDOM("masquerade fully-random", MappingBehavior.APDM, FilteringBehavior.APDF);

    private final String label;
    final MappingBehavior mapping;
    final FilteringBehavior filtering;

    RealNat(String label, MappingBehavior mapping, FilteringBehavior filtering) {
        this.label = label;
        this.mapping = mapping;
        this.filtering = filtering;
    }

    RouterNat rules() {
        return switch (this) {
            case MASQUERADE -> Masquerade.asShipped();
            case MASQUERADE_RANDOM -> new MasqueradeRandom();
            case MASQUERADE_FULLY_RANDOM -> Masquerade.withFullyRandomPorts();
        };
    }

    /** The behaviour in the prediction table's words. */
    String behaviour() {
        return mapping + "+" + filtering;
    }

    @Override
    public String toString() {
        return label;
    }
}
