package org.netconform.reference.traversal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the reference rendezvous server and UDP peer in real time on {@link ChannelPeerSocket}s: the same
 * {@link RendezvousServer} and {@link UdpPeer} the virtual-time labs drive, ticked every 50 ms by the
 * wall clock.
 */
public final class RealTimeTraversal {
    private RealTimeTraversal() {
    }

    /** Serves until {@code until} has passed (or forever for a negative duration); prints each decision. */
    public static void serve(ChannelPeerSocket socket, RendezvousServer server, Duration until, Consumer<String> out)
            throws IOException {
        long end = until.isNegative() ? Long.MAX_VALUE : System.nanoTime() + until.toNanos();
        int logged = 0;
        while (System.nanoTime() < end) {
            Optional<ChannelPeerSocket.Received> r = socket.receive(Duration.ofMillis(100));
            if (r.isEmpty()) {
                continue;
            }
            for (RendezvousServer.Outgoing o : server.handle(r.get().from(), r.get().data())) {
                socket.send(o.to(), o.data());
            }
            var log = server.log();
            for (; logged < log.size(); logged++) {
                out.accept(log.get(logged));
            }
        }
    }

    /**
     * Registers, asks for {@code other} (or, with {@code reverse}, asks it to call back; with a null
     * {@code other}, waits to be introduced), punches, sends {@code message} once connected and returns
     * the first data received, or empty at the deadline.
     */
    public static Optional<String> punch(UdpPeer peer, ChannelPeerSocket socket, InetSocketAddress rendezvous,
                                         String other, boolean reverse, String message, Duration deadline,
                                         Consumer<String> out) throws IOException {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        peer.register(rendezvous);
        boolean asked = false;
        boolean sent = false;
        int logged = 0;
        while (System.nanoTime() < end) {
            long now = (System.nanoTime() - start) / 1_000_000;
            if (!asked && other != null && now >= 200) {
                if (reverse) {
                    peer.reverse(other);
                } else {
                    peer.connect(other);
                }
                asked = true;
            }
            peer.tick(now);
            Optional<ChannelPeerSocket.Received> r = socket.receive(Duration.ofMillis(50));
            if (r.isPresent()) {
                peer.onDatagram(r.get().from(), r.get().data(), (System.nanoTime() - start) / 1_000_000);
            }
            if (peer.connected() && !sent) {
                peer.sendData(message, now);
                sent = true;
            }
            var log = peer.log();
            for (; logged < log.size(); logged++) {
                out.accept(log.get(logged));
            }
            if (sent && !peer.received().isEmpty()) {
                // a little longer, so the other side gets our data even if its copy was the one lost
                long linger = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < linger) {
                    socket.receive(Duration.ofMillis(50)).ifPresent(x -> {
                        try {
                            peer.onDatagram(x.from(), x.data(), (System.nanoTime() - start) / 1_000_000);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
                return Optional.of(peer.received().get(0));
            }
        }
        return Optional.empty();
    }
}
