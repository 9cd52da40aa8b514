package org.netconform.netlab.nat;

import org.netconform.netlab.RouterNames;
import org.netconform.netlab.RouterNat;

/**
 * {@code masquerade random} on the router's outside interfaces: the kernel skips its "keep the source
 * port when the tuple is free" step and derives the port from a keyed hash of the flow (destination
 * included), so each destination gets its own port: address- and port-dependent mapping. Unlike
 * {@code fully-random} ({@link Masquerade#withFullyRandomPorts()}) the port of a given flow tuple is
 * not drawn afresh each time.
 */
public record MasqueradeRandom() implements RouterNat {

    @Override
    public String describe() {
        return "nft masquerade random on the outside interfaces";
    }

    @Override
    public String tableBody(RouterNames router) {
        return """
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    oifname %s masquerade random
                }
                """.formatted(router.outsideSet());
    }
}
