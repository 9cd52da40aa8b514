package org.netconform.adapters.pionvnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;

/** The pion vnet targets through the real shim: translation, and the NAT types each was configured with. */
class PionVnetLabTest {
    static final NatEndpoint INSIDE = NatEndpoint.of("198.51.100.10", 40000);
    static final NatEndpoint PRIMARY = NatEndpoint.of("203.0.113.100", 3478);
    static final NatEndpoint ALTERNATE = NatEndpoint.of("203.0.113.101", 3478);
    static final NatEndpoint ALTERNATE_PORT = NatEndpoint.of("203.0.113.101", 3479);
    static final NatEndpoint OTHER = NatEndpoint.of("203.0.113.200", 5000);

    static NatAdapter defaultNat;
    static NatAdapter symmetricNat;

    @BeforeAll
    static void shimBuilds() {
        defaultNat = new PionVnetTarget.Default().adapter(NatAdapter.class).orElseThrow();
        symmetricNat = new PionVnetTarget.Symmetric().adapter(NatAdapter.class).orElseThrow();
        // without Go or the pion sources the target is UNSUPPORTED; so are these tests
        assumeTrue(defaultNat.unavailableReason().isEmpty(), () -> "pion-vnet: " + defaultNat.unavailableReason().get());
    }

    @Test
    void anOutboundDatagramLeavesFromTheExternalAddress() {
        try (NatLab lab = defaultNat.open(NatLabOptions.defaults())) {
            assertThat(lab.topology()).isEqualTo(NatTopology.standard());
            assertThat(lab.virtualTime()).isFalse();
            Delivery d = lab.udp(INSIDE, PRIMARY).orElseThrow();
            assertThat(d.receivedAt()).isEqualTo(PRIMARY);
            assertThat(d.seenSource().address()).isEqualTo("203.0.113.1");
            // pion assigns external ports from 49152 upwards, whatever the inside port
            assertThat(d.seenSource().port()).isEqualTo(49152);
            assertThat(lab.describeTable()).contains("created a new NAT binding", "198.51.100.10:40000");
        }
    }

    @Test
    void theDefaultNatMapsEndpointIndependentlyAndFiltersByAddressAndPort() {
        try (NatLab lab = defaultNat.open(NatLabOptions.defaults())) {
            NatEndpoint mapped = lab.udp(INSIDE, PRIMARY).orElseThrow().seenSource();
            assertThat(lab.udp(INSIDE, ALTERNATE).orElseThrow().seenSource()).as("EIM: same mapping, other address").isEqualTo(mapped);
            assertThat(lab.udp(INSIDE, ALTERNATE_PORT).orElseThrow().seenSource()).as("EIM: other port").isEqualTo(mapped);

            assertThat(lab.udp(PRIMARY, mapped)).as("a reply from a contacted endpoint")
                    .contains(new Delivery(INSIDE, PRIMARY));
            assertThat(lab.udp(NatEndpoint.of("203.0.113.100", 3479), mapped)).as("APDF: contacted address, other port").isEmpty();
            assertThat(lab.udp(OTHER, mapped)).as("APDF: an uncontacted host").isEmpty();
        }
    }

    @Test
    void theSymmetricNatMapsPerDestinationAddressAndPort() {
        try (NatLab lab = symmetricNat.open(NatLabOptions.defaults())) {
            NatEndpoint first = lab.udp(INSIDE, PRIMARY).orElseThrow().seenSource();
            NatEndpoint second = lab.udp(INSIDE, ALTERNATE).orElseThrow().seenSource();
            NatEndpoint third = lab.udp(INSIDE, ALTERNATE_PORT).orElseThrow().seenSource();
            assertThat(first).isNotEqualTo(second).isNotEqualTo(third);
            assertThat(second).isNotEqualTo(third);
            assertThat(lab.udp(INSIDE, PRIMARY).orElseThrow().seenSource()).as("the mapping is kept per destination").isEqualTo(first);
            assertThat(lab.udp(ALTERNATE, first)).as("APDF on another destination's mapping").isEmpty();
            assertThat(lab.udp(ALTERNATE, second)).contains(new Delivery(INSIDE, ALTERNATE));
        }
    }

    @Test
    void aShortenedMappingTimerExpiresTheMapping() {
        try (NatLab lab = defaultNat.open(NatLabOptions.defaults().withUdpIdleTimeout(Duration.ofMillis(300)))) {
            NatEndpoint mapped = lab.udp(INSIDE, PRIMARY).orElseThrow().seenSource();
            assertThat(lab.udp(PRIMARY, mapped)).isPresent();
            lab.advance(Duration.ofMillis(600));
            assertThat(lab.udp(PRIMARY, mapped)).as("inbound after the lifetime").isEmpty();
            // pion never reuses a port: the next outbound datagram gets a new one
            assertThat(lab.udp(INSIDE, PRIMARY).orElseThrow().seenSource()).isNotEqualTo(mapped);
        }
    }

    @Test
    void endpointsOutsideTheTopologyAreRefused() {
        try (NatLab lab = defaultNat.open(NatLabOptions.defaults())) {
            assertThatThrownBy(() -> lab.udp(NatEndpoint.of("192.0.2.1", 1000), PRIMARY)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lab.udp(NatEndpoint.of("203.0.113.1", 1000), PRIMARY))
                    .as("the external address is a destination only").isInstanceOf(IllegalArgumentException.class);
            assertThat(lab.udp(INSIDE, PRIMARY)).as("the lab still works").isPresent();
        }
    }

    @Test
    void undeclaredOperationsAreUnsupported() {
        assertThat(defaultNat.capabilities()).containsExactly(NatAdapter.SET_TIMERS);
        try (NatLab lab = defaultNat.open(NatLabOptions.defaults())) {
            assertThatThrownBy(() -> lab.udpToClosedPort(INSIDE, PRIMARY)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> lab.tcpConnect(INSIDE, PRIMARY)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void eachLabIsAShimOfItsOwnAndClosingLeavesNoneRunning() {
        NatLab first = defaultNat.open(NatLabOptions.defaults());
        NatLab second = defaultNat.open(NatLabOptions.defaults());
        List<ProcessHandle> shims = shims();
        assertThat(shims).hasSize(2);
        // two labs, two NATs: the second lab's table is empty, so pion's first external port again
        assertThat(first.udp(INSIDE, PRIMARY).orElseThrow().seenSource().port()).isEqualTo(49152);
        assertThat(second.udp(INSIDE, PRIMARY).orElseThrow().seenSource().port()).isEqualTo(49152);
        first.close();
        second.close();
        first.close(); // a second close is harmless
        assertThat(shims).noneMatch(ProcessHandle::isAlive);
    }

    /** The pion shims this JVM runs now. */
    private static List<ProcessHandle> shims() {
        return ProcessHandle.current().children().filter(p -> p.isAlive()
                && p.info().command().map(c -> c.endsWith("/pionshim")).orElse(false)).toList();
    }
}
