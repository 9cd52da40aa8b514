package org.netconform.netlab;

import java.util.List;

/**
 * The addresses of a lab. Inside hosts share one subnet behind the router's inside address; the outside
 * server has two addresses (RFC 5780 discovery needs them); the other outside host is unrelated; the
 * router's external addresses are its pool, the first being the one a single-address NAT uses.
 */
public record LabLayout(List<String> insideHosts, String insideGateway, String insideSubnet,
                        List<String> serverAddresses, String otherOutsideHost, List<String> externalAddresses) {

    public LabLayout {
        insideHosts = List.copyOf(insideHosts);
        serverAddresses = List.copyOf(serverAddresses);
        externalAddresses = List.copyOf(externalAddresses);
        if (insideHosts.isEmpty() || serverAddresses.size() != 2 || externalAddresses.isEmpty()) {
            throw new IllegalArgumentException("a lab has inside hosts, a server with two addresses and an external address");
        }
    }

    /** The vendor interface's standard topology: documentation ranges only. */
    public static LabLayout standard() {
        return new LabLayout(List.of("198.51.100.10", "198.51.100.11", "198.51.100.12"), "198.51.100.1",
                "198.51.100.0/24", List.of("203.0.113.100", "203.0.113.101"), "203.0.113.200",
                List.of("203.0.113.1"));
    }

    /** The prefix length of both the inside subnet and the outside hosts' subnet. */
    public int prefixLength() {
        return Integer.parseInt(insideSubnet.substring(insideSubnet.indexOf('/') + 1));
    }

    public boolean isInsideHost(String address) {
        return insideHosts.contains(address);
    }

    public boolean isOutsideHost(String address) {
        return serverAddresses.contains(address) || otherOutsideHost.equals(address);
    }

    public boolean isExternal(String address) {
        return externalAddresses.contains(address);
    }
}
