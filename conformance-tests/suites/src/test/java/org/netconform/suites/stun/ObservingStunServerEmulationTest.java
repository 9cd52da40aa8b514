package org.netconform.suites.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netconform.reference.stun.ChangeRequest;
import org.netconform.reference.stun.RetransmissionPolicy;
import org.netconform.reference.stun.StunClient;
import org.netconform.reference.stun.StunMessage;
import org.netconform.reference.stun.StunTransport;
import org.netconform.reference.stun.TransactionId;
import org.netconform.reference.stun.UdpStunTransport;

/**
 * The NAT {@link ObservingStunServer} emulates behaves as each of the nine mapping x filtering behaviours
 * of RFC 4787 says, seen with plain Binding requests (no discovery client's logic in between): it is the
 * oracle of EmulatedNatDiscoveryScenarios, so a wrong cell there must not come from here.
 */
class ObservingStunServerEmulationTest {
    private static final RetransmissionPolicy SHORT = RetransmissionPolicy.within(Duration.ofMillis(400));

    @ParameterizedTest(name = "{0}+{1}")
    @CsvSource({"EIM, EIF", "EIM, ADF", "EIM, APDF", "ADM, EIF", "ADM, ADF", "ADM, APDF", "APDM, EIF", "APDM, ADF", "APDM, APDF"})
    void emulatesTheBehaviour(String mapping, String filtering) throws Exception {
        try (ObservingStunServer server = new ObservingStunServer(ObservingStunServer.Mode.nat(mapping, filtering));
             UdpStunTransport t = new UdpStunTransport()) {
            StunClient client = new StunClient(t, SHORT);
            InetSocketAddress p1 = server.addresses().primary();
            InetSocketAddress a2 = server.addresses().alternate().orElseThrow();
            InetSocketAddress a2p1 = new InetSocketAddress(a2.getAddress(), p1.getPort());

            // mapping: one internal port to three destinations (RFC 5780 §4.3 tests I, II, III)
            StunTransport.StunSocket s = open(t);
            InetSocketAddress m1 = ask(client, s, p1, ChangeRequest.NONE).orElseThrow();
            InetSocketAddress m2 = ask(client, s, a2p1, ChangeRequest.NONE).orElseThrow();
            InetSocketAddress m3 = ask(client, s, a2, ChangeRequest.NONE).orElseThrow();
            assertThat(m1.getAddress().getHostAddress()).isEqualTo(ObservingStunServer.EXTERNAL);
            assertThat(m1.getPort()).as("a new port for a new internal port").isNotEqualTo(s.localAddress().getPort());
            assertThat(m1.equals(m2)).as("the same mapping for another address: %s %s", m1, m2).isEqualTo(mapping.equals("EIM"));
            assertThat(m2.equals(m3)).as("the same mapping for another port of one address: %s %s", m2, m3)
                    .isEqualTo(!mapping.equals("APDM"));

            // filtering from a fresh port that has sent to P1:pp only (RFC 5780 §4.4 tests II and III)
            StunTransport.StunSocket f = open(t);
            assertThat(ask(client, f, p1, ChangeRequest.NONE)).isPresent();
            assertThat(ask(client, f, p1, ChangeRequest.BOTH).isPresent()).as("a response from A2:ap")
                    .isEqualTo(filtering.equals("EIF"));
            assertThat(ask(client, f, p1, ChangeRequest.PORT).isPresent()).as("a response from A1:ap")
                    .isEqualTo(!filtering.equals("APDF"));

            // the filter remembers where the port sent: after a request to A2:pp, A2:ap gets in under ADF too
            StunTransport.StunSocket g = open(t);
            assertThat(ask(client, g, a2p1, ChangeRequest.NONE)).isPresent();
            assertThat(ask(client, g, a2p1, ChangeRequest.PORT).isPresent()).as("a response from A2:ap after sending to A2:pp")
                    .isEqualTo(!filtering.equals("APDF"));
        }
    }

    private static StunTransport.StunSocket open(UdpStunTransport t) throws Exception {
        return t.open(new InetSocketAddress("127.0.0.1", 0));
    }

    private static Optional<InetSocketAddress> ask(StunClient client, StunTransport.StunSocket s, InetSocketAddress to,
                                                   ChangeRequest change) throws Exception {
        StunMessage m = StunMessage.bindingRequest(TransactionId.random());
        if (!change.equals(ChangeRequest.NONE)) {
            m = m.with(change.attribute());
        }
        return client.transact(s, to, m) instanceof StunClient.Response r && r.success() ? r.mapped() : Optional.empty();
    }
}
