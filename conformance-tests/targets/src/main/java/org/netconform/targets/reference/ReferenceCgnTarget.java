package org.netconform.targets.reference;

import java.util.List;
import org.netconform.reference.nat.NatPreset;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/**
 * The reference NAT model configured as a carrier-grade NAT ({@link NatPreset#CARRIER_GRADE}): the
 * reference for RFC 6888, whose requirements (NAT-CGN-*) a NAT target is judged on only when it declares
 * a per-subscriber quota. NAT only; like the reference target it has no baseline.
 */
public final class ReferenceCgnTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new ReferenceNatAdapter(NatPreset.CARRIER_GRADE.config()));

    @Override
    public String id() {
        return "reference-cgn";
    }

    @Override
    public String description() {
        return "netconform reference NAT model as a carrier-grade NAT (" + NatPreset.CARRIER_GRADE.description()
                + "), in process";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }
}
