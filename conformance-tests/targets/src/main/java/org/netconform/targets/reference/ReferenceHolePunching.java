package org.netconform.targets.reference;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.netconform.reference.traversal.TcpPeer;
import org.netconform.reference.traversal.TcpPort;
import org.netconform.reference.traversal.RendezvousServer;
import org.netconform.reference.traversal.TraversalPeer;
import org.netconform.reference.traversal.UdpPeer;
import org.netconform.spi.traversal.HolePunchingAdapter;

/** The reference rendezvous server and UDP hole-punching peer ({@code org.netconform.reference.traversal}). */
public class ReferenceHolePunching implements HolePunchingAdapter {
    private final UdpPeer.Options options;

    public ReferenceHolePunching() {
        this(UdpPeer.Options.defaults());
    }

    /** With other peer options (the suite's self-tests break the peer this way). */
    public ReferenceHolePunching(UdpPeer.Options options) {
        this.options = options;
    }

    @Override
    public String description() {
        return "netconform reference rendezvous server and UDP hole-punching peer (" + options + ")";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(UDP, TCP, REVERSAL, REAL_SOCKETS);
    }

    @Override
    public Rendezvous rendezvous(long seed) {
        RendezvousServer server = new RendezvousServer(seed);
        return (from, data) -> server.handle(from, data).stream()
                .map(o -> new Rendezvous.Outgoing(o.to(), o.data())).toList();
    }

    @Override
    public Peer udpPeer(String id, HolePunchingAdapter.PeerSocket socket) {
        UdpPeer peer = new UdpPeer(id, new org.netconform.reference.traversal.PeerSocket() {
            @Override
            public InetSocketAddress localAddress() {
                return socket.localAddress();
            }

            @Override
            public void send(InetSocketAddress to, byte[] data) throws IOException {
                socket.send(to, data);
            }
        }, options);
        return new AsPeer(peer, peer::onDatagram, peer::sendData);
    }

    @Override
    public Peer tcpPeer(String id, TcpPeerPort port) {
        Map<TcpPeerPort.Stream, TcpPort.TcpStream> streams = new IdentityHashMap<>();
        java.util.function.Function<TcpPeerPort.Stream, TcpPort.TcpStream> wrap = s -> streams.computeIfAbsent(s,
                x -> new TcpPort.TcpStream() {
                    @Override
                    public InetSocketAddress remote() {
                        return x.remote();
                    }

                    @Override
                    public State state() {
                        return switch (x.state()) {
                            case "open" -> State.OPEN;
                            case "failed" -> State.FAILED;
                            default -> State.CONNECTING;
                        };
                    }

                    @Override
                    public void send(byte[] message) throws IOException {
                        x.send(message);
                    }

                    @Override
                    public Optional<byte[]> receive() throws IOException {
                        return x.receive();
                    }

                    @Override
                    public void close() {
                        x.close();
                    }
                });
        TcpPeer peer = new TcpPeer(id, new TcpPort() {
            @Override
            public InetSocketAddress localAddress() {
                return port.localAddress();
            }

            @Override
            public TcpStream connect(InetSocketAddress remote) throws IOException {
                return wrap.apply(port.connect(remote));
            }

            @Override
            public Optional<TcpStream> accept() throws IOException {
                return port.accept().map(wrap);
            }
        }, Duration.ofMillis(500));
        return new AsPeer(peer, (from, data, now) -> {
            throw new UnsupportedOperationException("a TCP peer takes no datagrams");
        }, (text, now) -> peer.sendData(text));
    }

    /** The spi's view of a reference peer: what both kinds share, plus how this kind takes datagrams and sends data. */
    private record AsPeer(TraversalPeer peer, DatagramIn datagrams, DataOut data) implements Peer {
        interface DatagramIn {
            void accept(InetSocketAddress from, byte[] data, long nowMillis) throws IOException;
        }

        interface DataOut {
            void send(String text, long nowMillis) throws IOException;
        }

        @Override
        public void register(InetSocketAddress server) throws IOException {
            peer.register(server);
        }

        @Override
        public void connect(String otherId) throws IOException {
            peer.connect(otherId);
        }

        @Override
        public void reverse(String otherId) throws IOException {
            peer.reverse(otherId);
        }

        @Override
        public void tick(long nowMillis) throws IOException {
            peer.tick(nowMillis);
        }

        @Override
        public void onDatagram(InetSocketAddress from, byte[] data, long nowMillis) throws IOException {
            datagrams.accept(from, data, nowMillis);
        }

        @Override
        public boolean connected() {
            return peer.connected();
        }

        @Override
        public Optional<InetSocketAddress> locked() {
            return peer.locked();
        }

        @Override
        public List<InetSocketAddress> candidates() {
            return peer.candidates();
        }

        @Override
        public void sendData(String text, long nowMillis) throws IOException {
            data.send(text, nowMillis);
        }

        @Override
        public List<String> received() {
            return peer.received();
        }

        @Override
        public List<String> log() {
            return peer.log();
        }
    }
}
