package org.netconform.netlab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

/** What the lab tests share: the skip when labs cannot run here, and the standard addresses. */
final class Labs {
    static final String EXTERNAL = "203.0.113.1";
    static final String IN0 = "198.51.100.10";
    static final String IN1 = "198.51.100.11";
    static final String SERVER = "203.0.113.100";
    static final String SERVER_ALT = "203.0.113.101";
    static final String OTHER = "203.0.113.200";

    private Labs() {
    }

    /** Skips the test, with the reason, unless this machine can build namespace labs (root, ip, nft, conntrack). */
    static void assumeAvailable() {
        Optional<String> reason = NetLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "namespace labs unavailable: " + reason.orElse(""));
    }

    static Endpoint ep(String address, int port) {
        return Endpoint.of(address, port);
    }

    static Endpoint external(int port) {
        return Endpoint.of(EXTERNAL, port);
    }

    /** The source the server saw: the mapping of {@code inside} towards {@code server}. */
    static Endpoint mapping(NamespaceLab lab, Endpoint inside, Endpoint server) {
        return lab.udp(inside, server).orElseThrow(() -> new AssertionError(inside + " -> " + server + " did not arrive")).seenSource();
    }
}
