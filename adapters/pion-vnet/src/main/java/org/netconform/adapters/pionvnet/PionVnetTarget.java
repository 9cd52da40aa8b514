package org.netconform.adapters.pionvnet;

import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/**
 * pion/transport 2.0.2's vnet NAT (the Debian package golang-github-pion-transport-dev), driven through a
 * Go shim over the netconform stdio protocol. Two configurations are bundled: the one a pion user gets
 * without configuring a NAT, and the symmetric one users configure to force a TURN relay.
 */
public abstract class PionVnetTarget implements Target {
    private final String id;
    private final List<AreaAdapter> adapters;

    PionVnetTarget(String id, List<String> shimArguments) {
        this.id = id;
        this.adapters = List.of(new PionVnetAdapter(id, shimArguments));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    /**
     * {@code RouterConfig.NATType} left unset: pion's router picks EIM mapping, APDF filtering and a
     * 30 s mapping lifetime (vnet/router.go, setRouter), a port-restricted cone in RFC 3489 terms.
     */
    public static final class Default extends PionVnetTarget {
        public Default() {
            super("pion-vnet", List.of());
        }

        @Override
        public String description() {
            return "pion/transport 2.0.2 vnet NAT, default NATType (unset: EIM, APDF, 30 s), real time, via a Go stdio shim";
        }
    }

    /** {@code NATType{MappingBehavior: EndpointAddrPortDependent, FilteringBehavior: EndpointAddrPortDependent}}. */
    public static final class Symmetric extends PionVnetTarget {
        public Symmetric() {
            super("pion-vnet-symmetric", List.of("-mapping", "apdm", "-filtering", "apdf"));
        }

        @Override
        public String description() {
            return "pion/transport 2.0.2 vnet NAT, NATType APDM + APDF (symmetric), real time, via a Go stdio shim";
        }
    }
}
