package org.netconform.adapters.usermodenat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.TcpOutcome;

/**
 * What each user-mode NAT was measured to do (docs/nat-usermode.md), kept as checks so that a new release
 * of either, or a change to the lab, that alters it is noticed here before the suite's verdicts move.
 * Timers (minutes) are measured by hand, not here.
 */
@Tag("netns")
class ObservedBehaviourTest {
    static final NatEndpoint PRIMARY = NatEndpoint.of("203.0.113.100", 3478);
    static final NatEndpoint ALTERNATE = NatEndpoint.of("203.0.113.101", 3478);
    static final NatEndpoint ALTERNATE_PORT = NatEndpoint.of("203.0.113.101", 3479);
    static final NatEndpoint OTHER = NatEndpoint.of("203.0.113.200", 5000);

    @Test
    void slirp4netnsIsEndpointIndependentBothWaysHairpinsAndPassesIcmp() {
        // (a TCP connect to a closed outside port cannot be made through NatLab: the destination always
        // listens; by hand, slirp4netns passes the RST on and pasta answers nothing)
        try (NatLab lab = UserModeNatLabTest.adapter("slirp4netns").open(NatLabOptions.defaults())) {
            NatEndpoint inside = NatEndpoint.of("198.51.100.10", 40000);
            NatEndpoint mapped = lab.udp(inside, PRIMARY).orElseThrow().seenSource();
            assertThat(mapped.port()).as("a port of the router's ephemeral range, not the inside one").isNotEqualTo(40000);
            assertThat(lab.udp(inside, ALTERNATE).orElseThrow().seenSource()).as("EIM").isEqualTo(mapped);
            assertThat(lab.udp(inside, ALTERNATE_PORT).orElseThrow().seenSource()).as("EIM").isEqualTo(mapped);
            assertThat(lab.udp(OTHER, mapped)).as("EIF: an uncontacted host gets in").contains(new Delivery(inside, OTHER));

            NatEndpoint second = NatEndpoint.of("198.51.100.11", 40000);
            NatEndpoint secondMapped = lab.udp(second, PRIMARY).orElseThrow().seenSource();
            assertThat(secondMapped).as("no port overloading").isNotEqualTo(mapped);
            assertThat(lab.udp(second, mapped)).as("hairpinning, with the external source")
                    .contains(new Delivery(inside, secondMapped));

            assertThat(lab.udp(OTHER, NatEndpoint.of("198.51.100.10", 40000))).as("no route to a private address").isEmpty();
            assertThat(lab.udpToClosedPort(NatEndpoint.of("198.51.100.10", 40001), NatEndpoint.of("203.0.113.100", 9)))
                    .as("ICMP port unreachable reaches the inside socket").isTrue();

            NatEndpoint web = NatEndpoint.of("203.0.113.100", 8080);
            TcpOutcome first = lab.tcpConnect(NatEndpoint.of("198.51.100.10", 41000), web);
            assertThat(first.kind()).isEqualTo(TcpOutcome.Kind.ESTABLISHED);
            TcpOutcome again = lab.tcpConnect(NatEndpoint.of("198.51.100.10", 41000), NatEndpoint.of("203.0.113.101", 8080));
            assertThat(again.delivery().orElseThrow().seenSource()).as("TCP: a new external port per connection")
                    .isNotEqualTo(first.delivery().orElseThrow().seenSource());
            lab.tcpListen(NatEndpoint.of("198.51.100.10", 42000));
            assertThat(lab.tcpConnect(OTHER, NatEndpoint.of("203.0.113.1", 42000)).kind())
                    .as("an unsolicited SYN is answered with RST by the router's kernel").isEqualTo(TcpOutcome.Kind.RESET);
        }
    }

    @Test
    void pastaKeepsThePortSharesItAcrossInsideHostsFiltersNothingAndDropsIcmp() {
        try (NatLab lab = UserModeNatLabTest.adapter("pasta").open(NatLabOptions.defaults())) {
            NatEndpoint inside = NatEndpoint.of("198.51.100.10", 40000);
            NatEndpoint mapped = lab.udp(inside, PRIMARY).orElseThrow().seenSource();
            assertThat(mapped).as("the inside port is kept").isEqualTo(NatEndpoint.of("203.0.113.1", 40000));
            assertThat(lab.udp(inside, ALTERNATE_PORT).orElseThrow().seenSource()).as("EIM").isEqualTo(mapped);
            assertThat(lab.udp(OTHER, mapped)).as("EIF").contains(new Delivery(inside, OTHER));

            NatEndpoint second = NatEndpoint.of("198.51.100.11", 40000);
            assertThat(lab.udp(second, PRIMARY).orElseThrow().seenSource()).as("port overloading: the same external endpoint")
                    .isEqualTo(mapped);
            Optional<Delivery> reply = lab.udp(PRIMARY, mapped);
            assertThat(reply).as("a reply goes to the inside host that sent last").contains(new Delivery(second, PRIMARY));
            assertThat(lab.udp(NatEndpoint.of("198.51.100.12", 1000), PRIMARY).orElseThrow().seenSource().port())
                    .as("a privileged inside port stays privileged").isEqualTo(1000);
            assertThat(lab.udp(PRIMARY, mapped)).as("...even on another port: 198.51.100.12:40000 has no socket").isEmpty();

            assertThat(lab.udpToClosedPort(NatEndpoint.of("198.51.100.10", 40001), NatEndpoint.of("203.0.113.100", 9)))
                    .as("ICMP port unreachable does not reach the inside").isFalse();

            NatEndpoint web = NatEndpoint.of("203.0.113.100", 8080);
            TcpOutcome first = lab.tcpConnect(NatEndpoint.of("198.51.100.10", 41000), web);
            assertThat(first.kind()).isEqualTo(TcpOutcome.Kind.ESTABLISHED);
            assertThat(first.delivery().orElseThrow().seenSource().port()).as("TCP does not keep the port").isNotEqualTo(41000);
            lab.tcpListen(NatEndpoint.of("198.51.100.10", 42000));
            assertThat(lab.tcpConnect(OTHER, NatEndpoint.of("203.0.113.1", 42000)).kind())
                    .as("an unsolicited SYN is answered with RST by the router's kernel").isEqualTo(TcpOutcome.Kind.RESET);
        }
    }
}
