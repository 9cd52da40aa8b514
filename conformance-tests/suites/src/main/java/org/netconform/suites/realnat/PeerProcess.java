package org.netconform.suites.realnat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.netconform.harness.Targets;
import org.netconform.reference.traversal.ChannelPeerSocket;
import org.netconform.spi.Target;
import org.netconform.spi.traversal.HolePunchingAdapter;

/**
 * Runs one of a target's UDP hole-punching peers on a real socket, ticked by the wall clock every
 * 50 ms (in a lab namespace; see {@link LabJvm}):
 * {@code TARGET_ID ID LOCAL_ADDRESS LOCAL_PORT RENDEZVOUS_ADDRESS RENDEZVOUS_PORT SECONDS [connect|reverse OTHER]}.
 * Registers, asks for the other (or waits to be introduced), punches; once connected sends
 * {@code hello-from-ID} and, once the other's data came, lingers 500 ms so the other gets its copy.
 * Stops early when its input closes (the suite closes it once the other peer is done). Prints the
 * peer's log as {@code LOG} lines, then one {@code RESULT} line.
 */
public final class PeerProcess {
    private static final long TICK_MILLIS = 50;
    private static final long LINGER_MILLIS = 500;

    private static final java.util.concurrent.atomic.AtomicBoolean STOP = new java.util.concurrent.atomic.AtomicBoolean();

    private PeerProcess() {
    }

    static HolePunchingAdapter adapter(String targetId) {
        Target t = Targets.registered().get(targetId);
        if (t == null) {
            throw new IllegalArgumentException("no target '" + targetId + "' registered in this JVM");
        }
        return t.adapter(HolePunchingAdapter.class)
                .orElseThrow(() -> new IllegalArgumentException(targetId + " has no HolePunchingAdapter"));
    }

    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent on the input; only its end matters
                }
            } catch (IOException ignored) {
                // an input that fails has ended too
            }
            STOP.set(true);
        }, "stop-on-eof");
        watch.setDaemon(true);
        watch.start();
        HolePunchingAdapter adapter = adapter(args[0]);
        String id = args[1];
        InetSocketAddress rendezvous = new InetSocketAddress(args[4], Integer.parseInt(args[5]));
        long deadline = Duration.ofSeconds(Long.parseLong(args[6])).toMillis();
        String mode = args.length > 8 ? args[7] : null;
        String other = args.length > 8 ? args[8] : null;
        try (ChannelPeerSocket socket = ChannelPeerSocket.open(new InetSocketAddress(args[2], Integer.parseInt(args[3])))) {
            HolePunchingAdapter.Peer peer = adapter.udpPeer(id, new HolePunchingAdapter.PeerSocket() {
                @Override
                public InetSocketAddress localAddress() {
                    return socket.localAddress();
                }

                @Override
                public void send(InetSocketAddress to, byte[] data) throws IOException {
                    socket.send(to, data);
                }
            });
            run(peer, id, socket, rendezvous, mode, other, deadline);
            peer.log().forEach(l -> System.out.println("LOG " + l));
            System.out.println("RESULT connected=" + peer.connected() + " locked=" + peer.locked().map(PeerProcess::text).orElse("-")
                    + " candidates=" + peer.candidates().stream().map(PeerProcess::text).toList()
                    + " received=" + peer.received());
            System.out.flush();
        }
        System.exit(0);
    }

    private static void run(HolePunchingAdapter.Peer peer, String id, ChannelPeerSocket socket, InetSocketAddress rendezvous,
                            String mode, String other, long deadline) throws IOException {
        long start = System.nanoTime();
        peer.register(rendezvous);
        boolean asked = other == null;
        boolean sent = false;
        long doneAt = -1;
        long lastTick = -TICK_MILLIS;
        while (true) {
            long now = (System.nanoTime() - start) / 1_000_000;
            if (now >= deadline || STOP.get() || (doneAt >= 0 && now >= doneAt + LINGER_MILLIS)) {
                return;
            }
            // the other registered before this peer started; a short wait lets this registration land first
            if (!asked && now >= 200) {
                if (mode.equals("reverse")) {
                    peer.reverse(other);
                } else {
                    peer.connect(other);
                }
                asked = true;
            }
            if (now - lastTick >= TICK_MILLIS) {
                peer.tick(now);
                lastTick = now;
            }
            Optional<ChannelPeerSocket.Received> r = socket.receive(Duration.ofMillis(TICK_MILLIS / 2));
            if (r.isPresent()) {
                peer.onDatagram(r.get().from(), r.get().data(), (System.nanoTime() - start) / 1_000_000);
            }
            if (peer.connected() && !sent) {
                peer.sendData("hello-from-" + id, now);
                sent = true;
            }
            if (sent && doneAt < 0 && !peer.received().isEmpty()) {
                doneAt = now;
            }
        }
    }

    private static String text(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
