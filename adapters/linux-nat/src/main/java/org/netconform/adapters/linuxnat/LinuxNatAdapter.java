package org.netconform.adapters.linuxnat;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.netconform.netlab.LabException;
import org.netconform.netlab.LabLayout;
import org.netconform.netlab.NetLab;
import org.netconform.netlab.RouterNat;
import org.netconform.netlab.Timers;
import org.netconform.spec.Layer;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;

/**
 * A Linux NAT at the endpoint layer: each lab is the router namespace with {@code nat}'s rules, real
 * packets, real time. Timers are the router namespace's conntrack sysctls (SET_TIMERS); the outside
 * hosts answer closed UDP ports with ICMP (ICMP); the agents do TCP (TCP).
 */
final class LinuxNatAdapter implements NatAdapter {
    private final RouterNat nat;
    private final Optional<Integer> portQuota;

    LinuxNatAdapter(RouterNat nat, Optional<Integer> portQuota) {
        this.nat = nat;
        this.portQuota = portQuota;
    }

    @Override
    public Layer layer() {
        return Layer.ENDPOINT;
    }

    @Override
    public Set<String> capabilities() {
        Set<String> c = new HashSet<>(Set.of(TCP, SET_TIMERS, ICMP));
        portQuota.ifPresent(q -> c.add(QUOTA));
        return Set.copyOf(c);
    }

    @Override
    public Optional<String> unavailableReason() {
        return NetLab.unavailableReason();
    }

    @Override
    public NatTopology topology() {
        LabLayout l = LabLayout.standard();
        return new NatTopology(l.insideHosts(), l.serverAddresses(), l.otherOutsideHost(), l.externalAddresses());
    }

    @Override
    public NatLab open(NatLabOptions options) {
        Timers timers = new Timers(options.udpIdleTimeout(), options.tcpTransitoryTimeout(), options.tcpEstablishedTimeout());
        try {
            return new LinuxNatLab(NetLab.open(nat, timers), topology());
        } catch (LabException e) {
            throw new NatLabException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<Integer> portQuota() {
        return portQuota;
    }
}
