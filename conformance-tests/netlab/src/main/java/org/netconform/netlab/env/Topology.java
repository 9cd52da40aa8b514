package org.netconform.netlab.env;

import java.util.ArrayList;
import java.util.List;
import org.netconform.netlab.LabLayout;
import org.netconform.netlab.RouterNames;

/**
 * Builds a lab's namespaces and links. No bridge anywhere: {@code br_netfilter} is on in every namespace
 * on this kernel and would put bridged frames through netfilter. Instead every host has one veth to the
 * router: the router holds its inside address (and its external addresses) as /32 on each of its veths,
 * reaches each host by a /32 route, and answers ARP for the rest of a host's subnet (proxy ARP), so the
 * hosts keep ordinary /24 subnets and a default route. The NAT exists only in the router namespace.
 */
public final class Topology {
    private Topology() {
    }

    public static List<LabHost> hosts(LabNames n, LabLayout l) {
        List<LabHost> hosts = new ArrayList<>();
        for (int i = 0; i < l.insideHosts().size(); i++) {
            hosts.add(new LabHost("in" + i, n.insideNamespace(i), List.of(l.insideHosts().get(i)), true));
        }
        hosts.add(new LabHost("server", n.serverNamespace(), l.serverAddresses(), false));
        hosts.add(new LabHost("other", n.otherNamespace(), List.of(l.otherOutsideHost()), false));
        return hosts;
    }

    public static RouterNames routerNames(LabNames n, LabLayout l) {
        List<String> inside = new ArrayList<>();
        for (int i = 0; i < l.insideHosts().size(); i++) {
            inside.add(n.routerInsideVeth(i));
        }
        return new RouterNames(n.natTable(), inside, List.of(n.routerServerVeth(), n.routerOtherVeth()), l);
    }

    /** Creates everything; on failure the caller removes the namespaces (all of them share the prefix). */
    public static void build(Tools t, LabNames n, LabLayout l) {
        String router = n.routerNamespace();
        StringBuilder root = new StringBuilder("netns add " + router + "\n");
        for (LabHost h : hosts(n, l)) {
            root.append("netns add ").append(h.namespace()).append('\n');
        }
        // each veth is made with both ends already in their namespaces: nothing of a lab touches the root namespace
        for (int i = 0; i < l.insideHosts().size(); i++) {
            root.append(veth(n.routerInsideVeth(i), router, n.insideVeth(i), n.insideNamespace(i)));
        }
        root.append(veth(n.routerServerVeth(), router, n.serverVeth(), n.serverNamespace()));
        root.append(veth(n.routerOtherVeth(), router, n.otherVeth(), n.otherNamespace()));
        Commands.run(List.of(t.ip(), "-batch", "-"), root.toString()).orThrow();

        sysctl(t, router, "net.ipv4.ip_forward=1", "net.ipv4.conf.all.proxy_arp=1");
        for (LabHost h : hosts(n, l)) {
            // the outside hosts are the harness's probes: ICMP errors they send must not be rate-limited
            sysctl(t, h.namespace(), "net.ipv4.icmp_ratelimit=0");
        }

        StringBuilder r = new StringBuilder("link set lo up\n");
        for (int i = 0; i < l.insideHosts().size(); i++) {
            String dev = n.routerInsideVeth(i);
            r.append("addr add ").append(l.insideGateway()).append("/32 dev ").append(dev).append('\n')
                    .append("link set ").append(dev).append(" up\n")
                    .append("route add ").append(l.insideHosts().get(i)).append("/32 dev ").append(dev).append('\n');
        }
        for (String dev : List.of(n.routerServerVeth(), n.routerOtherVeth())) {
            // the first external address is primary on each outside veth: masquerade takes that one
            for (String ext : l.externalAddresses()) {
                r.append("addr add ").append(ext).append("/32 dev ").append(dev).append('\n');
            }
            r.append("link set ").append(dev).append(" up\n");
        }
        for (String a : l.serverAddresses()) {
            r.append("route add ").append(a).append("/32 dev ").append(n.routerServerVeth()).append('\n');
        }
        r.append("route add ").append(l.otherOutsideHost()).append("/32 dev ").append(n.routerOtherVeth()).append('\n');
        batch(t, router, r.toString());

        int prefix = l.prefixLength();
        for (int i = 0; i < l.insideHosts().size(); i++) {
            batch(t, n.insideNamespace(i), "link set lo up\n"
                    + "addr add " + l.insideHosts().get(i) + "/" + prefix + " dev " + n.insideVeth(i) + "\n"
                    + "link set " + n.insideVeth(i) + " up\n"
                    + "route add default via " + l.insideGateway() + "\n");
        }
        StringBuilder s = new StringBuilder("link set lo up\n");
        for (String a : l.serverAddresses()) {
            s.append("addr add ").append(a).append('/').append(prefix).append(" dev ").append(n.serverVeth()).append('\n');
        }
        // outside hosts get no default route: the private inside addresses are not routed to them, as on the Internet
        batch(t, n.serverNamespace(), s + "link set " + n.serverVeth() + " up\n");
        batch(t, n.otherNamespace(), "link set lo up\n"
                + "addr add " + l.otherOutsideHost() + "/" + prefix + " dev " + n.otherVeth() + "\n"
                + "link set " + n.otherVeth() + " up\n");
    }

    private static String veth(String a, String nsA, String b, String nsB) {
        return "link add " + a + " netns " + nsA + " type veth peer name " + b + " netns " + nsB + "\n";
    }

    private static void batch(Tools t, String namespace, String commands) {
        Commands.run(List.of(t.ip(), "-n", namespace, "-batch", "-"), commands).orThrow();
    }

    /**
     * Besides the given settings: IPv6 off (no router solicitations or DAD on the veths), and bridged
     * frames out of netfilter (there is no bridge; set anyway, as the pitfalls advise). {@code -e}
     * ignores keys a kernel lacks.
     */
    private static void sysctl(Tools t, String namespace, String... settings) {
        List<String> cmd = new ArrayList<>(List.of(t.ip(), "netns", "exec", namespace, t.sysctl(), "-q", "-e", "-w",
                "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1",
                "net.bridge.bridge-nf-call-iptables=0"));
        cmd.addAll(List.of(settings));
        Commands.run(cmd).orThrow();
    }
}
