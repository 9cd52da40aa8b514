package org.netconform.spi.udp;

import java.time.Duration;
import java.util.Optional;

/**
 * One UDP socket. Every operation returns its observable result; nothing here throws for a
 * condition the spec names (an adapter maps errno values and JDK exceptions onto {@link UdpOutcome}).
 * Only programming errors (a null argument) throw.
 */
public interface UdpEndpoint {

    /** Sets a boolean option; options take effect at the next bind. */
    UdpResult<Void> setOption(UdpOption option, boolean value);

    /** Binds to a local address; port 0 asks for an ephemeral port, ip 0.0.0.0 for every local address. */
    UdpResult<Void> bind(UdpAddress local);

    /** Sets the peer: the default destination and the only accepted source. Sends nothing. */
    UdpResult<Void> connect(UdpAddress remote);

    /** Dissolves the association (connect with AF_UNSPEC). */
    UdpResult<Void> disconnect();

    /** Sends to the peer; the value is the number of octets sent. */
    UdpResult<Integer> send(byte[] payload);

    /** Sends to the given address; the value is the number of octets sent. */
    UdpResult<Integer> sendTo(UdpAddress destination, byte[] payload);

    /**
     * Receives one datagram, waiting at most {@code timeout}; {@link UdpOutcome#WOULD_BLOCK} when none
     * came. An implementation without real time (the model) answers at once.
     */
    UdpResult<Datagram> receive(Duration timeout);

    /** The local address (getsockname); empty while the socket has no port or is closed. */
    Optional<UdpAddress> localAddress();

    /** The peer (getpeername); empty while the socket is not connected. */
    Optional<UdpAddress> remoteAddress();

    /** Closes the socket; closing twice is harmless. (Not AutoCloseable: it returns a result.) */
    UdpResult<Void> close();
}
