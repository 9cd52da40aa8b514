package org.netconform.reference.nat.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.netconform.reference.nat.Endpoint;
import org.netconform.reference.nat.IcmpError;
import org.netconform.reference.nat.IcmpType;
import org.netconform.reference.nat.Packet;
import org.netconform.reference.nat.TcpFlag;
import org.netconform.reference.nat.TcpSegment;
import org.netconform.reference.nat.Transport;
import org.netconform.reference.nat.UdpDatagram;

/**
 * A host in a realm, with one or more addresses (an RFC 5780 server has two). It answers what no
 * socket takes as a host's stack does: a datagram to a port with no socket with ICMP port unreachable,
 * a TCP segment nothing takes with RST (RFC 793), an ICMP error never.
 */
public final class Host {
    private record ConnectionKey(Endpoint local, Endpoint remote) {
    }

    private final VirtualNetwork network;
    private final String name;
    private final Realm realm;
    private final List<String> addresses;
    private final Map<Endpoint, UdpSocket> udp = new LinkedHashMap<>();
    private final Map<Endpoint, TcpListener> listeners = new LinkedHashMap<>();
    private final Map<ConnectionKey, TcpConnection> connections = new LinkedHashMap<>();

    Host(VirtualNetwork network, String name, Realm realm, List<String> addresses) {
        this.network = network;
        this.name = name;
        this.realm = realm;
        this.addresses = List.copyOf(addresses);
    }

    public String name() {
        return name;
    }

    public Realm realm() {
        return realm;
    }

    public List<String> addresses() {
        return addresses;
    }

    /** The first address. */
    public String address() {
        return addresses.get(0);
    }

    public Endpoint endpoint(int port) {
        return new Endpoint(address(), port);
    }

    /** Binds a UDP socket at {@code port} of the first address. */
    public UdpSocket udp(int port) {
        return udp(endpoint(port));
    }

    /** Binds a UDP socket at one of this host's endpoints. */
    public UdpSocket udp(Endpoint local) {
        requireOwn(local);
        if (udp.containsKey(local)) {
            throw new IllegalStateException("a UDP socket is already bound at " + local + " on " + name);
        }
        UdpSocket s = new UdpSocket(this, local);
        udp.put(local, s);
        return s;
    }

    public Optional<UdpSocket> udpSocketAt(Endpoint local) {
        return Optional.ofNullable(udp.get(local));
    }

    public TcpListener listen(int port) {
        return listen(endpoint(port));
    }

    /** Opens a TCP listener at one of this host's endpoints. */
    public TcpListener listen(Endpoint local) {
        requireOwn(local);
        if (listeners.containsKey(local)) {
            throw new IllegalStateException("a TCP listener is already open at " + local + " on " + name);
        }
        TcpListener l = new TcpListener(this, local);
        listeners.put(local, l);
        return l;
    }

    public Optional<TcpListener> listenerAt(Endpoint local) {
        return Optional.ofNullable(listeners.get(local));
    }

    /** A TCP connection from {@code local} to {@code remote}, not yet connected: call {@link TcpConnection#connect()}. */
    public TcpConnection tcp(Endpoint local, Endpoint remote) {
        requireOwn(local);
        ConnectionKey key = new ConnectionKey(local, remote);
        if (connections.containsKey(key)) {
            throw new IllegalStateException("a TCP connection " + local + " - " + remote + " is already open on " + name);
        }
        TcpConnection c = new TcpConnection(this, local, remote, null);
        connections.put(key, c);
        return c;
    }

    /** The open connection between these endpoints, as this host names them. */
    public Optional<TcpConnection> connection(Endpoint local, Endpoint remote) {
        return Optional.ofNullable(connections.get(new ConnectionKey(local, remote)));
    }

    /** Open connections, oldest first. */
    public List<TcpConnection> connections() {
        return List.copyOf(connections.values());
    }

    Transmission transmit(Packet packet) {
        return network.transmit(realm, packet, name);
    }

    void unbind(UdpSocket s) {
        udp.remove(s.local());
    }

    void unlisten(TcpListener l) {
        listeners.remove(l.local());
    }

    void forget(TcpConnection c) {
        connections.remove(new ConnectionKey(c.local(), c.remote()), c);
    }

    /** A packet for this host: hands it to a socket, or answers it; returns the answers to send. */
    List<Packet> receive(Packet packet, Consumer<Arrival> arrivals) {
        List<Packet> answers = new ArrayList<>();
        if (packet instanceof UdpDatagram d) {
            UdpSocket s = udp.get(d.destination());
            arrivals.accept(new Arrival(name, d.destination(), d, s != null));
            if (s != null) {
                s.deliver(d);
            } else {
                answers.add(IcmpError.about(d, d.destinationAddress(), IcmpType.PORT_UNREACHABLE));
            }
        } else if (packet instanceof TcpSegment seg) {
            receiveTcp(seg, arrivals, answers);
        } else if (packet instanceof IcmpError e) {
            receiveIcmp(e, arrivals);
        }
        return answers;
    }

    private void receiveTcp(TcpSegment seg, Consumer<Arrival> arrivals, List<Packet> answers) {
        TcpConnection c = connections.get(new ConnectionKey(seg.destination(), seg.source()));
        if (c != null && c.state() != TcpState.CLOSED) {
            arrivals.accept(new Arrival(name, seg.destination(), seg, true));
            answers.addAll(c.onSegment(seg));
            return;
        }
        TcpListener l = listeners.get(seg.destination());
        if (l != null && seg.isInitialSyn()) {
            arrivals.accept(new Arrival(name, seg.destination(), seg, true));
            TcpConnection accepted = new TcpConnection(this, seg.destination(), seg.source(), l);
            connections.put(new ConnectionKey(seg.destination(), seg.source()), accepted);
            answers.addAll(accepted.acceptSyn());
            return;
        }
        arrivals.accept(new Arrival(name, seg.destination(), seg, false));
        if (!seg.has(TcpFlag.RST)) {
            answers.add(seg.has(TcpFlag.ACK) ? TcpSegment.of(seg.destination(), seg.source(), TcpFlag.RST)
                    : TcpSegment.of(seg.destination(), seg.source(), TcpFlag.RST, TcpFlag.ACK));
        }
    }

    private void receiveIcmp(IcmpError e, Consumer<Arrival> arrivals) {
        Endpoint local = e.quoted().source();
        boolean taken = false;
        if (e.quoted().transport() == Transport.UDP) {
            UdpSocket s = udp.get(local);
            if (s != null) {
                s.deliver(e);
                taken = true;
            }
        } else {
            TcpConnection c = connections.get(new ConnectionKey(local, e.quoted().destination()));
            if (c != null) {
                c.onIcmp(e);
                taken = true;
            }
        }
        arrivals.accept(new Arrival(name, local, e, taken));
    }

    private void requireOwn(Endpoint local) {
        if (!addresses.contains(local.address())) {
            throw new IllegalArgumentException(local.address() + " is not an address of " + name);
        }
    }

    @Override
    public String toString() {
        return name + " " + addresses;
    }
}
