package org.netconform.netlab;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a rule set may name in the router namespace: its own table, the router's interfaces towards
 * the inside hosts and towards the outside hosts (one veth per host, no bridge), and the addresses.
 */
public record RouterNames(String table, List<String> insideInterfaces, List<String> outsideInterfaces, LabLayout layout) {

    public RouterNames {
        insideInterfaces = List.copyOf(insideInterfaces);
        outsideInterfaces = List.copyOf(outsideInterfaces);
    }

    /** {@code { "a", "b" }}: the router's outside interfaces as an nft anonymous set. */
    public String outsideSet() {
        return set(outsideInterfaces);
    }

    /** {@code { "a", "b" }}: the router's inside interfaces as an nft anonymous set. */
    public String insideSet() {
        return set(insideInterfaces);
    }

    /** The address a single-address NAT translates to. */
    public String externalAddress() {
        return layout.externalAddresses().get(0);
    }

    private static String set(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "{ ", " }"));
    }
}
