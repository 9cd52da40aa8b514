package org.netconform.spi.traversal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * A rendezvous server and UDP hole-punching peers at the {@code model} layer (spec/nat-traversal.md,
 * TRAV-*): the suite places them on its own network (the reference NATs in virtual time) and drives
 * them, handing each what its one socket receives and telling it the time. Nothing in a peer may read
 * another clock or open another socket. Capabilities: {@link #UDP} (punching), {@link #TCP} (TCP
 * punching from one port), {@link #REVERSAL} (connection reversal through the server),
 * {@link #REAL_SOCKETS} (the same server and peers also run behind real NATs, see there).
 */
public interface HolePunchingAdapter extends AreaAdapter {
    String UDP = "udp";
    String REVERSAL = "reversal";
    String TCP = "tcp";
    /**
     * The server and peers run unchanged on real sockets in a JVM of their own: the real-NAT suite starts
     * one JVM per peer (and one for the server) inside a network namespace, with its own classpath, finds
     * the target there by its id ({@code META-INF/services}) and drives this adapter with a wall clock.
     */
    String REAL_SOCKETS = "real-sockets";

    @Override
    default Layer layer() {
        return Layer.MODEL;
    }

    String description();

    /** A fresh rendezvous server; {@code seed} may make its session tokens. */
    Rendezvous rendezvous(long seed);

    /** A fresh UDP peer named {@code id} whose only socket is {@code socket}. */
    Peer udpPeer(String id, PeerSocket socket);

    /** A fresh TCP peer named {@code id} whose only local port is {@code port}; needs {@link #TCP}. */
    default Peer tcpPeer(String id, TcpPeerPort port) {
        throw new UnsupportedOperationException("no TCP peer");
    }

    /**
     * The one local TCP port the suite gives a TCP peer: connects from it and a listener on it at once
     * (SO_REUSEADDR). Not blocking: streams are polled. Messages are whole lines.
     */
    interface TcpPeerPort {
        InetSocketAddress localAddress();

        Stream connect(InetSocketAddress remote) throws IOException;

        Optional<Stream> accept() throws IOException;

        interface Stream {
            /** "connecting", "open" or "failed". */
            String state();

            InetSocketAddress remote();

            void send(byte[] message) throws IOException;

            Optional<byte[]> receive() throws IOException;

            void close();
        }
    }

    /** The socket the suite gives a peer or server. */
    interface PeerSocket {
        InetSocketAddress localAddress();

        void send(InetSocketAddress to, byte[] data) throws IOException;
    }

    /** A rendezvous server: what it sends for each datagram it receives. */
    interface Rendezvous {
        record Outgoing(InetSocketAddress to, byte[] data) {
        }

        List<Outgoing> handle(InetSocketAddress from, byte[] data);
    }

    /** A hole-punching peer, driven by the suite. */
    interface Peer {
        /** Registers with the server (from its socket). */
        void register(InetSocketAddress server) throws IOException;

        /** Asks the server to introduce it to {@code otherId}. */
        void connect(String otherId) throws IOException;

        /** Asks the server to have {@code otherId} connect back to it (connection reversal). */
        void reverse(String otherId) throws IOException;

        /** Time has come to {@code nowMillis}: punch, keep alive. */
        void tick(long nowMillis) throws IOException;

        void onDatagram(InetSocketAddress from, byte[] data, long nowMillis) throws IOException;

        boolean connected();

        /** The other's endpoint it talks to once connected. */
        Optional<InetSocketAddress> locked();

        /** The other's candidates as the server gave them. */
        List<InetSocketAddress> candidates();

        void sendData(String text, long nowMillis) throws IOException;

        List<String> received();

        /** What it did and why, for the report. */
        List<String> log();
    }
}
