package org.netconform.suites.nat;

import java.util.Optional;
import java.util.ServiceLoader;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatTopology;

/**
 * Makes a lab around a reference NAT model configured as a classification describes: the other side of
 * the model comparison that judges NAT-DET-1 (RFC 4787 REQ-11). The reference model lives in
 * {@code reference-impl}; until it is wired in, an implementation registers itself with
 * {@link ServiceLoader} under {@code META-INF/services/org.netconform.suites.nat.NatModelFactory}, and
 * without one the comparison is UNSUPPORTED. This is the only place the suite meets the model.
 */
public interface NatModelFactory {

    /**
     * A fresh lab in virtual time whose NAT behaves as {@code classification} says, with the target's
     * {@code topology}, so the same operations name the same hosts on both sides.
     */
    NatLab open(NatTopology topology, NatClassification classification);

    /** The registered factory, if any. */
    static Optional<NatModelFactory> find() {
        return ServiceLoader.load(NatModelFactory.class).findFirst();
    }
}
