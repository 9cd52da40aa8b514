package org.netconform.reference.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same rendezvous server and peers on real UDP sockets on loopback (no NAT: a smoke test of the real-time driver). */
class RealTimeTraversalTest {

    @Test
    void twoPeersMeetThroughTheServerOnLoopback() throws Exception {
        try (ChannelPeerSocket server = ChannelPeerSocket.open(new InetSocketAddress("127.0.0.1", 0));
             ChannelPeerSocket a = ChannelPeerSocket.open(new InetSocketAddress("127.0.0.1", 0));
             ChannelPeerSocket b = ChannelPeerSocket.open(new InetSocketAddress("127.0.0.1", 0))) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try {
                    RealTimeTraversal.serve(server, new RendezvousServer(3), Duration.ofSeconds(4), l -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            UdpPeer bob = new UdpPeer("bob", b, UdpPeer.Options.defaults());
            CompletableFuture<Optional<String>> bobGot = CompletableFuture.supplyAsync(() -> {
                try {
                    return RealTimeTraversal.punch(bob, b, server.localAddress(), null, false, "hi-alice",
                            Duration.ofSeconds(3), l -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            UdpPeer alice = new UdpPeer("alice", a, UdpPeer.Options.defaults());
            Optional<String> aliceGot = RealTimeTraversal.punch(alice, a, server.localAddress(), "bob", false, "hi-bob",
                    Duration.ofSeconds(3), l -> { });
            assertThat(aliceGot).contains("hi-alice");
            assertThat(bobGot.get(4, TimeUnit.SECONDS)).contains("hi-bob");
            assertThat(alice.locked()).contains(b.localAddress());
            serving.get(5, TimeUnit.SECONDS);
        }
    }
}
