package org.netconform.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.netlab.Labs.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.nat.Masquerade;

/** TCP through {@code nft masquerade} as shipped. */
class MasqueradeTcpTest {
    private NamespaceLab lab;

    @BeforeEach
    void open() {
        assumeAvailable();
        lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults());
    }

    @AfterEach
    void close() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aConnectionIsEstablishedAndTheServerSeesTheMapping() {
        TcpResult r = lab.tcpConnect(ep(IN0, 41000), ep(SERVER, 80));
        assertThat(r.kind()).isEqualTo(TcpResult.Kind.ESTABLISHED);
        assertThat(r.arrival()).contains(new Arrival(ep(SERVER, 80), external(41000)));
        assertThat(lab.conntrackTable()).contains("ESTABLISHED src=198.51.100.10 dst=203.0.113.100 sport=41000 dport=80");
    }

    @Test
    void anUnsolicitedSynIsAnsweredWithResetByTheRoutersOwnStack() {
        // nothing in the ruleset filters input, and no socket of the router listens on the port
        lab.tcpListen(ep(IN0, 41010));
        assertThat(lab.tcpConnect(ep(OTHER, 5000), external(41010)).kind()).isEqualTo(TcpResult.Kind.RESET);
    }

    @Test
    void anUnsolicitedSynToAnActiveMappingFromAnotherHostIsAnsweredWithReset() {
        lab.tcpListen(ep(IN0, 41020));
        assertThat(lab.tcpConnect(ep(IN0, 41020), ep(SERVER, 80)).kind()).isEqualTo(TcpResult.Kind.ESTABLISHED);
        assertThat(lab.tcpConnect(ep(OTHER, 5000), external(41020)).kind()).isEqualTo(TcpResult.Kind.RESET);
    }

    @Test
    void aConnectFromInsideToTheNatsOwnAddressIsResetByTheRouter() {
        // the router holds the external address itself; no socket of it listens there
        assertThat(lab.tcpConnect(ep(IN0, 41030), external(9)).kind()).isEqualTo(TcpResult.Kind.RESET);
    }

    @Test
    void aSimultaneousOpenCompletesThroughTheNat() {
        TcpResult r = lab.tcpSimultaneousOpen(ep(IN0, 41040), ep(SERVER, 4000), external(41040));
        assertThat(r.kind()).isEqualTo(TcpResult.Kind.ESTABLISHED);
        assertThat(r.arrival()).contains(new Arrival(ep(SERVER, 4000), external(41040)));
    }

    @Test
    void aSimultaneousOpenToAWrongMappingGetsNoAnswer() {
        TcpResult r = lab.tcpSimultaneousOpen(ep(IN0, 41050), ep(SERVER, 4001), external(41051));
        assertThat(r.kind()).isEqualTo(TcpResult.Kind.NO_ANSWER);
    }

    @Test
    void finAndResetCloseTheConnectionInTheTable() {
        lab.tcpConnect(ep(IN0, 41060), ep(SERVER, 80));
        lab.tcpConnect(ep(IN0, 41061), ep(SERVER, 80));
        lab.tcpClose(ep(IN0, 41060), ep(SERVER, 80), false);
        lab.tcpClose(ep(IN0, 41061), ep(SERVER, 80), true);
        lab.advance(java.time.Duration.ofMillis(100));
        String table = lab.conntrackTable();
        assertThat(table).containsPattern("TIME_WAIT src=198.51.100.10 dst=203.0.113.100 sport=41060");
        assertThat(table).containsPattern("CLOSE src=198.51.100.10 dst=203.0.113.100 sport=41061");
    }
}
