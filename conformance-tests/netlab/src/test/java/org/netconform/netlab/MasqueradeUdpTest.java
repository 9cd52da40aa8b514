package org.netconform.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.netlab.Labs.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.nat.Masquerade;

/** UDP through {@code nft masquerade} as shipped: what the kernel really does. */
class MasqueradeUdpTest {
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
    void aFlowLeavesWithTheExternalAddressAndKeepsItsPort() {
        Arrival a = lab.udp(ep(IN0, 40000), ep(SERVER, 3478)).orElseThrow();
        assertThat(a.receivedAt()).isEqualTo(ep(SERVER, 3478));
        assertThat(a.seenSource()).isEqualTo(external(40000));
    }

    @Test
    void theReplyReturnsToTheInsideSocket() {
        lab.udp(ep(IN0, 40000), ep(SERVER, 3478)).orElseThrow();
        assertThat(lab.udp(ep(SERVER, 3478), external(40000)))
                .contains(new Arrival(ep(IN0, 40000), ep(SERVER, 3478)));
    }

    @Test
    void oneSocketKeepsItsMappingTowardsEveryDestination() {
        Endpoint in = ep(IN0, 40010);
        assertThat(mapping(lab, in, ep(SERVER, 3478))).isEqualTo(external(40010));
        assertThat(mapping(lab, in, ep(SERVER_ALT, 3478))).isEqualTo(external(40010));
        assertThat(mapping(lab, in, ep(SERVER_ALT, 3479))).isEqualTo(external(40010));
        assertThat(mapping(lab, in, ep(OTHER, 5000))).isEqualTo(external(40010));
    }

    @Test
    void aSecondHostOnTheSamePortGetsAnotherPortAndKeepsIt() {
        assertThat(mapping(lab, ep(IN0, 40020), ep(SERVER, 3478))).isEqualTo(external(40020));
        Endpoint second = mapping(lab, ep(IN1, 40020), ep(SERVER, 3478));
        assertThat(second.address()).isEqualTo(EXTERNAL);
        assertThat(second.port()).isNotEqualTo(40020);
        // the kernel reuses an existing mapping of the same source when its tuple is free (EIM in practice)
        assertThat(mapping(lab, ep(IN1, 40020), ep(SERVER_ALT, 3478))).isEqualTo(second);
    }

    @Test
    void whereTheKeptPortWouldCollideTheMappingIsNotEndpointIndependent() {
        // in1 first maps 40030 towards the alternate address, keeping the port; towards the primary that
        // tuple is taken by in0, so the same socket gets a second, different mapping
        assertThat(mapping(lab, ep(IN0, 40030), ep(SERVER, 3478))).isEqualTo(external(40030));
        assertThat(mapping(lab, ep(IN1, 40030), ep(SERVER_ALT, 3478))).isEqualTo(external(40030));
        assertThat(mapping(lab, ep(IN1, 40030), ep(SERVER, 3478))).isNotEqualTo(external(40030));
    }

    @Test
    void onlyTheExactPeerGetsIn() {
        Endpoint in = ep(IN0, 40040);
        lab.udp(in, ep(SERVER, 3478)).orElseThrow();
        assertThat(lab.udp(ep(OTHER, 5000), external(40040))).as("another host").isEmpty();
        assertThat(lab.udp(ep(SERVER_ALT, 3478), external(40040))).as("the server's other address").isEmpty();
        assertThat(lab.udp(ep(SERVER, 3479), external(40040))).as("the server's other port").isEmpty();
        assertThat(lab.udp(ep(SERVER, 3478), external(40040))).as("the peer").isPresent();
    }

    @Test
    void anUnsolicitedDatagramLeavesAnUnrepliedEntry() {
        lab.udp(ep(IN0, 40050), ep(SERVER, 3478)).orElseThrow();
        assertThat(lab.udp(ep(OTHER, 5000), external(40050))).isEmpty();
        assertThat(lab.conntrackTable()).contains("src=203.0.113.200 dst=203.0.113.1 sport=5000 dport=40050 [UNREPLIED]");
    }

    @Test
    void anUnsolicitedDatagramSteersTheLaterMappingOfItsPort() {
        // the rejected datagram's UNREPLIED entry holds the tuple 203.0.113.1:40080 <-> 203.0.113.200:5000,
        // so an inside socket on 40080 talking to that very peer cannot keep its port
        assertThat(lab.udp(ep(OTHER, 5000), external(40080))).isEmpty();
        assertThat(mapping(lab, ep(IN0, 40080), ep(OTHER, 5000))).isNotEqualTo(external(40080));
        // towards anyone else the port is kept
        assertThat(mapping(lab, ep(IN0, 40081), ep(SERVER, 3478))).isEqualTo(external(40081));
    }

    @Test
    void icmpPortUnreachableReachesTheInsideSocket() {
        assertThat(lab.udpToClosedPort(ep(IN0, 40060), ep(SERVER, 9))).isTrue();
    }

    @Test
    void theTableShowsTheMapping() {
        lab.udp(ep(IN0, 40070), ep(SERVER, 3478)).orElseThrow();
        assertThat(lab.conntrackTable())
                .contains("src=198.51.100.10 dst=203.0.113.100 sport=40070 dport=3478")
                .contains("src=203.0.113.100 dst=203.0.113.1 sport=3478 dport=40070");
    }
}
