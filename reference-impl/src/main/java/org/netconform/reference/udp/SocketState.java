package org.netconform.reference.udp;

import org.netconform.spi.udp.UdpOutcome;

/** The state of a model socket. */
public enum SocketState {
    /** No local port. */
    UNBOUND,
    /** A local port, no peer. */
    BOUND,
    /** A local port and a peer. */
    CONNECTED,
    /** Closed; every operation answers {@link UdpOutcome#CLOSED}. */
    CLOSED
}
