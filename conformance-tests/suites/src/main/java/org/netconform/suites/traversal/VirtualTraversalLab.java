package org.netconform.suites.traversal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import org.netconform.reference.nat.Endpoint;
import org.netconform.reference.nat.NatConfig;
import org.netconform.reference.nat.network.TcpConnection;
import org.netconform.reference.nat.network.TcpListener;
import org.netconform.reference.nat.network.TcpState;
import org.netconform.reference.nat.Payload;
import org.netconform.reference.nat.UdpDatagram;
import org.netconform.reference.nat.network.Host;
import org.netconform.reference.nat.network.NatDevice;
import org.netconform.reference.nat.network.NetworkEvent;
import org.netconform.reference.nat.network.UdpSocket;
import org.netconform.reference.nat.network.VirtualNetwork;
import org.netconform.spi.traversal.HolePunchingAdapter;

/**
 * Two peers and a rendezvous server on the reference virtual network, in virtual time: peers behind
 * two different reference NATs, behind one NAT, or one of them public. The lab gives each peer and
 * the server one UDP socket, hands them what arrives, ticks the peers together ({@code atOnce}, so
 * their punches cross in flight) every 100 ms, and keeps the log a cell of the matrix links to:
 * candidates, what each peer sent and why, what the NATs dropped, their tables.
 * Addresses: alice 198.51.100.10 behind 203.0.113.1, bob 192.0.2.10 behind 203.0.113.2 (or
 * 198.51.100.11 behind the same NAT), a public alice at 203.0.113.50, the server at 203.0.113.200:3478.
 */
final class VirtualTraversalLab {
    enum Layout { DIFFERENT_NATS, SAME_NAT, ALICE_PUBLIC }

    static final InetSocketAddress SERVER = VirtualStunLab.isa("203.0.113.200", 3478);
    static final Duration STEP = Duration.ofMillis(100);

    /** What a run achieved. */
    /** @param error what the peers threw, which ended the run early (null when they threw nothing) */
    record Outcome(boolean aliceConnected, boolean bobConnected, boolean dataBothWays, List<String> problems, String log,
                   String error) {
        boolean connected() {
            return aliceConnected && bobConnected && dataBothWays;
        }

        String word() {
            return connected() ? "yes" : aliceConnected || bobConnected ? "one-way" : "no";
        }
    }

    private final VirtualNetwork net = new VirtualNetwork(5128);
    private final HolePunchingAdapter.Rendezvous rendezvous;
    private final boolean tcp;
    private UdpSocket serverSocket;
    private UdpSocket aliceSocket;
    private UdpSocket bobSocket;
    private TcpListener serverListener;
    private final List<TcpConnection> serverConnections = new ArrayList<>();
    private Endpoint alicePort;
    private Endpoint bobPort;
    private final HolePunchingAdapter.Peer alice;
    private final HolePunchingAdapter.Peer bob;
    private final Map<String, InetSocketAddress> registeredFrom = new LinkedHashMap<>();
    private UdpSocket stranger;

    VirtualTraversalLab(HolePunchingAdapter adapter, Layout layout, NatConfig a, NatConfig b) {
        this(adapter, layout, a, b, false);
    }

    /** @param tcp TCP peers (each on one port with a listener) and a TCP rendezvous server */
    VirtualTraversalLab(HolePunchingAdapter adapter, Layout layout, NatConfig a, NatConfig b, boolean tcp) {
        this.tcp = tcp;
        Host server = net.addHost("rendezvous", net.internet(), "203.0.113.200");
        if (tcp) {
            serverListener = server.listen(3478);
        } else {
            serverSocket = server.udp(3478);
        }
        rendezvous = adapter.rendezvous(5128);
        Host hostA;
        Host hostB;
        switch (layout) {
            case DIFFERENT_NATS -> {
                NatDevice natA = net.addNat("nat-a", a.toBuilder().externalAddresses("203.0.113.1").build(), net.internet(), "198.51.100.1");
                NatDevice natB = net.addNat("nat-b", b.toBuilder().externalAddresses("203.0.113.2").build(), net.internet(), "192.0.2.1");
                hostA = net.addHost("alice", natA.inside(), "198.51.100.10");
                hostB = net.addHost("bob", natB.inside(), "192.0.2.10");
            }
            case SAME_NAT -> {
                NatDevice nat = net.addNat("nat", a.toBuilder().externalAddresses("203.0.113.1").build(), net.internet(), "198.51.100.1");
                hostA = net.addHost("alice", nat.inside(), "198.51.100.10");
                hostB = net.addHost("bob", nat.inside(), "198.51.100.11");
            }
            default -> {
                NatDevice natB = net.addNat("nat-b", b.toBuilder().externalAddresses("203.0.113.2").build(), net.internet(), "192.0.2.1");
                hostA = net.addHost("alice", net.internet(), "203.0.113.50");
                hostB = net.addHost("bob", natB.inside(), "192.0.2.10");
            }
        }
        if (tcp) {
            alicePort = hostA.endpoint(40000);
            bobPort = hostB.endpoint(40001);
            alice = adapter.tcpPeer("alice", new VirtualTcpPort(hostA, alicePort));
            bob = adapter.tcpPeer("bob", new VirtualTcpPort(hostB, bobPort));
        } else {
            aliceSocket = hostA.udp(40000);
            bobSocket = hostB.udp(40001);
            alice = adapter.udpPeer("alice", socket(aliceSocket));
            bob = adapter.udpPeer("bob", socket(bobSocket));
        }
    }

