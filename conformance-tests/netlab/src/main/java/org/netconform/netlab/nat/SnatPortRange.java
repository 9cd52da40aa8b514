package org.netconform.netlab.nat;

import org.netconform.netlab.RouterNames;
import org.netconform.netlab.RouterNat;

/**
 * {@code snat} to the router's external address with a small source-port range. The kernel picks a
 * port from the range for each new flow whose translated tuple is not yet taken, so a port is reused
 * towards different destinations; when every port of the range is taken towards a destination, a new
 * flow there is dropped and existing ones stay.
 */
public record SnatPortRange(int low, int high) implements RouterNat {

    public SnatPortRange {
        if (low < 1 || high > 65_535 || low > high) {
            throw new IllegalArgumentException("bad port range " + low + "-" + high);
        }
    }

    public int size() {
        return high - low + 1;
    }

    @Override
    public String describe() {
        return "nft snat to the external address, ports " + low + "-" + high;
    }

    @Override
    public String tableBody(RouterNames router) {
        return """
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    # a port range needs a transport protocol to apply to
                    oifname %1$s meta l4proto { tcp, udp } snat ip to %2$s:%3$d-%4$d
                    # anything else (ICMP echo) keeps only the address translation
                    oifname %1$s snat ip to %2$s
                }
                """.formatted(router.outsideSet(), router.externalAddress(), low, high);
    }
}
