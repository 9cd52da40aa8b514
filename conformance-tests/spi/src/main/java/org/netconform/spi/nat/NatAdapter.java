package org.netconform.spi.nat;

import java.util.Optional;
import org.netconform.spi.AreaAdapter;

/**
 * A NAT under test. At the {@code model} layer it is an in-process NAT in virtual time (the
 * reference, a simulator); at the {@code endpoint} layer real packets cross a real NAT between network
 * namespaces in real time. Either way the suite sees it only through {@link NatLab}.
 *
 * <p>Declare capabilities honestly: a check that needs one the adapter lacks is UNSUPPORTED for it.
 */
public interface NatAdapter extends AreaAdapter {
    /** TCP operations work ({@link NatLab#tcpConnect}, listen, simultaneous open, close). */
    String TCP = "tcp";
    /** {@link NatLabOptions} timer overrides are honoured. */
    String SET_TIMERS = "set-timers";
    /** {@link NatLab#udpToClosedPort} works (the outside hosts answer with ICMP). */
    String ICMP = "icmp";
    /** The NAT enforces a per-subscriber port quota, given by {@link #portQuota()}. */
    String QUOTA = "quota";

    /** The addresses of every lab this adapter opens. */
    NatTopology topology();

    /** A fresh lab: a NAT with empty tables and hosts on both sides. */
    NatLab open(NatLabOptions options);

    /** The number of external ports one inside host may hold, when {@link #QUOTA} is declared. */
    default Optional<Integer> portQuota() {
        return Optional.empty();
    }
}
