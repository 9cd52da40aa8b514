package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.ep;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netconform.reference.nat.network.TcpConnection;

/** Mapping timers and refresh direction (RFC 4787 section 4.3, RFC 5382 section 5, RFC 7857 sections 2 and 7). */
class TimersTest {
    private static final Endpoint X = ep(A, 40000);
    private static final Endpoint S = ep(SERVER, 3478);

    private static boolean mapped(Lab lab, Transport t) {
        return lab.mappingOf(t, X).isPresent();
    }

    @Test
    void theDefaultUdpMappingLivesFiveMinutesToTheMillisecond() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.send(X, S);

        lab.advanceMillis(300_000 - 1);
        assertThat(mapped(lab, Transport.UDP)).isTrue();
        lab.advanceMillis(1);
        assertThat(mapped(lab, Transport.UDP)).isFalse();
        assertThat(lab.net.log().render()).contains("t=300.000s nat: mapping expired: UDP 198.51.100.10:40000");
    }

    @Test
    void anExpiryIsLoggedAtItsExactTimeEvenWhenTimeJumpsPastIt() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.send(X, S);

        lab.advance(Duration.ofHours(1));

        assertThat(lab.net.log().render()).contains("t=300.000s nat: mapping expired");
    }

    @Test
    void outboundPacketsRefreshButInboundOnesDoNotByDefault() {
        Lab lab = new Lab(NatConfig.defaults());
        Endpoint mapped = lab.send(X, S).orElseThrow();
        lab.advance(Duration.ofMinutes(4));
        lab.send(X, S); // refresh at 240 s
        lab.advance(Duration.ofMinutes(4));
        lab.deliveredAt(S, mapped); // inbound at 480 s: no refresh

        lab.advanceMillis(60_000 - 1); // 539.999 s
        assertThat(mapped(lab, Transport.UDP)).isTrue();
        lab.advanceMillis(1);
        assertThat(mapped(lab, Transport.UDP)).isFalse();
    }

    @Test
    void inboundRefreshWhenConfiguredBothWays() {
        Lab lab = new Lab(NatConfig.builder().refresh(RefreshDirection.BOTH).build());
        Endpoint mapped = lab.send(X, S).orElseThrow();
        lab.advance(Duration.ofMinutes(4));

        lab.deliveredAt(S, mapped);
        lab.advance(Duration.ofMinutes(4));

        assertThat(mapped(lab, Transport.UDP)).isTrue();
    }

    @Test
    void anInboundPacketFromAStrangerRefreshesNothingEvenWithInboundRefresh() {
        // RFC 7857 section 7: else one packet every two minutes keeps an EIF mapping forever.
        Lab lab = new Lab(NatConfig.builder().refresh(RefreshDirection.BOTH).build());
        Endpoint mapped = lab.send(X, S).orElseThrow();
        lab.advance(Duration.ofMinutes(4));

        assertThat(lab.deliveredAt(ep(Lab.OTHER, 1), mapped)).isPresent();
        lab.advance(Duration.ofMinutes(1));

        assertThat(mapped(lab, Transport.UDP)).isFalse();
    }

    @Test
    void theInboundOnlyPresetIgnoresOutboundTraffic() {
        Lab lab = new Lab(NatPreset.INBOUND_ONLY_REFRESH.config());
        lab.send(X, S);
        lab.advance(Duration.ofMinutes(4));
        lab.send(X, S);

        lab.advance(Duration.ofMinutes(1));

        assertThat(mapped(lab, Transport.UDP)).isFalse();
    }

    @Test
    void theShortTimerPresetExpiresAfterOneMinute() {
        Lab lab = new Lab(NatPreset.SHORT_TIMER.config());
        lab.send(X, S);

        lab.advance(Duration.ofSeconds(60));

        assertThat(mapped(lab, Transport.UDP)).isFalse();
    }

    @Test
    void conntrackTimersGiveUnrepliedFlowsThirtySeconds() {
        Lab lab = new Lab(NatPreset.LINUX_MASQUERADE.config());
        lab.send(X, S);

        lab.advanceMillis(29_999);
        assertThat(mapped(lab, Transport.UDP)).isTrue();
        lab.advanceMillis(1);
        assertThat(mapped(lab, Transport.UDP)).isFalse();
    }

    @Test
    void conntrackTimersGiveRepliedFlowsTwoMinutesOnlyAfterTheTwoSecondMark() {
        Lab lab = new Lab(NatPreset.LINUX_MASQUERADE.config());
        Endpoint mapped = lab.send(X, S).orElseThrow();
        lab.deliveredAt(S, mapped); // the reply at once: still the unreplied timer (stream_ts not passed)
        lab.advanceMillis(1_000);
        lab.send(X, S); // 1 s: replied, but not yet a stream -> 30 s from now
        lab.advanceMillis(29_999);
        assertThat(mapped(lab, Transport.UDP)).isTrue();
        lab.send(X, S); // 30.999 s: a stream -> 120 s from now

        lab.advanceMillis(119_999);
        assertThat(mapped(lab, Transport.UDP)).isTrue();
        lab.advanceMillis(1);
        assertThat(mapped(lab, Transport.UDP)).isFalse();
    }

    @Test
    void tcpTimersFollowTheConnectionState() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.server.listen(S);
        TcpConnection c = lab.a.tcp(X, S);
        c.connect();
        assertThat(sessionState(lab)).isEqualTo(TcpSessionState.ESTABLISHED);

        lab.advance(Duration.ofHours(2).plusMinutes(3));
        assertThat(mapped(lab, Transport.TCP)).as("established: 2 h 4 min").isTrue();
        c.close();
        assertThat(sessionState(lab)).isEqualTo(TcpSessionState.FIN_BOTH);
        lab.advanceMillis(240_000 - 1);
        assertThat(mapped(lab, Transport.TCP)).as("closing: 4 min").isTrue();
        lab.advanceMillis(1);
        assertThat(mapped(lab, Transport.TCP)).isFalse();
    }

    @Test
    void anEstablishedConnectionIdleForTwoHoursFourMinutesGoes() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.server.listen(S);
        lab.a.tcp(X, S).connect();

        lab.advance(Duration.ofHours(2).plusMinutes(4));

        assertThat(mapped(lab, Transport.TCP)).isFalse();
    }

    @Test
    void aPartiallyOpenConnectionGoesAfterFourMinutes() {
        Lab lab = new Lab(NatConfig.defaults());
        TcpConnection c = lab.a.tcp(X, ep("203.0.113.250", 80)); // nobody there: the SYN is lost
        c.connect();
        assertThat(sessionState(lab)).isEqualTo(TcpSessionState.SYN_OUTBOUND);

        lab.advanceMillis(240_000 - 1);
        assertThat(mapped(lab, Transport.TCP)).isTrue();
        lab.advanceMillis(1);
        assertThat(mapped(lab, Transport.TCP)).isFalse();
    }

    @Test
    void anInboundRstKeepsTheSessionFourMinutes() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.server.listen(S);
        lab.a.tcp(X, S).connect();

        lab.server.connections().get(0).reset();

        assertThat(sessionState(lab)).isEqualTo(TcpSessionState.RESET);
        lab.advanceMillis(240_000 - 1);
        assertThat(mapped(lab, Transport.TCP)).as("RFC 7857 section 2.2: kept 4 minutes after a RST").isTrue();
        lab.advanceMillis(1);
        assertThat(mapped(lab, Transport.TCP)).isFalse();
    }

    @Test
    void anOutboundRstNeverLengthensTheSession() {
        // RFC 7857 section 7.1: a RST from inside does not refresh; it may only shorten.
        Lab lab = new Lab(NatConfig.defaults());
        TcpConnection c = lab.a.tcp(X, ep("203.0.113.250", 80)); // nobody there: partially open, 240 s
        c.connect();
        lab.advance(Duration.ofSeconds(230));

        c.reset();

        assertThat(sessionState(lab)).isEqualTo(TcpSessionState.RESET);
        lab.advance(Duration.ofSeconds(10));
        assertThat(mapped(lab, Transport.TCP)).isFalse();
    }

    @Test
    void outboundIcmpErrorsDoNotRefreshUnlessConfigured() {
        for (boolean refreshes : new boolean[] {false, true}) {
            Lab lab = new Lab(NatConfig.builder().outboundErrorsRefresh(refreshes).build());
            Endpoint mapped = lab.send(X, S).orElseThrow();
            lab.udp(X).close(); // the socket goes: inbound datagrams now draw ICMP port unreachable
            lab.advance(Duration.ofMinutes(4));
            lab.deliveredAt(S, mapped); // inside host answers with an ICMP error, which leaves through the NAT
            lab.advance(Duration.ofMinutes(2));
            assertThat(mapped(lab, Transport.UDP)).as("refreshes=" + refreshes).isEqualTo(refreshes);
        }
    }

    private static TcpSessionState sessionState(Lab lab) {
        return lab.mappingOf(Transport.TCP, X).orElseThrow().sessions().get(0).tcpState().orElseThrow();
    }
}