    /**
     * A stranger at 203.0.113.66:40000 that, once alice has been introduced, sends alice's public
     * candidate a forged answer and a forged punch in bob's name without the session token (UDP only).
     */
    VirtualTraversalLab withStranger() {
        stranger = net.addHost("stranger", net.internet(), "203.0.113.66").udp(40000);
        return this;
    }

    static final InetSocketAddress STRANGER = VirtualStunLab.isa("203.0.113.66", 40000);

    HolePunchingAdapter.Peer alice() {
        return alice;
    }

    HolePunchingAdapter.Peer bob() {
        return bob;
    }

    InetSocketAddress alicePrivate() {
        return VirtualStunLab.isa(tcp ? alicePort : aliceSocket.local());
    }

    InetSocketAddress bobPrivate() {
        return VirtualStunLab.isa(tcp ? bobPort : bobSocket.local());
    }

    /** Where the server saw each peer's registration come from (its public candidate). */
    Optional<InetSocketAddress> registeredFrom(String id) {
        return Optional.ofNullable(registeredFrom.get(id));
    }

    private HolePunchingAdapter.PeerSocket socket(UdpSocket s) {
        return new HolePunchingAdapter.PeerSocket() {
            @Override
            public InetSocketAddress localAddress() {
                return VirtualStunLab.isa(s.local());
            }

            @Override
            public void send(InetSocketAddress to, byte[] data) {
                s.send(VirtualStunLab.endpoint(to), Payload.of(data));
            }
        };
    }

    /**
     * Registers both, has alice ask for bob (or for a call back), punches for up to {@code punchFor},
     * stays idle {@code idle} (peers ticked every second), then sends data both ways.
     */
    Outcome run(boolean reversal, Duration punchFor, Duration idle) {
        List<String> problems = new ArrayList<>();
        try {
            alice.register(SERVER);
            pump();
            bob.register(SERVER);
            pump();
            if (reversal) {
                alice.reverse("bob");
            } else {
                alice.connect("bob");
            }
            pump();
            if (stranger != null && registeredFrom.containsKey("alice")) {
                Endpoint to = VirtualStunLab.endpoint(registeredFrom.get("alice"));
                stranger.send(to, Payload.of("ACK forged-token bob 0"));
                stranger.send(to, Payload.of("PUNCH forged-token bob"));
                stranger.send(to, Payload.of("DATA forged-token bob forged-data"));
                pump();
            }
            for (long t = 0; t <= punchFor.toMillis(); t += STEP.toMillis()) {
                tickBoth();
                if (alice.connected() && bob.connected()) {
                    break;
                }
                net.advance(STEP);
            }
            for (long t = 0; t < idle.toMillis(); t += 1000) {
                net.advance(Duration.ofSeconds(1));
                tickBoth();
            }
            boolean data = false;
            if (alice.locked().isPresent() && bob.locked().isPresent()) {
                alice.sendData("hello-from-alice", net.nowMillis());
                pump();
                bob.sendData("hello-from-bob", net.nowMillis());
                pump();
                data = bob.received().contains("hello-from-alice") && alice.received().contains("hello-from-bob");
                if (!data) {
                    problems.add("data after " + idle.toSeconds() + " s idle: bob got " + bob.received() + ", alice got " + alice.received());
                }
            }
            return new Outcome(alice.connected(), bob.connected(), data, problems, log(), null);
        } catch (IOException | RuntimeException e) {
            problems.add("the peers threw " + e);
            return new Outcome(alice.connected(), bob.connected(), false, problems, log(), e.toString());
        }
    }

