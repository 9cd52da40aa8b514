package org.netconform.reference.nat.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.netconform.reference.nat.Endpoint;

/**
 * A listening TCP socket. It answers a SYN with a SYN-ACK and queues the connection once established.
 * Connections from the same local endpoint may coexist with it (SO_REUSEADDR and SO_REUSEPORT, as TCP
 * hole punching needs).
 */
public final class TcpListener {
    private final Host host;
    private final Endpoint local;
    private final Deque<TcpConnection> accepted = new ArrayDeque<>();
    private final List<TcpConnection> everAccepted = new ArrayList<>();
    private boolean closed;

    TcpListener(Host host, Endpoint local) {
        this.host = host;
        this.local = local;
    }

    public Endpoint local() {
        return local;
    }

    /** The oldest established connection not yet accepted. */
    public Optional<TcpConnection> accept() {
        return Optional.ofNullable(accepted.pollFirst());
    }

    /** Every connection this listener has established, oldest first. */
    public List<TcpConnection> established() {
        return List.copyOf(everAccepted);
    }

    public void close() {
        if (!closed) {
            closed = true;
            host.unlisten(this);
        }
    }

    void established(TcpConnection c) {
        accepted.addLast(c);
        everAccepted.add(c);
    }

    @Override
    public String toString() {
        return "tcp listener " + local;
    }
}
