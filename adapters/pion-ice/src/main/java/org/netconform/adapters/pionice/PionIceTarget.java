package org.netconform.adapters.pionice;

import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/**
 * pion/ice 2.3.1 (the Debian package golang-github-pion-ice.v2-dev) as an ICE target at the endpoint
 * layer: the real-NAT traversal suite runs two of its agents behind pairs of real Linux NATs.
 */
public class PionIceTarget implements Target {
    private final String id;
    private final String description;
    private final List<AreaAdapter> adapters;

    public PionIceTarget() {
        this("pion-ice", "pion/ice 2.3.1 (Go, Debian golang-github-pion-ice.v2-dev), one ICE agent per peer in a namespace"
                + " behind a real Linux NAT, via the ice-peer program", new PionIceAdapter(
                "pion/ice 2.3.1 agent via ice-peer: UDP4, host + srflx candidates from the suite's STUN server, no mDNS", true));
    }

    /** Another configuration of the same agent (the self-tests' broken one). */
    PionIceTarget(String id, String description, PionIceAdapter adapter) {
        this.id = id;
        this.description = description;
        this.adapters = List.of(adapter);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }
}
