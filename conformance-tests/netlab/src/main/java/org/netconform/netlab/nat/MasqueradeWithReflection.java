package org.netconform.netlab.nat;

import org.netconform.netlab.RouterNames;
import org.netconform.netlab.RouterNat;

/**
 * Masquerade plus NAT loopback ("reflection", "hairpin NAT") the way router distributions build it:
 * Linux has no rule that sends a packet to whichever inside socket owns a dynamic mapping (that is full
 * cone, out of tree), so loopback exists only for a static port forward. OpenWrt's firewall4, for a
 * forward with reflection, adds a DNAT for inside sources addressing the external address and an SNAT
 * so the forwarded host answers through the router; MikroTik's hairpin NAT recipe is the same pair.
 *
 * <p>The forward here: UDP and TCP ports {@code low..high} of the external address to the same ports
 * of {@code forwardedHost}. Only the loopback half is installed (inside sources only), so outside hosts
 * still meet masquerade's filtering and the variant differs from plain masquerade in hairpinning alone.
 * The reflected packet is SNATed to the external address (OpenWrt's {@code reflection_src external};
 * its default, {@code internal}, would present the router's inside address), and the kernel keeps the
 * sender's port when the tuple is free, so the forwarded host usually sees the sender's own mapping.
 * Hairpinning to a mapping of another host, or to a mapping whose port masquerade changed, reaches the
 * forwarded host's same-numbered port instead: that is what a static forward can do.
 */
public record MasqueradeWithReflection(String forwardedHost, int low, int high) implements RouterNat {

    /** Every unprivileged port of the external address forwarded to the first inside host. */
    public static MasqueradeWithReflection toFirstInsideHost(org.netconform.netlab.LabLayout layout) {
        return new MasqueradeWithReflection(layout.insideHosts().get(0), 1024, 65_535);
    }

    @Override
    public String describe() {
        return "nft masquerade, plus NAT loopback (DNAT + SNAT, OpenWrt-style reflection) of external ports "
                + low + "-" + high + " to " + forwardedHost;
    }

    @Override
    public String tableBody(RouterNames router) {
        String external = router.externalAddress();
        String subnet = router.layout().insideSubnet();
        return """
                chain prerouting {
                    type nat hook prerouting priority dstnat; policy accept;
                    # loopback only: inside hosts addressing the external address reach the forwarded host
                    iifname %1$s ip saddr %2$s ip daddr %3$s meta l4proto { tcp, udp } th dport %5$d-%6$d dnat ip to %4$s
                }
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    oifname %7$s masquerade
                    # the reflected packet leaves with the external address, so the answer comes back here to be undone
                    oifname %1$s ip saddr %2$s ct status dnat snat ip to %3$s
                }
                """.formatted(router.insideSet(), subnet, external, forwardedHost, low, high, router.outsideSet());
    }
}
