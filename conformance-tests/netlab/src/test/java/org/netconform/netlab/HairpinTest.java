package org.netconform.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.netlab.Labs.*;

import org.junit.jupiter.api.Test;
import org.netconform.netlab.nat.Masquerade;
import org.netconform.netlab.nat.MasqueradeWithReflection;

/** NAT loopback: masquerade with OpenWrt-style reflection of a static forward to the first inside host. */
class HairpinTest {
    private static final RouterNat REFLECTION = MasqueradeWithReflection.toFirstInsideHost(LabLayout.standard());

    @Test
    void anInsideHostReachesAnotherOnesMappingAndSeesTheSendersMapping() {
        assumeAvailable();
        try (NamespaceLab lab = NetLab.open(REFLECTION, Timers.kernelDefaults())) {
            Endpoint a = ep(IN0, 43000);
            Endpoint b = ep(IN1, 43001);
            Endpoint mappingA = mapping(lab, a, ep(SERVER, 3478));
            Endpoint mappingB = mapping(lab, b, ep(SERVER, 3478));
            assertThat(lab.udp(b, mappingA)).contains(new Arrival(a, mappingB));
            // and the answer goes back the same way
            assertThat(lab.udp(a, mappingB)).contains(new Arrival(b, mappingA));
        }
    }

    @Test
    void tcpIsReflectedToo() {
        assumeAvailable();
        try (NamespaceLab lab = NetLab.open(REFLECTION, Timers.kernelDefaults())) {
            lab.tcpListen(ep(IN0, 43010));
            TcpResult r = lab.tcpConnect(ep(IN1, 43011), external(43010));
            assertThat(r.kind()).isEqualTo(TcpResult.Kind.ESTABLISHED);
            assertThat(r.arrival()).contains(new Arrival(ep(IN0, 43010), external(43011)));
        }
    }

    @Test
    void outsideHostsStillMeetMasqueradesFiltering() {
        assumeAvailable();
        try (NamespaceLab lab = NetLab.open(REFLECTION, Timers.kernelDefaults())) {
            lab.udp(ep(IN0, 43020), ep(SERVER, 3478)).orElseThrow();
            assertThat(lab.udp(ep(OTHER, 5000), external(43020))).isEmpty();
        }
    }

    @Test
    void aStaticForwardSendsAnotherHostsMappingToTheForwardedHostsSamePort() {
        assumeAvailable();
        try (NamespaceLab lab = NetLab.open(REFLECTION, Timers.kernelDefaults())) {
            Endpoint mappingB = mapping(lab, ep(IN1, 43030), ep(SERVER, 3478));
            assertThat(mappingB).isEqualTo(external(43030));
            // in0 holds a socket on the same port number (mapped towards another host, so no collision)
            lab.udp(ep(IN0, 43030), ep(OTHER, 5000)).orElseThrow();
            // hairpinned to in1's mapping, the datagram lands on in0's socket: the forward knows no mappings
            assertThat(lab.udp(ep(IN0, 43031), mappingB)).map(Arrival::receivedAt).contains(ep(IN0, 43030));
        }
    }

    @Test
    void plainMasqueradeDoesNotHairpin() {
        assumeAvailable();
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            Endpoint mappingA = mapping(lab, ep(IN0, 43040), ep(SERVER, 3478));
            lab.udp(ep(IN1, 43041), ep(SERVER, 3478)).orElseThrow();
            assertThat(lab.udp(ep(IN1, 43041), mappingA)).isEmpty();
        }
    }
}
