package org.netconform.targets.reference;

import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/** The embedded reference implementation: the target every other is compared with. It has no baseline. */
public final class ReferenceTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new ReferenceByteOrderCodec(), new ReferenceUdpStackAdapter(),
            new ReferenceWebSocketCodec(), new ReferenceWsServerAdapter(), new ReferenceWebSocketClient(),
            new ReferenceNatAdapter(), new ReferenceStunCodec(), new ReferenceStunServerAdapter(),
            new ReferenceDiscoveryClient(), new ReferenceModelDiscoveryClient(), new ReferenceHolePunching());

    @Override
    public String id() {
        return "reference";
    }

    @Override
    public String description() {
        return "netconform reference implementation (netconform-reference, in process)";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }
}
