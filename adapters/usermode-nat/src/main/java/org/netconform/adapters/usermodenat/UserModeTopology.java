package org.netconform.adapters.usermodenat;

import java.util.ArrayList;
import java.util.List;
import org.netconform.netlab.LabLayout;
import org.netconform.netlab.env.Commands;
import org.netconform.netlab.env.LabNames;
import org.netconform.netlab.env.OwnerMarker;

/**
 * The namespaces of a user-mode NAT lab, named in netlab's family ({@code nc??????-}) with an owner
 * marker, so netlab's sweeper removes what a killed run left:
 *
 * <pre>
 *  in0: 198.51.100.10 .11 .12          router: 203.0.113.1/24            outside: 203.0.113.100 .101 .200 /24
 *  on the NAT's tap device,  ==NAT==>  the user-mode NAT runs here;  --veth--  the server's two addresses and the
 *  default route via the NAT           no forwarding (ip_forward 0)            other host; default via 203.0.113.1
 * </pre>
 *
 * netlab's own topology cannot be used as it is: there every inside host has a veth to the router and
 * the router forwards (the kernel is the NAT), while a user-mode NAT owns the inside link itself (a tap
 * device in the namespace it serves) and must be the only way out. A user-mode NAT serves one namespace,
 * so the inside hosts are three addresses of it: the NAT sees what it would see from three hosts on a
 * LAN, datagrams from three source addresses. The outside hosts share a namespace for the same reason
 * netlab gives the server two addresses: what matters to the NAT is the source address.
 */
final class UserModeTopology {
    final LabNames names;
    final LabLayout layout;

    private UserModeTopology(LabNames names, LabLayout layout) {
        this.names = names;
        this.layout = layout;
    }

    String router() {
        return names.routerNamespace();
    }

    String inside() {
        return names.insideNamespace(0);
    }

    String outside() {
        return names.prefix() + "outside";
    }

    List<String> namespaces() {
        return List.of(router(), inside(), outside());
    }

    String routerVeth() {
        return names.prefix() + "wan";
    }

    String outsideVeth() {
        return names.prefix() + "out";
    }

    /** Builds the namespaces and the veth; on failure removes whatever was made and throws. */
    static UserModeTopology build(LabLayout layout) {
        UserModeTopology t = new UserModeTopology(LabNames.fresh(), layout);
        OwnerMarker.write(t.names.id());
        try {
            t.make();
            return t;
        } catch (RuntimeException e) {
            t.destroy();
            throw e;
        }
    }

    private void make() {
        String ip = Programs.require("ip").toString();
        // both ends of the veth are made in their namespaces: nothing of a lab lives in the root namespace
        Commands.run(List.of(ip, "-batch", "-"), "netns add " + router() + "\nnetns add " + inside() + "\nnetns add "
                + outside() + "\nlink add " + routerVeth() + " netns " + router() + " type veth peer name " + outsideVeth()
                + " netns " + outside() + "\n").orThrow();
        sysctl(router(), "net.ipv4.ip_forward=0");
        sysctl(inside());
        // the outside hosts are the harness's probes: their ICMP errors must not be rate-limited
        sysctl(outside(), "net.ipv4.icmp_ratelimit=0");
        String external = layout.externalAddresses().get(0);
        int prefix = layout.prefixLength();
        batch(router(), "link set lo up\n"
                + "addr add " + external + "/" + prefix + " dev " + routerVeth() + "\n"
                + "link set " + routerVeth() + " up\n"
                // pasta takes its template interface from the default route; nothing is forwarded here
                + "route add default dev " + routerVeth() + "\n");
        StringBuilder o = new StringBuilder("link set lo up\n");
        List<String> outsideAddresses = new ArrayList<>(layout.serverAddresses());
        outsideAddresses.add(layout.otherOutsideHost());
        for (String a : outsideAddresses) {
            o.append("addr add ").append(a).append('/').append(prefix).append(" dev ").append(outsideVeth()).append('\n');
        }
        // a datagram to a private inside address goes to the router, which drops it (no forwarding): the Internet
        batch(outside(), o + "link set " + outsideVeth() + " up\nroute add default via " + external + "\n");
        batch(inside(), "link set lo up\n");
    }

    /** Deletes the namespaces (their veth and taps go with them) and the marker. Never throws. */
    void destroy() {
        StringBuilder del = new StringBuilder();
        namespaces().forEach(ns -> del.append("netns del ").append(ns).append('\n'));
        try {
            // -force: go on past a namespace that was never made
            Commands.run(List.of(Programs.require("ip").toString(), "-force", "-batch", "-"), del.toString());
        } catch (RuntimeException ignored) {
            // netlab's sweep at the next start removes what is left
        }
        OwnerMarker.delete(names.id());
    }

    private static void batch(String namespace, String commands) {
        Commands.run(List.of(Programs.require("ip").toString(), "-n", namespace, "-batch", "-"), commands).orThrow();
    }

    /** IPv6 off (no DAD or solicitations on the links), bridged frames out of netfilter, and the given settings. */
    private static void sysctl(String namespace, String... settings) {
        List<String> cmd = new ArrayList<>(List.of(Programs.require("ip").toString(), "netns", "exec", namespace,
                Programs.require("sysctl").toString(), "-q", "-e", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1", "net.bridge.bridge-nf-call-iptables=0"));
        cmd.addAll(List.of(settings));
        Commands.run(cmd).orThrow();
    }
}
