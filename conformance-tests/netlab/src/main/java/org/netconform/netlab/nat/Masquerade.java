package org.netconform.netlab.nat;

import org.netconform.netlab.RouterNames;
import org.netconform.netlab.RouterNat;

/**
 * {@code masquerade} on the router's outside interfaces, as a distribution ships it: nothing else, no
 * input filter. With {@code fullyRandom} the source port is drawn at random for every new flow
 * ({@code fully-random}, iptables' {@code --random-fully}) instead of kept when the tuple is free.
 */
public record Masquerade(boolean fullyRandom) implements RouterNat {

    public static Masquerade asShipped() {
        return new Masquerade(false);
    }

    public static Masquerade withFullyRandomPorts() {
        return new Masquerade(true);
    }

    @Override
    public String describe() {
        return fullyRandom ? "nft masquerade fully-random on the outside interfaces" : "nft masquerade on the outside interfaces";
    }

    @Override
    public String tableBody(RouterNames router) {
        return """
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    oifname %s masquerade%s
                }
                """.formatted(router.outsideSet(), fullyRandom ? " fully-random" : "");
    }
}
