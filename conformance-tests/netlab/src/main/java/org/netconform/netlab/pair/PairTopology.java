package org.netconform.netlab.pair;

import java.util.ArrayList;
import java.util.List;
import org.netconform.netlab.LabLayout;
import org.netconform.netlab.RouterNames;
import org.netconform.netlab.env.Commands;
import org.netconform.netlab.env.LabNames;
import org.netconform.netlab.env.Tools;

/**
 * Builds a {@link PairLab}'s namespaces and links, as netlab's {@code Topology} does for one router: no
 * bridge (br_netfilter would put bridged frames through netfilter), one veth per link with both ends
 * made in their namespaces, /32 routes plus proxy ARP so every host keeps an ordinary /24 and a default
 * route. The middle routes only the routers' external addresses (and a public peer): private ranges are
 * unreachable there, as on the Internet, and the routers' default route points at it.
 */
final class PairTopology {
    private static final String INSIDE_A_GATEWAY = "198.51.100.1";
    private static final String INSIDE_B_GATEWAY = "192.0.2.1";

    private final Tools tools;
    private final LabNames names;
    private final PairLayout layout;

    PairTopology(Tools tools, LabNames names, PairLayout layout) {
        this.tools = tools;
        this.names = names;
        this.layout = layout;
    }

    String namespace(PairHost h) {
        return names.prefix() + h.suffix();
    }

    /** Interface names stay within 15 characters: the 9-character prefix and at most 4 more. */
    String veth(String role) {
        return names.prefix() + role;
    }

    List<PairHost> hosts() {
        List<PairHost> out = new ArrayList<>(List.of(PairHost.A, PairHost.B, PairHost.MIDDLE));
        out.addAll(layout.routers());
        return out;
    }

    /** The router's inside interfaces, outside interface and addresses, as a {@link RouterNat} names them. */
    RouterNames routerNames(PairHost router) {
        boolean a = router == PairHost.ROUTER_A;
        List<String> inside = new ArrayList<>();
        List<String> insideHosts = new ArrayList<>();
        for (PairHost peer : List.of(PairHost.A, PairHost.B)) {
            if (layout.routerOf(peer) == router) {
                inside.add(routerInsideVeth(router, peer));
                insideHosts.add(peer == PairHost.A ? layout.addressA() : layout.addressB());
            }
        }
        LabLayout l = new LabLayout(insideHosts, a ? INSIDE_A_GATEWAY : INSIDE_B_GATEWAY,
                a ? "198.51.100.0/24" : "192.0.2.0/24", List.of(PairLayout.STUN_PRIMARY, PairLayout.STUN_ALTERNATE),
                PairLayout.RENDEZVOUS, List.of(a ? PairLayout.EXTERNAL_A : PairLayout.EXTERNAL_B));
        return new RouterNames(names.prefix() + "nat", inside, List.of(routerOutsideVeth(router)), l);
    }

    /** Creates everything; on failure the caller deletes the namespaces (all share the prefix). */
    void build() {
        StringBuilder root = new StringBuilder();
        for (PairHost h : hosts()) {
            root.append("netns add ").append(namespace(h)).append('\n');
        }
        for (PairHost peer : List.of(PairHost.A, PairHost.B)) {
            PairHost r = layout.routerOf(peer);
            if (r == null) {
                root.append(link(veth(peer.suffix()), peer, veth("m-" + peer.suffix()), PairHost.MIDDLE));
            } else {
                root.append(link(veth(peer.suffix()), peer, routerInsideVeth(r, peer), r));
            }
        }
        for (PairHost r : layout.routers()) {
            root.append(link(routerOutsideVeth(r), r, middleVeth(r), PairHost.MIDDLE));
        }
        Commands.run(List.of(tools.ip(), "-batch", "-"), root.toString()).orThrow();

        for (PairHost h : hosts()) {
            boolean forwards = h == PairHost.MIDDLE || h == PairHost.ROUTER_A || h == PairHost.ROUTER_B;
            List<String> cmd = new ArrayList<>(List.of(tools.ip(), "netns", "exec", namespace(h), tools.sysctl(), "-q", "-e",
                    "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1",
                    "net.bridge.bridge-nf-call-iptables=0"));
            if (forwards) {
                cmd.addAll(List.of("net.ipv4.ip_forward=1", "net.ipv4.conf.all.proxy_arp=1"));
                // packet and byte counts in conntrack -L: a cell's log shows what crossed each NAT
                cmd.add("net.netfilter.nf_conntrack_acct=1");
            }
            Commands.run(cmd).orThrow();
        }
        peer(PairHost.A, layout.addressA());
        peer(PairHost.B, layout.addressB());
        for (PairHost r : layout.routers()) {
            router(r);
        }
        middle();
    }

