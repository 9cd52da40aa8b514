package org.netconform.netlab.env;

import java.util.List;

/** One host of a lab: its short name (in0, server, other), namespace, addresses and side of the NAT. */
public record LabHost(String name, String namespace, List<String> addresses, boolean inside) {
    public LabHost {
        addresses = List.copyOf(addresses);
    }
}
