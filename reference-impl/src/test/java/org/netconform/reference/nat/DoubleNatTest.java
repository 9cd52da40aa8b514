package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netconform.reference.nat.network.Host;
import org.netconform.reference.nat.network.NatDevice;
import org.netconform.reference.nat.network.Transmission;
import org.netconform.reference.nat.network.UdpSocket;
import org.netconform.reference.nat.network.VirtualNetwork;

/**
 * Double NAT: two home NATs behind one carrier-grade NAT, whose insides reuse the same private
 * addresses (each realm has its own address space).
 */
class DoubleNatTest {
    private static final Endpoint SERVER = Endpoint.of("203.0.113.100", 3478);

    private VirtualNetwork net;
    private NatDevice cgn;
    private Host alice;
    private Host bob;
    private Host server;

    @BeforeEach
    void build() {
        net = new VirtualNetwork(11);
        cgn = net.addNat("cgn", NatPreset.CARRIER_GRADE.config(), net.internet(), "192.0.2.1");
        NatDevice home1 = net.addNat("home1", NatConfig.builder().externalAddresses("192.0.2.10").build(),
                cgn.inside(), "198.51.100.1");
        NatDevice home2 = net.addNat("home2", NatConfig.builder().externalAddresses("192.0.2.11").build(),
                cgn.inside(), "198.51.100.1");
        alice = net.addHost("alice", home1.inside(), "198.51.100.10");
        bob = net.addHost("bob", home2.inside(), "198.51.100.10");
        server = net.addHost("server", net.internet(), "203.0.113.100");
        server.udp(SERVER);
    }

    private Endpoint reflexive(Host h, int port) {
        UdpSocket s = h.udpSocketAt(h.endpoint(port)).orElseGet(() -> h.udp(port));
        Transmission t = s.send(SERVER, "who am I");
        return ((UdpDatagram) t.first(a -> a.host().equals("server")).orElseThrow().packet()).source();
    }

    @Test
    void trafficCrossesBothNatsAndComesBack() {
        UdpSocket s = alice.udp(40000);

        Endpoint seen = reflexive(alice, 40000);
        Transmission back = server.udpSocketAt(SERVER).orElseThrow().send(seen, "back");

        assertThat(cgn.externalAddresses()).contains(seen.address());
        assertThat(back.arrivals()).singleElement().satisfies(a -> {
            assertThat(a.host()).isEqualTo("alice");
            assertThat(((UdpDatagram) a.packet()).source()).isEqualTo(SERVER);
        });
        assertThat(s.pending()).hasSize(1);
        assertThat(net.log().render()).contains("home1: translated: UDP 198.51.100.10:40000")
                .contains("cgn: translated: UDP 192.0.2.10:40000");
    }

    @Test
    void twoHomesReachEachOtherThroughTheCarrierGradeNatsHairpin() {
        Endpoint alicePublic = reflexive(alice, 40000);
        Endpoint bobPublic = reflexive(bob, 40000);

        Transmission t = bob.udpSocketAt(bob.endpoint(40000)).orElseThrow().send(alicePublic, "hi alice");

        assertThat(t.first(a -> a.host().equals("alice") && a.accepted())).hasValueSatisfying(a ->
                assertThat(((UdpDatagram) a.packet()).source()).isEqualTo(bobPublic));
        assertThat(net.log().render()).contains("cgn: hairpinned");
    }

    @Test
    void sameInsideAddressesInDifferentRealmsGetDifferentMappings() {
        Endpoint a = reflexive(alice, 40000);
        Endpoint b = reflexive(bob, 40000);

        assertThat(a).isNotEqualTo(b);
        assertThat(net.describeTables()).contains("home1:").contains("home2:").contains("cgn:");
    }
}
