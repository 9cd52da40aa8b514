package org.netconform.suites.traversal;

import org.netconform.netlab.RouterNat;
import org.netconform.netlab.nat.Masquerade;
import org.netconform.netlab.nat.MasqueradeRandom;
import org.netconform.reference.nat.FilteringBehavior;
import org.netconform.reference.nat.MappingBehavior;

/**
 * The real Linux NATs the real-NAT traversal suites put peers behind, each with the RFC 4787 behaviour
 * the prediction table is read with. The behaviours are what the NAT suite finds for the linux-masquerade
 * and linux-masquerade-random targets (../shared/anchors/nat.md, "Real NATs"): masquerade keeps the source
 * port while the tuple is free (EIM in practice) and lets in only conntrack replies (APDF); masquerade
 * random gives each destination its own port (APDM).
 */
enum LinuxNat {
    MASQUERADE("masquerade", Masquerade.asShipped(), MappingBehavior.EIM, FilteringBehavior.APDF),
    MASQUERADE_RANDOM("masquerade random", new MasqueradeRandom(), MappingBehavior.APDM, FilteringBehavior.APDF);

    private final String word;
    private final RouterNat rules;
    private final MappingBehavior mapping;
    private final FilteringBehavior filtering;

    LinuxNat(String word, RouterNat rules, MappingBehavior mapping, FilteringBehavior filtering) {
        this.word = word;
        this.rules = rules;
        this.mapping = mapping;
        this.filtering = filtering;
    }

    RouterNat rules() {
        return rules;
    }

    MappingBehavior mapping() {
        return mapping;
    }

    FilteringBehavior filtering() {
        return filtering;
    }

    /** The UDP prediction (spec/nat-traversal.md, "The prediction table") for A behind this, B behind {@code b}. */
    boolean predictsUdpWith(LinuxNat b) {
        return Prediction.udp(mapping, filtering, b.mapping, b.filtering);
    }

    @Override
    public String toString() {
        return word + " (" + mapping + "+" + filtering + ")";
    }
}
