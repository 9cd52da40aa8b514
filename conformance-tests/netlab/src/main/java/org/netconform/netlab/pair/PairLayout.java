package org.netconform.netlab.pair;

import java.util.List;

/**
 * Where the two peers of a {@link PairLab} sit. Addresses are fixed (documentation ranges only): the
 * middle holds the STUN server's two addresses 203.0.113.100 and .101 and the rendezvous server's
 * 203.0.113.200; router A's external address is 203.0.113.1, router B's 203.0.113.2.
 */
public enum PairLayout {
    /** A 198.51.100.10 behind router A, B 192.0.2.10 behind router B. */
    DIFFERENT_NATS("198.51.100.10", "192.0.2.10"),
    /** A 198.51.100.10 and B 198.51.100.11, both behind router A. */
    SAME_NAT("198.51.100.10", "198.51.100.11"),
    /** A public at 203.0.113.50 (no NAT), B 192.0.2.10 behind router B: connection reversal. */
    A_PUBLIC("203.0.113.50", "192.0.2.10");

    public static final String STUN_PRIMARY = "203.0.113.100";
    public static final String STUN_ALTERNATE = "203.0.113.101";
    public static final String RENDEZVOUS = "203.0.113.200";
    public static final String EXTERNAL_A = "203.0.113.1";
    public static final String EXTERNAL_B = "203.0.113.2";
    public static final List<String> MIDDLE_ADDRESSES = List.of(STUN_PRIMARY, STUN_ALTERNATE, RENDEZVOUS);

    private final String a;
    private final String b;

    PairLayout(String a, String b) {
        this.a = a;
        this.b = b;
    }

    public String addressA() {
        return a;
    }

    public String addressB() {
        return b;
    }

    /** The routers this layout has. */
    public List<PairHost> routers() {
        return switch (this) {
            case DIFFERENT_NATS -> List.of(PairHost.ROUTER_A, PairHost.ROUTER_B);
            case SAME_NAT -> List.of(PairHost.ROUTER_A);
            case A_PUBLIC -> List.of(PairHost.ROUTER_B);
        };
    }

    /** The router in front of {@code peer} ({@link PairHost#A} or {@link PairHost#B}); null for a public A. */
    public PairHost routerOf(PairHost peer) {
        if (peer == PairHost.A) {
            return this == A_PUBLIC ? null : PairHost.ROUTER_A;
        }
        return this == SAME_NAT ? PairHost.ROUTER_A : PairHost.ROUTER_B;
    }
}
