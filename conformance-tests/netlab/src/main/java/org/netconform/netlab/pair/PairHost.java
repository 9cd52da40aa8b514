package org.netconform.netlab.pair;

/** The namespaces of a {@link PairLab}: the two peers' hosts, their routers, and the public middle. */
public enum PairHost {
    /** Peer A: 198.51.100.10 behind router A, or 203.0.113.50 on the public side ({@link PairLayout#A_PUBLIC}). */
    A("a"),
    /** Peer B: 192.0.2.10 behind router B, or 198.51.100.11 behind router A ({@link PairLayout#SAME_NAT}). */
    B("b"),
    /** The public side: routes between the routers and holds the servers' addresses (203.0.113.100, .101, .200). */
    MIDDLE("mid"),
    /** A's NAT (external 203.0.113.1); B's too in {@link PairLayout#SAME_NAT}; absent in {@link PairLayout#A_PUBLIC}. */
    ROUTER_A("ra"),
    /** B's NAT (external 203.0.113.2); absent in {@link PairLayout#SAME_NAT}. */
    ROUTER_B("rb");

    private final String suffix;

    PairHost(String suffix) {
        this.suffix = suffix;
    }

    /** The namespace name's part after the lab's prefix. */
    public String suffix() {
        return suffix;
    }
}
