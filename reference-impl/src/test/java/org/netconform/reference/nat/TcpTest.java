package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.EXTERNAL;
import static org.netconform.reference.nat.Lab.OTHER;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.ep;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netconform.reference.nat.network.TcpConnection;
import org.netconform.reference.nat.network.TcpState;

/** TCP through the NAT: RFC 5382 REQ-2 (every valid sequence, simultaneous open), REQ-3 and REQ-4. */
class TcpTest {
    private static final Endpoint X = ep(A, 40000);
    private static final Endpoint S = ep(SERVER, 80);
    private static final Endpoint PEER = ep(OTHER, 50000);

    @Test
    void aConnectionFromInsideCarriesDataBothWaysAndCloses() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.server.listen(S);
        TcpConnection c = lab.a.tcp(X, S);

        c.connect();
        TcpConnection accepted = lab.server.listenerAt(S).orElseThrow().accept().orElseThrow();
        c.send(Payload.of("up"));
        accepted.send(Payload.of("down"));
        c.close();

        assertThat(accepted.remote()).isEqualTo(ep(EXTERNAL, 40000));
        assertThat(accepted.receive()).contains(Payload.of("up"));
        assertThat(c.receive()).contains(Payload.of("down"));
        assertThat(c.state()).isEqualTo(TcpState.FINISHED);
        assertThat(accepted.state()).isEqualTo(TcpState.FINISHED);
    }

    @Test
    void aSimultaneousOpenSucceedsWhenTheInsideSynLeavesFirst() {
        for (NatPreset preset : new NatPreset[] {NatPreset.RFC_COMPLIANT, NatPreset.PORT_RESTRICTED_CONE,
                NatPreset.LINUX_MASQUERADE}) {
            Lab lab = new Lab(preset.config());
            TcpConnection in = lab.a.tcp(X, PEER);
            TcpConnection out = lab.other.tcp(PEER, ep(EXTERNAL, 40000));

            lab.net.atOnce(() -> {
                in.connect();
                out.connect();
            });

            assertThat(in.state()).as(preset.name()).isEqualTo(TcpState.ESTABLISHED);
            assertThat(out.state()).as(preset.name()).isEqualTo(TcpState.ESTABLISHED);
        }
    }

    @Test
    void anEarlyInboundSynIsHeldAndDroppedSilentlyWhenTheOutboundSynComes() {
        Lab lab = new Lab(NatPreset.PORT_RESTRICTED_CONE.config());
        TcpConnection in = lab.a.tcp(X, PEER);
        TcpConnection out = lab.other.tcp(PEER, ep(EXTERNAL, 40000));

        lab.net.atOnce(() -> {
            out.connect(); // arrives before any mapping exists
            in.connect();
        });

        assertThat(in.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(out.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(lab.net.log().render()).contains("held unsolicited SYN").contains("dropped silently");
        lab.advance(Duration.ofSeconds(10));
        assertThat(out.state()).as("no ICMP after the hold").isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void aNatThatAnswersAtOnceBreaksAnEarlySimultaneousOpen() {
        Lab lab = new Lab(NatPreset.LINUX_MASQUERADE.config());
        TcpConnection in = lab.a.tcp(X, PEER);
        TcpConnection out = lab.other.tcp(PEER, ep(EXTERNAL, 40000));

        lab.net.atOnce(() -> {
            out.connect();
            in.connect();
        });

        assertThat(out.state()).isEqualTo(TcpState.RESET);
    }

    @Test
    void anUnsolicitedSynIsAnsweredWithIcmpAfterSixSeconds() {
        Lab lab = new Lab(NatConfig.defaults());
        TcpConnection out = lab.other.tcp(PEER, ep(EXTERNAL, 40000));

        out.connect();
        lab.advanceMillis(5_999);
        assertThat(out.state()).isEqualTo(TcpState.SYN_SENT);
        lab.advanceMillis(1);

        assertThat(out.state()).isEqualTo(TcpState.UNREACHABLE);
        assertThat(out.error().orElseThrow().type()).isEqualTo(IcmpType.PORT_UNREACHABLE);
    }

    @Test
    void theAnswerToAnUnsolicitedSynIsConfigurable() {
        Lab rstAtOnce = new Lab(NatConfig.builder().unsolicitedTcp(UnsolicitedTcpResponse.RST).noUnsolicitedSynHold().build());
        TcpConnection c1 = rstAtOnce.other.tcp(PEER, ep(EXTERNAL, 40000));
        c1.connect();
        assertThat(c1.state()).isEqualTo(TcpState.RESET);

        Lab rstLater = new Lab(NatConfig.builder().unsolicitedTcp(UnsolicitedTcpResponse.RST).build());
        TcpConnection c2 = rstLater.other.tcp(PEER, ep(EXTERNAL, 40000));
        c2.connect();
        assertThat(c2.state()).isEqualTo(TcpState.SYN_SENT);
        rstLater.advance(Duration.ofSeconds(6));
        assertThat(c2.state()).isEqualTo(TcpState.RESET);

        Lab silent = new Lab(NatConfig.builder().unsolicitedTcp(UnsolicitedTcpResponse.DROP).build());
        TcpConnection c3 = silent.other.tcp(PEER, ep(EXTERNAL, 40000));
        c3.connect();
        silent.advance(Duration.ofMinutes(1));
        assertThat(c3.state()).isEqualTo(TcpState.SYN_SENT);
    }

    @Test
    void endpointIndependentFilteringLetsAnOutsideHostConnectToAMappedListener() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.server.listen(S);
        lab.a.tcp(X, S).connect();
        lab.a.listen(X);

        TcpConnection out = lab.other.tcp(PEER, ep(EXTERNAL, 40000));
        out.connect();

        assertThat(out.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(lab.mappingOf(Transport.TCP, X).orElseThrow().sessions()).extracting(SessionSnapshot::remote)
                .containsExactly(S, PEER);
    }

    @Test
    void addressAndPortDependentFilteringHoldsTheSameSyn() {
        Lab lab = new Lab(NatPreset.PORT_RESTRICTED_CONE.config());
        lab.server.listen(S);
        lab.a.tcp(X, S).connect();
        lab.a.listen(X);

        TcpConnection out = lab.other.tcp(PEER, ep(EXTERNAL, 40000));
        out.connect();

        assertThat(out.state()).isEqualTo(TcpState.SYN_SENT);
        assertThat(lab.nat.nat().heldSyns()).hasSize(1);
    }

    @Test
    void anInsideHostWithoutAListenerAnswersAnAdmittedSynWithRst() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.server.listen(S);
        lab.a.tcp(X, S).connect();

        TcpConnection out = lab.other.tcp(PEER, ep(EXTERNAL, 40000));
        out.connect();

        assertThat(out.state()).isEqualTo(TcpState.RESET);
        assertThat(lab.mappingOf(Transport.TCP, X).orElseThrow().sessions().get(1).tcpState())
                .contains(TcpSessionState.RESET);
    }

    @Test
    void onlyASynOpensASession() {
        Nat nat = new Nat(NatConfig.defaults(), Lab.GATEWAY, 1);

        NatOutput out = nat.outbound(TcpSegment.of(X, S, TcpFlag.ACK), 0);

        assertThat(out.emissions()).isEmpty();
        assertThat(nat.mappings()).isEmpty();
    }

    @Test
    void theTrackerFollowsRfc7857FigureOne() {
        TcpSegment syn = TcpSegment.of(X, S, TcpFlag.SYN);
        TcpSegment synAck = TcpSegment.of(S, X, TcpFlag.SYN, TcpFlag.ACK);
        TcpSegment fin = TcpSegment.of(X, S, TcpFlag.FIN, TcpFlag.ACK);
        TcpSegment ack = TcpSegment.of(X, S, TcpFlag.ACK);
        TcpSegment rst = TcpSegment.of(X, S, TcpFlag.RST);

        assertThat(TcpTracker.next(null, syn, true)).isEqualTo(TcpSessionState.SYN_OUTBOUND);
        assertThat(TcpTracker.next(TcpSessionState.SYN_OUTBOUND, synAck, false)).isEqualTo(TcpSessionState.ESTABLISHED);
        assertThat(TcpTracker.next(TcpSessionState.SYN_OUTBOUND, syn, false)).as("simultaneous open")
                .isEqualTo(TcpSessionState.ESTABLISHED);
        assertThat(TcpTracker.next(TcpSessionState.SYN_INBOUND, synAck, true)).isEqualTo(TcpSessionState.ESTABLISHED);
        assertThat(TcpTracker.next(TcpSessionState.ESTABLISHED, fin, true)).isEqualTo(TcpSessionState.FIN_OUTBOUND);
        assertThat(TcpTracker.next(TcpSessionState.FIN_OUTBOUND, fin, false)).isEqualTo(TcpSessionState.FIN_BOTH);
        assertThat(TcpTracker.next(TcpSessionState.FIN_INBOUND, fin, true)).isEqualTo(TcpSessionState.FIN_BOTH);
        assertThat(TcpTracker.next(TcpSessionState.ESTABLISHED, rst, true)).isEqualTo(TcpSessionState.RESET);
        assertThat(TcpTracker.next(TcpSessionState.RESET, ack, true)).isEqualTo(TcpSessionState.ESTABLISHED);
        assertThat(TcpTracker.next(TcpSessionState.FIN_BOTH, syn, true)).isEqualTo(TcpSessionState.SYN_OUTBOUND);
    }
}
