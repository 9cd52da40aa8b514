package org.netconform.suites.traversal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netconform.spi.traversal.HolePunchingAdapter.TcpPeerPort.Stream;

/**
 * What a TCP peer did with the one port the suite gave it, in virtual time: every connect (where to, when, and
 * the stream, whose state the judge reads later) and every poll of the listener. The port is the peer's only
 * way to the network, so this is the whole of its TCP behaviour (TRAV-TCP-1, TRAV-TCP-2).
 */
final class TcpPortRecord {
    record Connect(long atMillis, InetSocketAddress remote, Stream stream) {
    }

    private final List<Connect> connects = new ArrayList<>();
    private final List<Long> acceptPolls = new ArrayList<>();
    private final List<InetSocketAddress> accepted = new ArrayList<>();

    synchronized void connected(long atMillis, InetSocketAddress remote, Stream stream) {
        connects.add(new Connect(atMillis, remote, stream));
    }

    synchronized void acceptPolled(long atMillis, Optional<Stream> got) {
        acceptPolls.add(atMillis);
        got.ifPresent(s -> accepted.add(s.remote()));
    }

    synchronized List<Connect> connects() {
        return List.copyOf(connects);
    }

    /** Connects to {@code remote}, in order. */
    synchronized List<Connect> connectsTo(InetSocketAddress remote) {
        return connects.stream().filter(c -> c.remote().equals(remote)).toList();
    }

    /** Whether the listener was polled at or after {@code fromMillis} (the peer listened while it punched). */
    synchronized boolean listenedFrom(long fromMillis) {
        return acceptPolls.stream().anyMatch(t -> t >= fromMillis);
    }

    synchronized List<InetSocketAddress> accepted() {
        return List.copyOf(accepted);
    }

    /** One line per call, for the wire log. */
    synchronized String describe() {
        StringBuilder b = new StringBuilder();
        for (Connect c : connects) {
            b.append("  t=").append(c.atMillis()).append(" ms connect to ").append(c.remote()).append(" -> ")
                    .append(c.stream().state()).append('\n');
        }
        b.append("  listener polled ").append(acceptPolls.size()).append(" times")
                .append(acceptPolls.isEmpty() ? "" : ", last at t=" + acceptPolls.get(acceptPolls.size() - 1) + " ms")
                .append("; accepted ").append(accepted).append('\n');
        return b.toString();
    }
}
