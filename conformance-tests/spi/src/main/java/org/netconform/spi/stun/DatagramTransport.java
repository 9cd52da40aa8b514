package org.netconform.spi.stun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * A network the suite provides to a client under test at the {@code model} layer: UDP sockets on
 * local ports, sending, receiving on any of several sockets with a timeout, and a clock. The suite's
 * implementation is an in-process network in virtual time behind a NAT whose configuration it knows
 * (the oracle), so {@link #receive} moves the clock instead of waiting. A client run over it must
 * read no other clock and open no other socket.
 *
 * <p>Used by one thread at a time.
 */
public interface DatagramTransport {

    /** A datagram that arrived at {@code socket} from {@code source}. */
    record Received(DatagramSocket socket, InetSocketAddress source, byte[] data) {
    }

    /** Opens a socket bound to {@code local}; port 0 picks a free port. */
    DatagramSocket open(InetSocketAddress local) throws IOException;

    /** The next datagram for one of {@code sockets} within {@code timeout}, or empty (the time has passed then). */
    Optional<Received> receive(Collection<? extends DatagramSocket> sockets, Duration timeout) throws IOException;

    /** Milliseconds on the transport's clock. */
    long nowMillis();

    /** One UDP socket of a {@link DatagramTransport}. */
    interface DatagramSocket {
        InetSocketAddress localAddress();

        void send(InetSocketAddress to, byte[] data) throws IOException;

        void close();
    }
}
