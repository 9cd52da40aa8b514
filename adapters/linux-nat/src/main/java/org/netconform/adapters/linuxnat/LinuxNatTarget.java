package org.netconform.adapters.linuxnat;

import java.util.List;
import java.util.Optional;
import org.netconform.netlab.LabLayout;
import org.netconform.netlab.RouterNat;
import org.netconform.netlab.nat.Masquerade;
import org.netconform.netlab.nat.MasqueradeWithReflection;
import org.netconform.netlab.nat.SnatPortRange;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/**
 * The Linux kernel's NAT (netfilter conntrack, rules written for nftables) in a router namespace between
 * inside and outside host namespaces. Building a lab needs root and the ip, nft, conntrack and ss tools;
 * without them every test is UNSUPPORTED with the reason.
 */
public abstract class LinuxNatTarget implements Target {
    private final RouterNat nat;
    private final List<AreaAdapter> adapters;

    LinuxNatTarget(RouterNat nat, Optional<Integer> portQuota) {
        this.nat = nat;
        this.adapters = List.of(new LinuxNatAdapter(nat, portQuota));
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    @Override
    public String description() {
        return "Linux " + System.getProperty("os.version") + " netfilter NAT, " + nat.describe()
                + ", in a router namespace between veth-joined host namespaces (real time)";
    }

    /** {@code masquerade}, nothing else: what a distribution's minimal NAT rule set ships. */
    public static final class Masquerading extends LinuxNatTarget {
        public Masquerading() {
            super(Masquerade.asShipped(), Optional.empty());
        }

        @Override
        public String id() {
            return "linux-masquerade";
        }
    }

    /** {@code masquerade fully-random}: a random source port for every new flow. */
    public static final class MasqueradingFullyRandom extends LinuxNatTarget {
        public MasqueradingFullyRandom() {
            super(Masquerade.withFullyRandomPorts(), Optional.empty());
        }

        @Override
        public String id() {
            return "linux-masquerade-random";
        }
    }

    /**
     * {@code snat} to 203.0.113.1 with ports 20000-20009. Seen in the lab: ten flows from one host to one
     * destination take the ten ports and an eleventh is dropped, existing ones stay; so no host ever holds
     * more than ten external ports, which is the quota declared. The range is shared by every inside
     * host and reused towards other destinations (port overlapping), so it is not per subscriber: a
     * host that used the range towards a server leaves none for another host towards that server.
     */
    public static final class SnatPortRangeTarget extends LinuxNatTarget {
        static final SnatPortRange RANGE = new SnatPortRange(20000, 20009);

        public SnatPortRangeTarget() {
            super(RANGE, Optional.of(RANGE.size()));
        }

        @Override
        public String id() {
            return "linux-snat-range";
        }
    }

    /** Masquerade plus OpenWrt-style NAT loopback of a static forward to the first inside host. */
    public static final class MasqueradingWithHairpin extends LinuxNatTarget {
        public MasqueradingWithHairpin() {
            super(MasqueradeWithReflection.toFirstInsideHost(LabLayout.standard()), Optional.empty());
        }

        @Override
        public String id() {
            return "linux-masquerade-hairpin";
        }
    }
}
