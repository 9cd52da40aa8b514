package org.netconform.reference.stun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The little a STUN client needs of a network: UDP sockets on local ports, sending, receiving on any
 * of several sockets with a timeout, and the time. {@link UdpStunTransport} is this machine's kernel
 * in real time; an in-process network implements it in virtual time, where {@link #receive} advances
 * the clock to the next delivery or to the timeout instead of waiting. Clients written against it
 * ({@link StunClient}, {@link BehaviorDiscovery}) never read a clock or sleep otherwise, so they run
 * the same over both.
 *
 * <p>A transport is used by one thread at a time.
 */
public interface StunTransport extends AutoCloseable {

    /** A datagram and the socket it arrived at. */
    record Received(StunSocket socket, Datagram datagram) {
    }

    /** Opens a socket bound to {@code local}; port 0 picks a free port. */
    StunSocket open(InetSocketAddress local) throws IOException;

    /**
     * The next datagram that arrives at one of {@code sockets} within {@code timeout}, or empty. With no
     * sockets, waits the whole timeout. Datagrams for other sockets stay queued for them.
     */
    Optional<Received> receive(Collection<? extends StunSocket> sockets, Duration timeout) throws IOException;

    /** Milliseconds on this transport's clock (only differences mean anything). */
    long nowMillis();

    /** Lets {@code duration} pass. */
    default void sleep(Duration duration) throws IOException {
        receive(List.of(), duration);
    }

    /** Closes every socket still open. */
    @Override
    void close();

    /** One UDP socket of a {@link StunTransport}. */
    interface StunSocket extends AutoCloseable {
        InetSocketAddress localAddress();

        void send(InetSocketAddress to, byte[] datagram) throws IOException;

        @Override
        void close();
    }
}