    private void peer(PairHost peer, String address) {
        PairHost r = layout.routerOf(peer);
        String gateway = r == null ? PairLayout.RENDEZVOUS : r == PairHost.ROUTER_A ? INSIDE_A_GATEWAY : INSIDE_B_GATEWAY;
        batch(peer, "link set lo up\n"
                + "addr add " + address + "/24 dev " + veth(peer.suffix()) + "\n"
                + "link set " + veth(peer.suffix()) + " up\n"
                + "route add default via " + gateway + "\n");
    }

    private void router(PairHost r) {
        RouterNames n = routerNames(r);
        StringBuilder s = new StringBuilder("link set lo up\n");
        for (int i = 0; i < n.insideInterfaces().size(); i++) {
            String dev = n.insideInterfaces().get(i);
            s.append("addr add ").append(n.layout().insideGateway()).append("/32 dev ").append(dev).append('\n')
                    .append("link set ").append(dev).append(" up\n")
                    .append("route add ").append(n.layout().insideHosts().get(i)).append("/32 dev ").append(dev).append('\n');
        }
        String out = routerOutsideVeth(r);
        s.append("addr add ").append(n.externalAddress()).append("/24 dev ").append(out).append('\n')
                .append("link set ").append(out).append(" up\n")
                .append("route add default via ").append(PairLayout.RENDEZVOUS).append(" dev ").append(out).append('\n');
        batch(r, s.toString());
    }

    private void middle() {
        StringBuilder s = new StringBuilder("link set lo up\n");
        // on lo: the middle answers ARP for its own addresses on every veth
        PairLayout.MIDDLE_ADDRESSES.forEach(a -> s.append("addr add ").append(a).append("/32 dev lo\n"));
        for (PairHost r : layout.routers()) {
            String dev = middleVeth(r);
            String external = r == PairHost.ROUTER_A ? PairLayout.EXTERNAL_A : PairLayout.EXTERNAL_B;
            s.append("link set ").append(dev).append(" up\n").append("route add ").append(external).append("/32 dev ").append(dev).append('\n');
        }
        if (layout.routerOf(PairHost.A) == null) {
            s.append("link set ").append(veth("m-a")).append(" up\n")
                    .append("route add ").append(layout.addressA()).append("/32 dev ").append(veth("m-a")).append('\n');
        }
        batch(PairHost.MIDDLE, s.toString());
    }

    private String routerInsideVeth(PairHost router, PairHost peer) {
        return veth(router.suffix() + "-" + peer.suffix());
    }

    private String routerOutsideVeth(PairHost router) {
        return veth(router.suffix() + "-o");
    }

    private String middleVeth(PairHost router) {
        return veth(router == PairHost.ROUTER_A ? "m-ra" : "m-rb");
    }

    private String link(String a, PairHost nsA, String b, PairHost nsB) {
        return "link add " + a + " netns " + namespace(nsA) + " type veth peer name " + b + " netns " + namespace(nsB) + "\n";
    }

    private void batch(PairHost h, String commands) {
        Commands.run(List.of(tools.ip(), "-n", namespace(h), "-batch", "-"), commands).orThrow();
    }
}
