package org.netconform.suites.realnat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.netconform.reference.traversal.ChannelPeerSocket;
import org.netconform.spi.traversal.HolePunchingAdapter;

/**
 * Runs a target's rendezvous server on a real socket (in a lab namespace; see {@link LabJvm}):
 * {@code TARGET_ID ADDRESS PORT SECONDS}. Prints {@code READY}, then for every registration the source it
 * came from ({@code REGISTERED id host:port}: the suite's own observation of the public candidate, as
 * the virtual lab keeps it), and serves until the time is up.
 */
public final class RendezvousProcess {
    private RendezvousProcess() {
    }

    public static void main(String[] args) throws Exception {
        HolePunchingAdapter adapter = PeerProcess.adapter(args[0]);
        HolePunchingAdapter.Rendezvous server = adapter.rendezvous(5128);
        long end = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
        try (ChannelPeerSocket socket = ChannelPeerSocket.open(new InetSocketAddress(args[1], Integer.parseInt(args[2])))) {
            System.out.println("READY");
            System.out.flush();
            while (System.nanoTime() < end) {
                Optional<ChannelPeerSocket.Received> r = socket.receive(Duration.ofMillis(100));
                if (r.isEmpty()) {
                    continue;
                }
                String text = new String(r.get().data(), StandardCharsets.UTF_8);
                if (text.startsWith("REGISTER ")) {
                    InetSocketAddress from = r.get().from();
                    System.out.println("REGISTERED " + text.split(" ")[1] + " " + from.getAddress().getHostAddress() + ":" + from.getPort());
                    System.out.flush();
                }
                for (HolePunchingAdapter.Rendezvous.Outgoing o : server.handle(r.get().from(), r.get().data())) {
                    socket.send(o.to(), o.data());
                }
            }
        }
        // Targets may have started threads of their own
        System.exit(0);
    }
}
