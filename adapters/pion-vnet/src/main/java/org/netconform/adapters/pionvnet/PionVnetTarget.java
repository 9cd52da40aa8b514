package org.netconform.adapters.pionvnet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.stdio.StdioTarget;
import org.netconform.stdio.TargetSpec;

/**
 * pion/transport 2.0.2's vnet NAT (the Debian package golang-github-pion-transport-dev) as a stdio target:
 * the Go shim speaks the stdio protocol's NAT area, and the stdio module drives it as it drives any
 * {@code cmd:} program (one shim process per lab). What is pion's own is here: building the shim
 * ({@link ShimBuild}) and declaring the targets. Two configurations are bundled: the one a pion user gets
 * without configuring a NAT, and the symmetric one users configure to force a TURN relay.
 */
public abstract class PionVnetTarget extends StdioTarget {
    /** How long a lab waits for a datagram before saying nothing arrived; pion delivers in microseconds. */
    static final long DELIVERY_WAIT_MS = Long.getLong("netconform.pionVnet.deliveryWaitMs", 150);

    private static final ShimBuild BUILD = ShimBuild.fromProperties();
    private static ShimBuild.Result built;

    PionVnetTarget(String id, String description, List<String> shimArguments) {
        super(spec(id, description, shimArguments));
    }

    /**
     * The declaration: the NAT area at the model layer in real time with {@code set-timers} only (pion vnet
     * 2.0.2 has UDP only and no ICMP; the timer is {@code NATType.MappingLifeTime}), declared before any
     * shim runs, so the shim is built only when a case needs it. Without Go or the pion sources the target
     * is UNSUPPORTED with the build's reason.
     */
    private static TargetSpec spec(String id, String description, List<String> shimArguments) {
        ObjectNode nat = JsonNodeFactory.instance.objectNode().put("layer", "model").put("deliveryWaitMs", DELIVERY_WAIT_MS);
        nat.putArray("capabilities").add(NatAdapter.SET_TIMERS);
        TargetSpec.Area area = new TargetSpec.Area("nat", "model", Set.of(NatAdapter.SET_TIMERS), nat);
        return new TargetSpec(id, description, Map.of("nat", area), TargetSpec.DEFAULT_REQUEST_TIMEOUT, () -> {
            ShimBuild.Result shim = built();
            if (shim.unavailable() != null) {
                return TargetSpec.Prepared.unavailable(shim.unavailable());
            }
            List<String> command = new ArrayList<>();
            command.add(shim.binary().toString());
            command.addAll(shimArguments);
            return TargetSpec.Prepared.ready(command, null, Map.of());
        });
    }

    /** Both targets run the same binary: built once per JVM. */
    private static synchronized ShimBuild.Result built() {
        if (built == null) {
            built = BUILD.build();
        }
        return built;
    }

    /**
     * {@code RouterConfig.NATType} left unset: pion's router picks EIM mapping, APDF filtering and a
     * 30 s mapping lifetime (vnet/router.go, setRouter), a port-restricted cone in RFC 3489 terms.
     */
    public static final class Default extends PionVnetTarget {
        public Default() {
            super("pion-vnet", "pion/transport 2.0.2 vnet NAT, default NATType (unset: EIM, APDF, 30 s), real time, via a Go stdio shim",
                    List.of());
        }
    }

    /** {@code NATType{MappingBehavior: EndpointAddrPortDependent, FilteringBehavior: EndpointAddrPortDependent}}. */
    public static final class Symmetric extends PionVnetTarget {
        public Symmetric() {
            super("pion-vnet-symmetric", "pion/transport 2.0.2 vnet NAT, NATType APDM + APDF (symmetric), real time, via a Go stdio shim",
                    List.of("-mapping", "apdm", "-filtering", "apdf"));
        }
    }
}
