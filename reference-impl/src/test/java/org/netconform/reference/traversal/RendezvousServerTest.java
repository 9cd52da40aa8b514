package org.netconform.reference.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RendezvousServerTest {
    private static final InetSocketAddress ALICE_PUBLIC = new InetSocketAddress("203.0.113.1", 40978);
    private static final InetSocketAddress BOB_PUBLIC = new InetSocketAddress("203.0.113.2", 46849);

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theServerRecordsTheSeenSourceAndIntroducesBothWithOneToken() {
        RendezvousServer server = new RendezvousServer(1);
        assertThat(server.handle(ALICE_PUBLIC, text("REGISTER alice 198.51.100.10:40000"))).isEmpty();
        assertThat(server.handle(BOB_PUBLIC, text("REGISTER bob 192.0.2.10:40001"))).isEmpty();
        assertThat(server.registration("alice").orElseThrow().publicCandidate()).isEqualTo(ALICE_PUBLIC);

        List<RendezvousServer.Outgoing> out = server.handle(ALICE_PUBLIC, text("CONNECT alice bob"));
        assertThat(out).extracting(RendezvousServer.Outgoing::to).containsExactly(ALICE_PUBLIC, BOB_PUBLIC);
        TraversalMessage toAlice = TraversalMessage.parse(out.get(0).data()).orElseThrow();
        TraversalMessage toBob = TraversalMessage.parse(out.get(1).data()).orElseThrow();
        assertThat(toAlice.toString()).startsWith("PEER bob ").endsWith(" 203.0.113.2:46849 192.0.2.10:40001");
        assertThat(toBob.toString()).startsWith("PEER alice ").endsWith(" 203.0.113.1:40978 198.51.100.10:40000");
        assertThat(toAlice.field(1)).isEqualTo(toBob.field(1)).isNotBlank();
    }

    @Test
    void aConnectFromAnotherSourceThanTheRegistrationIsRefused() {
        RendezvousServer server = new RendezvousServer(1);
        server.handle(ALICE_PUBLIC, text("REGISTER alice 198.51.100.10:40000"));
        server.handle(BOB_PUBLIC, text("REGISTER bob 192.0.2.10:40001"));
        assertThat(server.handle(BOB_PUBLIC, text("CONNECT alice bob"))).isEmpty();
    }

    @Test
    void twoPeersOnOneLoopbackLikeNetworkConnectAndIgnoreAStranger() throws Exception {
        List<String[]> wire = new ArrayList<>();
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 1);
        InetSocketAddress b = new InetSocketAddress("127.0.0.1", 2);
        UdpPeer alice = new UdpPeer("alice", socket(a, wire), UdpPeer.Options.defaults());
        UdpPeer bob = new UdpPeer("bob", socket(b, wire), UdpPeer.Options.defaults());
        InetSocketAddress rdv = new InetSocketAddress("127.0.0.1", 3);
        RendezvousServer server = new RendezvousServer(7);
        alice.register(rdv);
        bob.register(rdv);
        alice.connect("bob");
        for (int t = 0; t < 20 && !(alice.connected() && bob.connected()); t++) {
            alice.tick(t * 100L);
            bob.tick(t * 100L);
            while (!wire.isEmpty()) {
                String[] d = wire.remove(0);
                InetSocketAddress from = TraversalMessage.address(d[0]).orElseThrow();
                InetSocketAddress to = TraversalMessage.address(d[1]).orElseThrow();
                byte[] data = text(d[2]);
                if (to.equals(rdv)) {
                    for (RendezvousServer.Outgoing o : server.handle(from, data)) {
                        (o.to().equals(a) ? alice : bob).onDatagram(rdv, o.data(), t * 100L);
                    }
                } else {
                    (to.equals(a) ? alice : bob).onDatagram(from, data, t * 100L);
                }
            }
        }
        assertThat(alice.connected()).isTrue();
        assertThat(bob.connected()).isTrue();
        assertThat(alice.locked()).contains(b);
        alice.onDatagram(new InetSocketAddress("127.0.0.1", 9), text("PUNCH wrong-token bob"), 5000);
        assertThat(alice.locked()).contains(b);
        assertThat(alice.log()).anyMatch(l -> l.contains("not authenticated"));
    }

    private static PeerSocket socket(InetSocketAddress local, List<String[]> wire) {
        return new PeerSocket() {
            @Override
            public InetSocketAddress localAddress() {
                return local;
            }

            @Override
            public void send(InetSocketAddress to, byte[] data) {
                wire.add(new String[] {TraversalMessage.format(local), TraversalMessage.format(to),
                        new String(data, StandardCharsets.UTF_8)});
            }
        };
    }
}
