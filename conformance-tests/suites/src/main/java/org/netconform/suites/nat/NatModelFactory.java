package org.netconform.suites.nat;

import java.util.Optional;
import java.util.ServiceLoader;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatTopology;

/**
 * Makes a lab around a reference NAT model configured as a classification describes: the other side of
 * the model comparison that judges NAT-DET-1 (RFC 4787 REQ-11). By default that is the reference NAT
 * ({@link ReferenceNatModel}); a factory registered with {@link ServiceLoader} under
 * {@code META-INF/services/org.netconform.suites.nat.NatModelFactory} replaces it (the suite's own tests
 * register the fake NAT's model that way). This is the only place the suite meets the model.
 */
public interface NatModelFactory {

    /**
     * A fresh lab in virtual time whose NAT behaves as {@code classification} says, with the target's
     * {@code topology}, so the same operations name the same hosts on both sides.
     */
    NatLab open(NatTopology topology, NatClassification classification);

    /** The registered factory, else the reference model. */
    static Optional<NatModelFactory> find() {
        return Optional.of(ServiceLoader.load(NatModelFactory.class).findFirst().orElseGet(ReferenceNatModel::new));
    }
}
