package org.netconform.spi.nat;

import java.util.List;

/**
 * The hosts of a NAT lab, by address. Every lab a target opens has the same topology.
 *
 * <ul>
 * <li>{@code insideHosts}: at least two hosts behind the NAT (private side), e.g. 198.51.100.10 and
 *     198.51.100.11.</li>
 * <li>{@code serverAddresses}: one outside host with two addresses (primary, alternate), as RFC 5780
 *     discovery needs, e.g. 203.0.113.100 and 203.0.113.101.</li>
 * <li>{@code otherOutsideHost}: a second, unrelated outside host, e.g. 203.0.113.200.</li>
 * <li>{@code externalAddresses}: the NAT's own public addresses (its pool); the first is the one a
 *     single-address NAT uses.</li>
 * </ul>
 * Addresses come from the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24).
 */
public record NatTopology(List<String> insideHosts, List<String> serverAddresses, String otherOutsideHost,
                          List<String> externalAddresses) {

    public NatTopology {
        insideHosts = List.copyOf(insideHosts);
        serverAddresses = List.copyOf(serverAddresses);
        externalAddresses = List.copyOf(externalAddresses);
        if (insideHosts.size() < 2) {
            throw new IllegalArgumentException("a NAT lab has at least two inside hosts");
        }
        if (serverAddresses.size() != 2) {
            throw new IllegalArgumentException("the outside server has exactly two addresses");
        }
        if (externalAddresses.isEmpty()) {
            throw new IllegalArgumentException("a NAT has at least one external address");
        }
    }

    /** The topology the bundled labs use. */
    public static NatTopology standard() {
        return new NatTopology(List.of("198.51.100.10", "198.51.100.11", "198.51.100.12"),
                List.of("203.0.113.100", "203.0.113.101"), "203.0.113.200", List.of("203.0.113.1"));
    }

    public String primaryServer() {
        return serverAddresses.get(0);
    }

    public String alternateServer() {
        return serverAddresses.get(1);
    }
}
