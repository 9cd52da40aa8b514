package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.EXTERNAL;
import static org.netconform.reference.nat.Lab.OTHER;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.ep;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netconform.reference.nat.network.TcpConnection;
import org.netconform.reference.nat.network.TcpState;
import org.netconform.reference.nat.network.Transmission;
import org.netconform.reference.nat.network.UdpSocket;

/** The virtual network itself: hosts' answers, routing, the log, determinism. */
class VirtualNetworkTest {

    @Test
    void aDatagramToAClosedPortIsAnsweredWithPortUnreachable() {
        Lab lab = new Lab(NatConfig.defaults());

        Transmission t = lab.udp(ep(OTHER, 1)).send(ep(SERVER, 9), Payload.of("x"));

        assertThat(t.arrivals()).extracting(a -> a.host() + " " + a.accepted()).containsExactly("server false", "other true");
        assertThat(t.icmpErrorsAt(ep(OTHER, 1))).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(IcmpType.PORT_UNREACHABLE));
    }

    @Test
    void aSynToAClosedPortIsAnsweredWithRst() {
        Lab lab = new Lab(NatConfig.defaults());
        TcpConnection c = lab.other.tcp(ep(OTHER, 1), ep(SERVER, 80));

        c.connect();

        assertThat(c.state()).isEqualTo(TcpState.RESET);
    }

    @Test
    void packetsToNowhereAreDroppedWithTheReason() {
        Lab lab = new Lab(NatConfig.defaults());

        Transmission t = lab.transmit(ep(OTHER, 1), ep("192.0.2.99", 9));

        assertThat(t.arrivals()).isEmpty();
        assertThat(t.events()).last().satisfies(e -> {
            assertThat(e.node()).isEqualTo("internet");
            assertThat(e.text()).contains("no host 192.0.2.99");
        });
    }

    @Test
    void aSocketQueuesWhatArrivesUntilRead() {
        Lab lab = new Lab(NatConfig.defaults());
        UdpSocket server = lab.udp(ep(SERVER, 3478));
        lab.udp(ep(A, 40000)).send(ep(SERVER, 3478), Payload.of("one"));
        lab.udp(ep(A, 40000)).send(ep(SERVER, 3478), Payload.of("two"));

        assertThat(server.receive().orElseThrow().payload().text()).isEqualTo("one");
        assertThat(server.receive().orElseThrow().source()).isEqualTo(ep(EXTERNAL, 40000));
        assertThat(server.receive()).isEmpty();
    }

    @Test
    void addressesAreUniqueWithinARealm() {
        Lab lab = new Lab(NatConfig.defaults());

        assertThatThrownBy(() -> lab.net.addHost("twin", lab.net.internet(), SERVER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lab.net.addHost("nat-twin", lab.net.internet(), EXTERNAL))
                .isInstanceOf(IllegalArgumentException.class);
        lab.a.udp(ep(A, 5));
        assertThatThrownBy(() -> lab.a.udp(ep(A, 5))).as("one socket per endpoint").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> lab.a.udp(ep(SERVER, 5))).as("own addresses only")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameScenarioGivesTheSameLog() {
        assertThat(scenarioLog(3)).isEqualTo(scenarioLog(3));
        assertThat(scenarioLog(3)).isNotEqualTo(scenarioLog(4)); // random ports differ with the seed
    }

    private static String scenarioLog(long seed) {
        Lab lab = new Lab(NatPreset.SYMMETRIC.config(), seed);
        for (int i = 0; i < 5; i++) {
            lab.send(ep(A, 40000), ep(SERVER, 3478 + i));
            lab.advance(Duration.ofSeconds(30));
        }
        lab.other.tcp(ep(OTHER, 1), ep(EXTERNAL, 40000)).connect();
        lab.advance(Duration.ofMinutes(10));
        return lab.net.log().render() + lab.net.describeTables();
    }
}