    private void tickBoth() {
        long now = net.nowMillis();
        net.atOnce(() -> {
            try {
                alice.tick(now);
                bob.tick(now);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        pump();
    }

    /** Hands every datagram waiting at a socket to its owner, until none waits. */
    private void pump() {
        if (tcp) {
            for (int i = 0; i < 4; i++) {
                serveTcp();
                try {
                    alice.tick(net.nowMillis());
                    bob.tick(net.nowMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return;
        }
        boolean any = true;
        int rounds = 0;
        while (any && rounds++ < 10_000) {
            any = false;
            Optional<UdpDatagram> d;
            while ((d = serverSocket.receive()).isPresent()) {
                any = true;
                InetSocketAddress from = VirtualStunLab.isa(d.get().source());
                String text = d.get().payload().text();
                if (text.startsWith("REGISTER ")) {
                    registeredFrom.put(text.split(" ")[1], from);
                }
                for (HolePunchingAdapter.Rendezvous.Outgoing o : rendezvous.handle(from, d.get().payload().bytes())) {
                    serverSocket.send(VirtualStunLab.endpoint(o.to()), Payload.of(o.data()));
                }
            }
            any |= deliver(aliceSocket, alice);
            any |= deliver(bobSocket, bob);
        }
    }

    /** The TCP rendezvous server: accepts, reads whole lines, answers over the connection to the named peer. */
    private void serveTcp() {
        Optional<TcpConnection> c;
        while ((c = serverListener.accept()).isPresent()) {
            serverConnections.add(c.get());
        }
        for (TcpConnection conn : List.copyOf(serverConnections)) {
            Optional<Payload> p;
            while ((p = conn.receive()).isPresent()) {
                InetSocketAddress from = VirtualStunLab.isa(conn.remote());
                for (String line : p.get().text().split("\n")) {
                    if (line.startsWith("REGISTER ")) {
                        registeredFrom.put(line.split(" ")[1], from);
                    }
                    for (HolePunchingAdapter.Rendezvous.Outgoing o : rendezvous.handle(from, line.getBytes(StandardCharsets.UTF_8))) {
                        serverConnections.stream().filter(x -> VirtualStunLab.isa(x.remote()).equals(o.to())
                                        && x.state() == TcpState.ESTABLISHED)
                                .findFirst().ifPresent(x -> x.send(Payload.of(o.data())));
                    }
                }
            }
        }
    }

    /** One local port of a virtual host: a listener on it, connects from it (SO_REUSEADDR). */
    private static final class VirtualTcpPort implements HolePunchingAdapter.TcpPeerPort {
        private final Host host;
        private final Endpoint local;
        private final TcpListener listener;

        VirtualTcpPort(Host host, Endpoint local) {
            this.host = host;
            this.local = local;
            this.listener = host.listen(local);
        }

        @Override
        public InetSocketAddress localAddress() {
            return VirtualStunLab.isa(local);
        }

        @Override
        public Stream connect(InetSocketAddress remote) throws IOException {
            if (host.connection(local, VirtualStunLab.endpoint(remote)).isPresent()) {
                throw new IOException("EADDRINUSE: a connection " + local + " - " + remote + " exists");
            }
            TcpConnection c = host.tcp(local, VirtualStunLab.endpoint(remote));
            c.connect();
            return stream(c);
        }

        @Override
        public Optional<Stream> accept() {
            return listener.accept().map(VirtualTcpPort::stream);
        }

        private static Stream stream(TcpConnection c) {
            return new Stream() {
                @Override
                public String state() {
                    return c.state() == TcpState.ESTABLISHED ? "open" : c.state().isOver() ? "failed" : "connecting";
                }

                @Override
                public InetSocketAddress remote() {
                    return VirtualStunLab.isa(c.remote());
                }

                @Override
                public void send(byte[] message) {
                    c.send(Payload.of(message));
                }

                @Override
                public Optional<byte[]> receive() {
                    return c.receive().map(Payload::bytes);
                }

                @Override
                public void close() {
                    c.close();
                }
            };
        }
    }

    private boolean deliver(UdpSocket s, HolePunchingAdapter.Peer peer) {
        boolean any = false;
        Optional<UdpDatagram> d;
        while ((d = s.receive()).isPresent()) {
            any = true;
            try {
                peer.onDatagram(VirtualStunLab.isa(d.get().source()), d.get().payload().bytes(), net.nowMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return any;
    }

    /** The cell's log: what each peer did, what the NATs dropped, their tables. */
    String log() {
        StringBuilder b = new StringBuilder();
        b.append("alice: candidates of bob ").append(alice.candidates()).append(", locked ").append(alice.locked()).append('\n');
        alice.log().stream().limit(25).forEach(l -> b.append("  alice ").append(l).append('\n'));
        b.append("bob: candidates of alice ").append(bob.candidates()).append(", locked ").append(bob.locked()).append('\n');
        bob.log().stream().limit(25).forEach(l -> b.append("  bob ").append(l).append('\n'));
        int drops = 0;
        for (NetworkEvent e : net.log().events()) {
            String s = e.toString();
            if (s.contains("drop") || s.contains("filter")) {
                if (drops++ < 20) {
                    b.append("  net ").append(s).append('\n');
                }
            }
        }
        b.append("  (").append(drops).append(" drops in all)\n");
        b.append(net.describeTables());
        return b.toString();
    }
}
