package org.netconform.suites.nat;

import java.time.Duration;
import org.netconform.reference.nat.AddressPooling;
import org.netconform.reference.nat.FilteringBehavior;
import org.netconform.reference.nat.Hairpinning;
import org.netconform.reference.nat.MappingBehavior;
import org.netconform.reference.nat.NatConfig;
import org.netconform.reference.nat.PortAllocation;
import org.netconform.reference.nat.RefreshDirection;
import org.netconform.reference.nat.lab.ModelNatLab;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;
import org.opentest4j.TestAbortedException;

/**
 * The model comparison's other side: the reference NAT ({@code org.netconform.reference.nat}) configured
 * as a target's classification says, in a lab of the same topology. Whatever the classifier did not learn
 * keeps the model's compliant default, so a difference is the target's behaviour that no configuration
 * explains, not a guess of ours.
 */
public final class ReferenceNatModel implements NatModelFactory {

    @Override
    public NatLab open(NatTopology topology, NatClassification c) {
        NatConfig config = configFor(topology, c);
        NatTopology model = ModelNatLab.topologyFor(config);
        if (!model.equals(topology)) {
            throw new TestAbortedException("the reference model builds the standard topology " + model
                    + "; the target's is " + topology);
        }
        return ModelNatLab.of(config, NatLabOptions.defaults());
    }

    static NatConfig configFor(NatTopology topology, NatClassification c) {
        NatConfig.Builder b = NatConfig.builder()
                .mapping(MappingBehavior.valueOf(c.mapping().name()))
                .filtering(FilteringBehavior.valueOf(c.filtering().name()))
                .portPreservation(c.portAssignment() == NatClassification.PortAssignment.PRESERVED)
                .portAllocation(c.portAssignment() == NatClassification.PortAssignment.SEQUENTIAL
                        ? PortAllocation.SEQUENTIAL : PortAllocation.RANDOM)
                .portParity(c.parityPreserved())
                .portOverloading(c.portOverloading())
                // the model overlaps ports for APDM mappings only, each with its one destination: an EIM NAT
                // that overlaps cannot stay EIM once a first host's next destination is the other host's
                // (RFC 7857 section 3 against RFC 4787 REQ-1), which is the collision RFC 4787 section 8 means
                .portOverlapping(c.portOverlapping() && c.mapping() == NatClassification.Mapping.APDM
                        && !c.portOverloading())
                .hairpinning(switch (c.hairpin()) {
                    case NONE, UNDETERMINED, PARTIAL -> Hairpinning.OFF;
                    case EXTERNAL_SOURCE -> Hairpinning.EXTERNAL_SOURCE;
                    case INTERNAL_SOURCE -> Hairpinning.INTERNAL_SOURCE;
                })
                .externalAddresses(topology.externalAddresses())
                .pooling(c.pooling() == NatClassification.Pooling.ARBITRARY ? AddressPooling.ARBITRARY
                        : AddressPooling.PAIRED);
        Duration oneWay = c.udpTimeoutOneWay().orElse(null);
        Duration replied = c.udpTimeoutReplied().orElse(null);
        if (oneWay != null && replied != null && !oneWay.equals(replied)) {
            // conntrack's two UDP timers (RFC 4787 leaves one timer; Linux keeps two): the stream mark
            // comes 2 s after the first reply, as the kernel's does
            b.udpConntrackTimers(oneWay, replied, Duration.ofSeconds(2));
        } else if (oneWay != null || replied != null) {
            b.udpTimeout(oneWay != null ? oneWay : replied);
        }
        boolean out = c.outboundRefresh().orElse(true);
        boolean in = c.inboundRefresh().orElse(false);
        b.refresh(out && in ? RefreshDirection.BOTH : in ? RefreshDirection.INBOUND : RefreshDirection.OUTBOUND);
        c.portQuota().ifPresent(b::portQuota);
        return b.build();
    }
}
