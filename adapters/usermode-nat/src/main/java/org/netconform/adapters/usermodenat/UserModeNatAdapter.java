package org.netconform.adapters.usermodenat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.netconform.spec.Layer;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;

/**
 * A user-mode NAT at the endpoint layer, in real time. Declared: {@link #TCP} and {@link #ICMP} (the lab
 * can connect, listen and close, and its outside host answers a closed port with ICMP; whether the NAT
 * passes either through is what the suite judges). Not declared: {@link #SET_TIMERS} (both NATs' timers
 * are compiled in: slirp4netns 240 s, pasta 180 s for UDP) and {@link #QUOTA}.
 */
final class UserModeNatAdapter implements NatAdapter {
    static final Duration DELIVERY_WAIT = Duration.ofMillis(Long.getLong("netconform.usermodeNat.deliveryWaitMs", 300));
    static final Duration ICMP_WAIT = Duration.ofMillis(Long.getLong("netconform.usermodeNat.icmpWaitMs", 1000));
    static final Duration TCP_WAIT = Duration.ofMillis(Long.getLong("netconform.usermodeNat.tcpWaitMs", 2000));

    private final UserModeNat nat;
    private Optional<String> unavailable;

    UserModeNatAdapter(UserModeNat nat) {
        this.nat = nat;
    }

    @Override
    public Layer layer() {
        return Layer.ENDPOINT;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(TCP, ICMP);
    }

    @Override
    public synchronized Optional<String> unavailableReason() {
        if (unavailable == null) {
            unavailable = Prerequisites.missing(nat);
        }
        return unavailable;
    }

    /** The standard topology: the inside hosts are addresses of one namespace (see {@link NamespaceNatLab}). */
    @Override
    public NatTopology topology() {
        return NatTopology.standard();
    }

    @Override
    public NatLab open(NatLabOptions options) {
        if (options.overridesTimers()) {
            throw new UnsupportedOperationException(nat.id() + " has fixed timers; " + SET_TIMERS + " is not declared");
        }
        Optional<String> why = unavailableReason();
        if (why.isPresent()) {
            throw new org.netconform.spi.nat.NatLabException(nat.id() + " cannot run here: " + why.get());
        }
        return NamespaceNatLab.open(nat, topology(), labDir(), new NamespaceNatLab.Waits(DELIVERY_WAIT, ICMP_WAIT, TCP_WAIT));
    }

    static Path labDir() {
        Path dir = Path.of(System.getProperty("netconform.usermodeNat.dir", "target/usermode-nat")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new org.netconform.spi.nat.NatLabException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
