package org.netconform.reference.traversal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One local TCP port used for everything at once (TRAV-TCP-1): the rendezvous connection, a listener
 * and any number of outbound connects, as SO_REUSEADDR (and SO_REUSEPORT) allow on a real system. Not
 * blocking: a connect returns a stream in {@link TcpStream.State#CONNECTING} that the caller polls, so
 * the same peer runs in virtual time and on real sockets.
 */
public interface TcpPort {
    InetSocketAddress localAddress();

    /** Starts a connect from this port to {@code remote}. */
    TcpStream connect(InetSocketAddress remote) throws IOException;

    /** A connection the listener on this port accepted, if one is waiting. */
    Optional<TcpStream> accept() throws IOException;

    /** One TCP connection; messages are whole lines. */
    interface TcpStream {
        enum State { CONNECTING, OPEN, FAILED }

        InetSocketAddress remote();

        State state();

        void send(byte[] message) throws IOException;

        Optional<byte[]> receive() throws IOException;

        void close();
    }
}
