package org.netconform.adapters.pionvnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.spec.Layer;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;

/**
 * pion's vnet NAT at the model layer, in real time: each lab is a fresh pionshim process (its NAT table
 * empty) with the NAT type given by {@code shimArguments}. pion vnet 2.0.2 has UDP only and no ICMP, so
 * the only capability is {@link #SET_TIMERS} (the UDP mapping lifetime, {@code NATType.MappingLifeTime}).
 */
final class PionVnetAdapter implements NatAdapter {
    /** How long a lab waits for a datagram before saying nothing arrived; pion delivers in microseconds. */
    static final Duration DELIVERY_WAIT = Duration.ofMillis(Long.getLong("netconform.pionVnet.deliveryWaitMs", 150));
    /** The shim's first answer includes Go's start; a cold machine under load gets its seconds. */
    static final Duration HELLO_DEADLINE = Duration.ofSeconds(15);

    private static final ShimBuild BUILD = ShimBuild.fromProperties();
    private static ShimBuild.Result built;
    private static final AtomicLong LABS = new AtomicLong();

    private final String targetId;
    private final List<String> shimArguments;

    PionVnetAdapter(String targetId, List<String> shimArguments) {
        this.targetId = targetId;
        this.shimArguments = List.copyOf(shimArguments);
    }

    private static synchronized ShimBuild.Result built() {
        if (built == null) {
            built = BUILD.build();
        }
        return built;
    }

    @Override
    public Layer layer() {
        return Layer.MODEL;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(SET_TIMERS);
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(built().unavailable());
    }

    @Override
    public NatTopology topology() {
        return NatTopology.standard();
    }

    @Override
    public NatLab open(NatLabOptions options) {
        ShimBuild.Result shim = built();
        if (shim.unavailable() != null) {
            throw new NatLabException(targetId + " cannot run here: " + shim.unavailable());
        }
        List<String> command = new ArrayList<>();
        command.add(shim.binary().toString());
        command.addAll(shimArguments);
        return openWith(command, options);
    }

    /** Opens a lab in the shim that {@code command} starts (the tests start broken ones this way). */
    NatLab openWith(List<String> command, NatLabOptions options) {
        Path log = BUILD.dir().resolve("logs").resolve(targetId + "-" + ProcessHandle.current().pid() + "-"
                + LABS.incrementAndGet() + ".log");
        StdioShim started = StdioShim.start(targetId, command, log, HELLO_DEADLINE);
        return ShimNatLab.open(started, topology(), capabilities(), options, DELIVERY_WAIT);
    }
}
