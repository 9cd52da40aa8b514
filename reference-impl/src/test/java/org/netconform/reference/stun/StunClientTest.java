package org.netconform.reference.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StunClientTest {

    @Test
    void theRfcScheduleInVirtualTime() {
        assertThat(RetransmissionPolicy.RFC8489.sendTimes()).extracting(Duration::toMillis)
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(RetransmissionPolicy.RFC8489.giveUpAfter()).isEqualTo(Duration.ofMillis(39500));
        VirtualStunNetwork net = new VirtualStunNetwork(null);
        StunTransport.StunSocket s = net.open(new InetSocketAddress(VirtualStunNetwork.INSIDE, 0));
        StunClient client = new StunClient(net, RetransmissionPolicy.RFC8489);
        StunClient.Outcome o = transactWith(client, s, new InetSocketAddress(VirtualStunNetwork.S1, 3478));
        assertThat(o).isEqualTo(new StunClient.Timeout(7));
        assertThat(net.nowMillis()).isEqualTo(39500);
        // the same octets every time
        assertThat(net.sent()).hasSize(7).extracting(d -> java.util.HexFormat.of().formatHex(d.data())).containsOnly(
                java.util.HexFormat.of().formatHex(net.sent().get(0).data()));
    }

    @Test
    void shortenedSchedulesKeepTheRto() {
        RetransmissionPolicy p = RetransmissionPolicy.within(Duration.ofSeconds(4));
        assertThat(p.rto()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.giveUpAfter()).isLessThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(p.sendTimes()).extracting(Duration::toMillis).containsExactly(0L, 500L, 1500L, 3500L);
    }

    @Test
    void ignoresResponsesOfOtherTransactionsAndTakesTheRightOne() {
        ServerAddresses server = VirtualStunNetwork.twoAddresses();
        StunServerCore core = new StunServerCore(server, StunServerConfig.defaults());
        // a server that first sends a forged response with another transaction ID and a wrong address
        StunDatagramHandler forging = d -> {
            StunMessage forged = new StunMessage(MessageType.BINDING, StunClass.SUCCESS, TransactionId.random(),
                    List.of(Attributes.xorMapped(new InetSocketAddress("192.0.2.9", 9), TransactionId.random())));
            Datagram f = new Datagram(d.destination(), d.source(), StunCodec.encode(forged));
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(f), core.handle(d).stream()).toList();
        };
        VirtualStunNetwork net = new VirtualStunNetwork(null).host(server, forging);
        StunTransport.StunSocket s = net.open(new InetSocketAddress(VirtualStunNetwork.INSIDE, 0));
        StunClient.Outcome o = transactWith(new StunClient(net, RetransmissionPolicy.RFC8489), s, server.primary());
        assertThat(o).isInstanceOfSatisfying(StunClient.Response.class, r -> {
            assertThat(r.mapped()).contains(s.localAddress());
            assertThat(r.transmissions()).isEqualTo(1);
        });
    }

    @Test
    void aSuccessWithAnUnknownRequiredAttributeFailsTheTransaction() {
        ServerAddresses server = VirtualStunNetwork.twoAddresses();
        StunDatagramHandler odd = d -> {
            StunMessage req = ((StunCodec.Parsed) StunCodec.parse(d.data())).message();
            StunMessage r = new StunMessage(MessageType.BINDING, StunClass.SUCCESS, req.transactionId(),
                    List.of(Attributes.xorMapped(d.source(), req.transactionId()), new StunAttribute(0x7EEE, new byte[4])));
            return List.of(new Datagram(d.destination(), d.source(), StunCodec.encode(r)));
        };
        VirtualStunNetwork net = new VirtualStunNetwork(null).host(server, odd);
        StunTransport.StunSocket s = net.open(new InetSocketAddress(VirtualStunNetwork.INSIDE, 0));
        assertThat(transactWith(new StunClient(net, RetransmissionPolicy.RFC8489), s, server.primary()))
                .isInstanceOf(StunClient.Failed.class);
    }

    private static StunClient.Outcome transactWith(StunClient client, StunTransport.StunSocket s, InetSocketAddress to) {
        try {
            return client.transact(s, to, StunMessage.bindingRequest(TransactionId.random()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
