package org.netconform.targets.reference;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.netconform.reference.nat.NatConfig;
import org.netconform.reference.nat.lab.ModelNatLab;
import org.netconform.spec.Layer;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;

/**
 * The reference NAT model as a NAT target, at the model layer in virtual time. The reference target
 * uses {@link NatConfig#defaults()}; the suite's self-tests can wrap any other config (a broken preset)
 * to run the same suite against it. Every lab is a fresh {@link ModelNatLab} with the same seed.
 */
public final class ReferenceNatAdapter implements NatAdapter {
    private final NatConfig config;

    public ReferenceNatAdapter() {
        this(NatConfig.defaults());
    }

    public ReferenceNatAdapter(NatConfig config) {
        this.config = config;
    }

    public NatConfig config() {
        return config;
    }

    @Override
    public Layer layer() {
        return Layer.MODEL;
    }

    /** TCP, timer overrides and ICMP always; a quota only when the config has one (the default has none). */
    @Override
    public Set<String> capabilities() {
        Set<String> c = new HashSet<>(Set.of(TCP, SET_TIMERS, ICMP));
        if (config.portQuota().isPresent()) {
            c.add(QUOTA);
        }
        return Set.copyOf(c);
    }

    @Override
    public NatTopology topology() {
        return ModelNatLab.topologyFor(config);
    }

    @Override
    public NatLab open(NatLabOptions options) {
        return ModelNatLab.of(config, options);
    }

    @Override
    public Optional<Integer> portQuota() {
        return config.portQuota().isPresent() ? Optional.of(config.portQuota().getAsInt()) : Optional.empty();
    }
}
