package org.netconform.suites.traversal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.netconform.reference.nat.Endpoint;
import org.netconform.reference.nat.NatConfig;
import org.netconform.reference.nat.Payload;
import org.netconform.reference.nat.UdpDatagram;
import org.netconform.reference.nat.network.Host;
import org.netconform.reference.nat.network.NatDevice;
import org.netconform.reference.nat.network.UdpSocket;
import org.netconform.reference.nat.network.VirtualNetwork;
import org.netconform.reference.stun.Datagram;
import org.netconform.reference.stun.ServerAddresses;
import org.netconform.reference.stun.StunServerConfig;
import org.netconform.reference.stun.StunServerCore;
import org.netconform.spi.stun.DatagramTransport;

/**
 * A discovery client's world in virtual time: the client host inside a reference NAT of a known
 * configuration (or on the public side, without one), the reference RFC 5780 server on two public
 * addresses, everything on the reference virtual network. The NAT's configuration is the oracle a
 * verdict is compared with. Addresses are documentation ranges: inside 198.51.100.0/24, outside
 * 203.0.113.0/24.
 */
final class VirtualStunLab implements DatagramTransport {
    static final String CLIENT_INSIDE = "198.51.100.10";
    static final String CLIENT_PUBLIC = "203.0.113.50";
    static final InetSocketAddress PRIMARY = isa("203.0.113.100", 3478);
    static final InetSocketAddress ALTERNATE = isa("203.0.113.101", 3479);

    private final VirtualNetwork net = new VirtualNetwork(5780);
    private final Optional<NatDevice> nat;
    private final Host client;
    private final StunServerCore core = new StunServerCore(ServerAddresses.pair(PRIMARY, ALTERNATE),
            StunServerConfig.defaults());
    private final Map<InetSocketAddress, UdpSocket> serverSockets = new LinkedHashMap<>();
    private int nextPort = 40000;
    private int sent;

    /** @param config the NAT in front of the client; null puts the client on the public side */
    VirtualStunLab(NatConfig config) {
        if (config == null) {
            nat = Optional.empty();
            client = net.addHost("client", net.internet(), CLIENT_PUBLIC);
        } else {
            NatDevice n = net.addNat("nat", config, net.internet(), "198.51.100.1");
            nat = Optional.of(n);
            client = net.addHost("client", n.inside(), CLIENT_INSIDE);
        }
        Host server = net.addHost("stun", net.internet(), "203.0.113.100", "203.0.113.101");
        for (InetSocketAddress e : core.addresses().endpoints()) {
            serverSockets.put(e, server.udp(endpoint(e)));
        }
    }

    InetAddress clientAddress() {
        return isa(client.address(), 0).getAddress();
    }

    /** The event log and the NAT's table, for the report. */
    String log() {
        return net.log().render() + "\n" + net.describeTables();
    }

    int datagramsSent() {
        return sent;
    }

    private final class Socket implements DatagramSocket {
        final UdpSocket inner;

        Socket(UdpSocket inner) {
            this.inner = inner;
        }

        @Override
        public InetSocketAddress localAddress() {
            return isa(inner.local());
        }

        @Override
        public void send(InetSocketAddress to, byte[] data) {
            sent++;
            inner.send(endpoint(to), Payload.of(data));
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Override
    public DatagramSocket open(InetSocketAddress local) {
        if (!local.getAddress().isAnyLocalAddress() && !local.getAddress().getHostAddress().equals(client.address())) {
            throw new IllegalArgumentException("the client host has only " + client.address() + ", not " + local);
        }
        int port = local.getPort() == 0 ? nextPort++ : local.getPort();
        return new Socket(client.udp(new Endpoint(client.address(), port)));
    }

    @Override
    public Optional<Received> receive(Collection<? extends DatagramSocket> sockets, Duration timeout) {
        serve();
        Optional<Received> r = poll(sockets);
        if (r.isPresent()) {
            return r;
        }
        net.advance(timeout);
        serve();
        return poll(sockets);
    }

    @Override
    public long nowMillis() {
        return net.nowMillis();
    }

    private Optional<Received> poll(Collection<? extends DatagramSocket> sockets) {
        for (DatagramSocket s : sockets) {
            Optional<UdpDatagram> d = ((Socket) s).inner.receive();
            if (d.isPresent()) {
                return Optional.of(new Received(s, isa(d.get().source()), d.get().payload().bytes()));
            }
        }
        return Optional.empty();
    }

    /** The server answers everything that reached it (delivery is immediate, so one pass at a time). */
    private void serve() {
        boolean any = true;
        while (any) {
            any = false;
            for (Map.Entry<InetSocketAddress, UdpSocket> e : serverSockets.entrySet()) {
                Optional<UdpDatagram> d;
                while ((d = e.getValue().receive()).isPresent()) {
                    any = true;
                    Datagram in = new Datagram(isa(d.get().source()), e.getKey(), d.get().payload().bytes());
                    for (Datagram out : core.handle(in)) {
                        UdpSocket from = serverSockets.get(out.source());
                        if (from != null) {
                            from.send(endpoint(out.destination()), Payload.of(out.data()));
                        }
                    }
                }
            }
        }
    }

    static InetSocketAddress isa(String address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    static InetSocketAddress isa(Endpoint e) {
        return isa(e.address(), e.port());
    }

    static Endpoint endpoint(InetSocketAddress a) {
        return new Endpoint(a.getAddress().getHostAddress(), a.getPort());
    }
}
