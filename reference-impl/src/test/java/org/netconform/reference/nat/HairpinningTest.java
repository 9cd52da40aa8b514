package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.B;
import static org.netconform.reference.nat.Lab.EXTERNAL;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.ep;

import org.junit.jupiter.api.Test;
import org.netconform.reference.nat.network.TcpConnection;
import org.netconform.reference.nat.network.TcpState;
import org.netconform.reference.nat.network.Transmission;

/** Hairpinning (RFC 4787 section 6, REQ-9; RFC 5382 REQ-8). */
class HairpinningTest {
    private static final Endpoint XA = ep(A, 40000);
    private static final Endpoint XB = ep(B, 41000);

    @Test
    void udpHairpinPresentsTheSendersExternalEndpoint() {
        Lab lab = new Lab(NatConfig.defaults());
        Endpoint mappedA = lab.mappedA(40000);
        Endpoint mappedB = lab.send(XB, ep(SERVER, 3478)).orElseThrow();

        assertThat(lab.send(XB, mappedA)).contains(mappedB);
        assertThat(lab.send(XA, mappedB)).as("and the answer hairpins back").contains(mappedA);
    }

    @Test
    void hairpinnedPacketsPassTheReceivingMappingsFilter() {
        Lab lab = new Lab(NatConfig.builder().filtering(FilteringBehavior.APDF).build());
        Endpoint mappedA = lab.mappedA(40000);
        Endpoint mappedB = lab.send(XB, ep(SERVER, 3478)).orElseThrow();

        assertThat(lab.send(XB, mappedA)).as("A never sent to B's mapping").isEmpty();
        lab.send(XA, mappedB); // A punches towards B's external endpoint (refused at B, but opens A)
        assertThat(lab.send(XB, mappedA)).contains(mappedB);
    }

    @Test
    void tcpHairpinPresentsTheExternalSourceToo() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.server.listen(ep(SERVER, 80));
        lab.a.tcp(XA, ep(SERVER, 80)).connect(); // A's TCP mapping
        lab.a.listen(XA);
        Endpoint mappedA = lab.mappingOf(Transport.TCP, XA).orElseThrow().external();

        TcpConnection c = lab.b.tcp(XB, mappedA);
        c.connect();

        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
        Endpoint mappedB = lab.mappingOf(Transport.TCP, XB).orElseThrow().external();
        assertThat(lab.a.listenerAt(XA).orElseThrow().established()).singleElement()
                .satisfies(accepted -> assertThat(accepted.remote()).isEqualTo(mappedB));
        assertThat(c.remote()).isEqualTo(mappedA);
    }

    @Test
    void internalSourceHairpinShowsTheSendersPrivateEndpoint() {
        Lab lab = new Lab(NatConfig.builder().hairpinning(Hairpinning.INTERNAL_SOURCE).build());
        Endpoint mappedA = lab.mappedA(40000);

        assertThat(lab.send(XB, mappedA)).contains(XB);
        assertThat(lab.mappingOf(Transport.UDP, XB)).as("the sender gets no mapping").isEmpty();
    }

    @Test
    void withoutHairpinningThePacketIsForTheNatItselfAndGoesNowhere() {
        Lab lab = new Lab(NatPreset.NO_HAIRPIN.config());
        Endpoint mappedA = lab.mappedA(40000);

        Transmission t = lab.transmit(XB, mappedA);

        assertThat(t.arrivals()).isEmpty();
        assertThat(lab.net.log().render()).contains("for the NAT itself: no hairpinning");
    }

    @Test
    void aLinuxRouterWithoutHairpinRulesAnswersItselfWithIcmp() {
        Lab lab = new Lab(NatPreset.LINUX_MASQUERADE.config());
        Endpoint mappedA = lab.mappedA(40000);

        Transmission t = lab.transmit(XB, mappedA);

        assertThat(t.icmpErrorsAt(XB)).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(EXTERNAL);
            assertThat(e.type()).isEqualTo(IcmpType.PORT_UNREACHABLE);
        });
    }
}
