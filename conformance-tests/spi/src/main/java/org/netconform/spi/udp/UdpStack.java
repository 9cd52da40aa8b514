package org.netconform.spi.udp;

import java.util.Set;

/**
 * A UDP stack as a test sees it: something that opens sockets. The reference model ({@link UdpHost})
 * implements it; so does an adapter over a real socket API (DatagramChannel, Netty, a C shim), which
 * lets one operation sequence run against both and be compared result by result.
 */
public interface UdpStack {

    /** A short name for reports, e.g. {@code reference} or {@code jdk-datagramchannel}. */
    String name();

    /** Opens a new unbound, unconnected socket. */
    UdpEndpoint open();

    /** Opens a socket and sets the given options to true before returning it (so before any bind). */
    default UdpEndpoint open(Set<UdpOption> options) {
        UdpEndpoint endpoint = open();
        for (UdpOption option : options) {
            UdpResult<Void> r = endpoint.setOption(option, true);
            if (!r.isOk()) {
                endpoint.close();
                throw new IllegalStateException("cannot set " + option + " on " + name() + ": " + r);
            }
        }
        return endpoint;
    }

    /** The options this stack supports; setting another one yields {@link UdpOutcome#INVALID}. */
    Set<UdpOption> supportedOptions();
}
