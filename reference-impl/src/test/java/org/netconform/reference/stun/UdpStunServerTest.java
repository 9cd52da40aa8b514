package org.netconform.reference.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The same server core and discovery client on real sockets over loopback (127.0.0.1 and 127.0.0.2). */
class UdpStunServerTest {

    @Test
    void discoveryOnLoopbackFindsNoNat() throws Exception {
        ServerAddresses wanted = ServerAddresses.pair(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.2", 0));
        try (UdpStunServer server = UdpStunServer.start(wanted, StunServerConfig.defaults());
             UdpStunTransport transport = new UdpStunTransport()) {
            ServerAddresses at = server.addresses();
            assertThat(at.primary().getPort()).isPositive().isNotEqualTo(at.alternate().get().getPort());
            DiscoveryOptions options = DiscoveryOptions.defaults(InetAddress.getByName("127.0.0.1"))
                    .withTests(EnumSet.allOf(DiscoveryOptions.Test.class))
                    .withPolicy(RetransmissionPolicy.within(Duration.ofSeconds(2)))
                    .withLifetime(Duration.ofMillis(300), Duration.ofMillis(100));
            DiscoveryReport r = new BehaviorDiscovery(transport, options).run(at.primary());
            assertThat(r.summary()).as(String.join("\n", r.transcript())).isEqualTo(
                    "no-nat / EIF, hairpinning, binding lifetime at least 300 ms");
        }
    }

    @Test
    void responsesLeaveFromTheEndpointChangeRequestNames() throws Exception {
        ServerAddresses wanted = ServerAddresses.pair(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.2", 0));
        try (UdpStunServer server = UdpStunServer.start(wanted, StunServerConfig.defaults());
             UdpStunTransport transport = new UdpStunTransport()) {
            StunTransport.StunSocket s = transport.open(new InetSocketAddress("127.0.0.1", 0));
            StunClient client = new StunClient(transport, RetransmissionPolicy.within(Duration.ofSeconds(2)));
            StunClient.Outcome o = client.transact(s, server.addresses().primary(),
                    StunMessage.bindingRequest(TransactionId.random(), ChangeRequest.BOTH.attribute()));
            assertThat(o).isInstanceOfSatisfying(StunClient.Response.class,
                    r -> assertThat(r.datagram().source()).isEqualTo(server.addresses().alternate().get()));
        }
    }
}
