package org.netconform.reference.nat.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.netconform.reference.nat.Endpoint;
import org.netconform.reference.nat.IcmpError;
import org.netconform.reference.nat.Payload;
import org.netconform.reference.nat.UdpDatagram;

/**
 * A UDP socket bound at one endpoint of a host: it sends datagrams and queues those that arrive, and
 * the ICMP errors about what it sent, until read. Unconnected: it takes datagrams from anyone.
 */
public final class UdpSocket {
    private final Host host;
    private final Endpoint local;
    private final Deque<UdpDatagram> received = new ArrayDeque<>();
    private final Deque<IcmpError> errors = new ArrayDeque<>();
    private boolean closed;

    UdpSocket(Host host, Endpoint local) {
        this.host = host;
        this.local = local;
    }

    public Endpoint local() {
        return local;
    }

    public Host host() {
        return host;
    }

    /** Sends one datagram; returns everything it caused once the network is quiet. */
    public Transmission send(Endpoint to, Payload payload) {
        if (closed) {
            throw new IllegalStateException("socket " + local + " is closed");
        }
        return host.transmit(new UdpDatagram(local, to, payload));
    }

    public Transmission send(Endpoint to, String text) {
        return send(to, Payload.of(text));
    }

    /** The oldest datagram not yet read. */
    public Optional<UdpDatagram> receive() {
        return Optional.ofNullable(received.pollFirst());
    }

    /** Every datagram not yet read, oldest first, without reading them. */
    public List<UdpDatagram> pending() {
        return new ArrayList<>(received);
    }

    /** The oldest ICMP error not yet read. */
    public Optional<IcmpError> pollError() {
        return Optional.ofNullable(errors.pollFirst());
    }

    public List<IcmpError> pendingErrors() {
        return new ArrayList<>(errors);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Unbinds the port; datagrams to it are then answered with ICMP port unreachable. */
    public void close() {
        if (!closed) {
            closed = true;
            host.unbind(this);
        }
    }

    void deliver(UdpDatagram d) {
        received.addLast(d);
    }

    void deliver(IcmpError e) {
        errors.addLast(e);
    }

    @Override
    public String toString() {
        return "udp " + local;
    }
}
