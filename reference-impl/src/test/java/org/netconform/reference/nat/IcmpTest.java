package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.EXTERNAL;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.ep;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netconform.reference.nat.network.Transmission;

/** ICMP errors through the NAT (RFC 4787 REQ-12, RFC 5382 REQ-9 and REQ-10). */
class IcmpTest {
    private static final Endpoint X = ep(A, 40000);
    private static final Endpoint CLOSED = ep(SERVER, 9);

    @Test
    void aPortUnreachableFromOutsideReachesTheInsideSocketAndTheMappingStays() {
        Lab lab = new Lab(NatConfig.defaults());

        Transmission t = lab.udp(X).send(CLOSED, Payload.of("x"));

        assertThat(t.icmpErrorsAt(X)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(IcmpType.PORT_UNREACHABLE);
            assertThat(e.quoted()).isEqualTo(new FiveTuple(Transport.UDP, X, CLOSED));
        });
        assertThat(lab.udp(X).pollError()).isPresent();
        assertThat(lab.mappingOf(Transport.UDP, X)).isPresent();
    }

    @Test
    void theBrokenPresetTearsTheMappingDownAfterForwardingTheError() {
        Lab lab = new Lab(NatPreset.ICMP_TEARS_DOWN.config());
        Endpoint mapped = lab.send(X, ep(SERVER, 3478)).orElseThrow();

        Transmission t = lab.udp(X).send(CLOSED, Payload.of("x"));

        assertThat(t.icmpErrorsAt(X)).hasSize(1);
        assertThat(lab.mappingOf(Transport.UDP, X)).isEmpty();
        assertThat(lab.deliveredAt(ep(SERVER, 3478), mapped)).isEmpty();
    }

    @Test
    void anErrorFromAnyRouterOnThePathIsTranslatedWhateverItsSource() {
        // REQ-12a: the default configuration does not filter ICMP on the source address.
        Nat nat = new Nat(NatConfig.defaults(), Lab.GATEWAY, 1);
        nat.outbound(new UdpDatagram(X, ep(SERVER, 3478), Payload.of("x")), 0);

        NatOutput out = nat.inbound(new IcmpError("192.0.2.254", EXTERNAL, IcmpType.HOST_UNREACHABLE,
                new FiveTuple(Transport.UDP, ep(EXTERNAL, 40000), ep(SERVER, 3478))), 10);

        assertThat(out.packets(Side.INSIDE)).containsExactly(new IcmpError("192.0.2.254", A, IcmpType.HOST_UNREACHABLE,
                new FiveTuple(Transport.UDP, X, ep(SERVER, 3478))));
    }

    @Test
    void anErrorQuotingNoSessionIsDropped() {
        Nat nat = new Nat(NatConfig.defaults(), Lab.GATEWAY, 1);
        nat.outbound(new UdpDatagram(X, ep(SERVER, 3478), Payload.of("x")), 0);

        NatOutput out = nat.inbound(new IcmpError("192.0.2.254", EXTERNAL, IcmpType.PORT_UNREACHABLE,
                new FiveTuple(Transport.UDP, ep(EXTERNAL, 40000), ep(SERVER, 9999))), 10);

        assertThat(out.emissions()).isEmpty();
        assertThat(out.events()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(NatEvent.Kind.DROPPED));
    }

    @Test
    void anInsideHostsErrorLeavesWithTheExternalEndpoint() {
        Lab lab = new Lab(NatConfig.defaults());
        Endpoint mapped = lab.send(X, ep(SERVER, 3478)).orElseThrow();
        lab.udp(X).close();

        Transmission t = lab.transmit(ep(SERVER, 3478), mapped);

        List<IcmpError> errors = t.icmpErrorsAt(ep(SERVER, 3478));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(EXTERNAL);
            assertThat(e.quoted()).isEqualTo(new FiveTuple(Transport.UDP, ep(SERVER, 3478), mapped));
        });
    }
}
