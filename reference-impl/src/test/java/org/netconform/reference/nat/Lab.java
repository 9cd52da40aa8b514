package org.netconform.reference.nat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.netconform.reference.nat.network.Host;
import org.netconform.reference.nat.network.NatDevice;
import org.netconform.reference.nat.network.Transmission;
import org.netconform.reference.nat.network.UdpSocket;
import org.netconform.reference.nat.network.VirtualNetwork;

/**
 * The test topology: one NAT of a given config between two inside hosts (a, b) and, outside, an
 * RFC 5780 server with two addresses and another host. Small helpers keep scenarios short.
 */
final class Lab {
    static final String A = "198.51.100.10";
    static final String B = "198.51.100.11";
    static final String GATEWAY = "198.51.100.1";
    static final String SERVER = "203.0.113.100";
    static final String SERVER_ALT = "203.0.113.101";
    static final String OTHER = "203.0.113.200";
    static final String EXTERNAL = NatConfig.DEFAULT_EXTERNAL_ADDRESS;

    final VirtualNetwork net;
    final NatDevice nat;
    final Host a;
    final Host b;
    final Host server;
    final Host other;
    private int nonce;

    Lab(NatConfig config) {
        this(config, 7);
    }

    Lab(NatConfig config, long seed) {
        net = new VirtualNetwork(seed);
        nat = net.addNat("nat", config, net.internet(), GATEWAY);
        a = net.addHost("a", nat.inside(), A);
        b = net.addHost("b", nat.inside(), B);
        server = net.addHost("server", net.internet(), SERVER, SERVER_ALT);
        other = net.addHost("other", net.internet(), OTHER);
    }

    static Endpoint ep(String address, int port) {
        return Endpoint.of(address, port);
    }

    /** The socket at {@code local} on its host, bound on first use. */
    UdpSocket udp(Endpoint local) {
        Host h = hostOf(local.address());
        return h.udpSocketAt(local).orElseGet(() -> h.udp(local));
    }

    Host hostOf(String address) {
        for (String name : List.of("a", "b", "server", "other", "c")) {
            Host h = net.host(name).orElse(null);
            if (h != null && h.addresses().contains(address)) {
                return h;
            }
        }
        throw new IllegalArgumentException(address);
    }

    /** Sends a fresh payload from {@code from} to {@code to} (opening both sockets); the source the receiver saw. */
    Optional<Endpoint> send(Endpoint from, Endpoint to) {
        if (!nat.externalAddresses().contains(to.address())) {
            udp(to);
        }
        Payload p = Payload.of("p" + (++nonce));
        Transmission t = udp(from).send(to, p);
        return t.datagramWith(p).map(arr -> ((UdpDatagram) arr.packet()).source());
    }

    /** Where a fresh payload from {@code from} to {@code to} arrived (the receiving socket), if anywhere. */
    Optional<Endpoint> deliveredAt(Endpoint from, Endpoint to) {
        if (!nat.externalAddresses().contains(to.address())) {
            udp(to);
        }
        Payload p = Payload.of("p" + (++nonce));
        Transmission t = udp(from).send(to, p);
        return t.datagramWith(p).map(arr -> arr.at());
    }

    Transmission transmit(Endpoint from, Endpoint to) {
        return udp(from).send(to, Payload.of("p" + (++nonce)));
    }

    /** The external endpoint a sends from when it sends from {@code port} to the server's primary port 3478. */
    Endpoint mappedA(int port) {
        return send(ep(A, port), ep(SERVER, 3478)).orElseThrow();
    }

    void advance(Duration d) {
        net.advance(d);
    }

    void advanceMillis(long ms) {
        net.advance(Duration.ofMillis(ms));
    }

    List<MappingSnapshot> mappings() {
        return nat.mappings();
    }

    Optional<MappingSnapshot> mappingOf(Transport t, Endpoint internal) {
        return nat.mappings().stream().filter(m -> m.transport() == t && m.internal().equals(internal)).findFirst();
    }
}
