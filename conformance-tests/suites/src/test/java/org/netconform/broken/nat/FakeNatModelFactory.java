package org.netconform.broken.nat;

import java.time.Duration;
import org.netconform.broken.nat.FakeNatConfig.Dep;
import org.netconform.broken.nat.FakeNatConfig.Hairpin;
import org.netconform.broken.nat.FakeNatConfig.Ports;
import org.netconform.suites.nat.NatClassification;
import org.netconform.suites.nat.NatModelFactory;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatTopology;

/**
 * Stands in for the reference NAT model in the suite's own tests: a {@link FakeNat} configured from a
 * classification. Registered in the test class path only; the real registration comes with the model.
 */
public final class FakeNatModelFactory implements NatModelFactory {

    @Override
    public NatLab open(NatTopology topology, NatClassification c) {
        FakeNatConfig cfg = FakeNatConfig.correct()
                .withMapping(dep(c.mapping().name()))
                .withFiltering(dep(c.filtering().name()))
                .withPorts(switch (c.portAssignment()) {
                    case PRESERVED -> Ports.PRESERVE;
                    case SEQUENTIAL -> Ports.SEQUENTIAL;
                    case RANDOM -> Ports.RANDOM;
                }, c.parityPreserved())
                .withHairpin(switch (c.hairpin()) {
                    case NONE, UNDETERMINED, PARTIAL -> Hairpin.NONE;
                    case EXTERNAL_SOURCE -> Hairpin.EXTERNAL;
                    case INTERNAL_SOURCE -> Hairpin.INTERNAL;
                })
                .withPairedPooling(c.pooling() != NatClassification.Pooling.ARBITRARY)
                .withUdpTimers(c.udpTimeoutOneWay().orElse(Duration.ofMinutes(5)),
                        c.udpTimeoutReplied().orElse(Duration.ofMinutes(5)))
                .withRefresh(c.outboundRefresh().orElse(true), c.inboundRefresh().orElse(false));
        if (c.portOverloading()) {
            cfg = cfg.withOverloading();
        }
        if (c.portQuota().isPresent()) {
            cfg = cfg.withQuota(c.portQuota().get(), false, Duration.ZERO);
        }
        return new FakeNat(topology, cfg, true);
    }

    private static Dep dep(String behaviour) {
        return switch (behaviour.substring(0, 2)) {
            case "EI" -> Dep.ENDPOINT_INDEPENDENT;
            case "AD" -> Dep.ADDRESS;
            default -> Dep.ADDRESS_AND_PORT;
        };
    }
}
