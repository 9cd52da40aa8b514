package org.netconform.adapters.pionice;

/**
 * A broken ICE stack for the self-test: the same pion agent, but never told of the STUN server, so it
 * offers host candidates only. Behind two NATs its private addresses are unreachable from the other side
 * and, without a server-reflexive candidate, the other never sends to its mapping: the real-NAT suite must
 * catch it where the prediction says yes (TRAV-UDP-3). Registered in the test resources only.
 */
public class HostOnlyIceTarget extends PionIceTarget {
    public HostOnlyIceTarget() {
        super("broken-pion-ice-host-only", "pion/ice 2.3.1 via ice-peer without a STUN server: host candidates only"
                + " (a self-test's broken stack)", new PionIceAdapter("pion/ice 2.3.1, host candidates only (no STUN)", false));
    }
}
