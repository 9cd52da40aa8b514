package org.netconform.adapters.usermodenat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.netconform.netlab.LabSettings;
import org.netconform.netlab.NetLab;
import org.netconform.spec.Layer;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;

/**
 * A user-mode NAT at the endpoint layer, in real time. Declared: {@link #TCP} and {@link #ICMP} (the lab
 * can connect, listen and close, and its outside hosts answer a closed port with ICMP; whether the NAT
 * passes either through is what the suite judges). Not declared: {@link #SET_TIMERS} (both NATs' timers
 * are compiled in: slirp4netns 240 s, pasta 180 s for UDP) and {@link #QUOTA}.
 *
 * <p>Waits are longer than netlab's kernel labs: every packet crosses a user-space process, and a TCP
 * handshake through it includes the NAT's own connect. {@code netconform.usermodeNat.deliveryWaitMillis}
 * (300) and {@code netconform.usermodeNat.tcpWaitMillis} (900, below the inside's 1 s SYN retransmission);
 * agent logs go to netlab's {@code netconform.netlab.logDir}, and {@code netconform.netlab.reuse} (true)
 * keeps the namespaces and agents between labs as netlab does ({@link UserModeEnvironments}).
 */
final class UserModeNatAdapter implements NatAdapter {
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

    /** netlab's prerequisites (Linux, root, ip/nft/ss/sysctl, a namespace that can be made) and the NAT program. */
    @Override
    public synchronized Optional<String> unavailableReason() {
        if (unavailable == null) {
            Optional<String> lab = NetLab.unavailableReason();
            unavailable = lab.isPresent() ? lab : nat.unavailableReason();
        }
        return unavailable;
    }

    /** The standard topology: the inside hosts are addresses of one namespace (see {@link UserModeTopology}). */
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
            throw new NatLabException(nat.id() + " cannot run here: " + why.get());
        }
        UserModeLabs.sweepOnce();
        return UserModeLabs.track(UserModeLab.open(nat, topology(), settings()));
    }

    /** netlab's settings ({@code reuse}, the log directory) with this module's waits. */
    static LabSettings settings() {
        LabSettings netlab = LabSettings.fromSystemProperties();
        return new LabSettings(Duration.ofMillis(Long.getLong("netconform.usermodeNat.deliveryWaitMillis", 300)),
                Duration.ofMillis(Long.getLong("netconform.usermodeNat.tcpWaitMillis", 900)), netlab.reuse(),
                Path.of(netlab.logDir().toString()));
    }
}
