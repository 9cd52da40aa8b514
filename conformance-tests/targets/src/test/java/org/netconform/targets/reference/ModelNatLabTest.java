package org.netconform.targets.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netconform.reference.nat.FilteringBehavior;
import org.netconform.reference.nat.Hairpinning;
import org.netconform.reference.nat.MappingBehavior;
import org.netconform.reference.nat.NatConfig;
import org.netconform.reference.nat.NatPreset;
import org.netconform.reference.nat.lab.ModelNatLab;
import org.netconform.spec.Layer;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

/** The reference NAT target through the vendor interface: what the NAT suite will see. */
class ModelNatLabTest {
    private static final NatEndpoint IN = NatEndpoint.of("198.51.100.10", 40000);
    private static final NatEndpoint IN2 = NatEndpoint.of("198.51.100.11", 41000);
    private static final NatEndpoint SERVER = NatEndpoint.of("203.0.113.100", 3478);
    private static final NatEndpoint SERVER_ALT = NatEndpoint.of("203.0.113.101", 3479);
    private static final NatEndpoint OTHER = NatEndpoint.of("203.0.113.200", 5000);
    private static final NatEndpoint MAPPED = NatEndpoint.of("203.0.113.1", 40000);

    @Test
    void theReferenceTargetDeclaresTheModelLayerAndItsCapabilities() {
        NatAdapter adapter = new ReferenceTarget().adapter(NatAdapter.class).orElseThrow();

        assertThat(adapter.layer()).isEqualTo(Layer.MODEL);
        assertThat(adapter.capabilities()).containsExactlyInAnyOrder(NatAdapter.TCP, NatAdapter.SET_TIMERS, NatAdapter.ICMP);
        assertThat(adapter.portQuota()).isEmpty();
        assertThat(adapter.topology()).isEqualTo(NatTopology.standard());
        try (NatLab lab = adapter.open(NatLabOptions.defaults())) {
            assertThat(lab.virtualTime()).isTrue();
            assertThat(lab.topology()).isEqualTo(NatTopology.standard());
        }
    }

    @Test
    void aConfigWithAQuotaDeclaresIt() {
        ReferenceNatAdapter cgn = (ReferenceNatAdapter) new ReferenceCgnTarget().adapter(NatAdapter.class).orElseThrow();

        assertThat(cgn.capabilities()).contains(NatAdapter.QUOTA);
        assertThat(cgn.portQuota()).contains(NatPreset.CGN_QUOTA);
        assertThat(cgn.topology().externalAddresses()).hasSize(3);
        assertThat(cgn.config()).isEqualTo(NatPreset.CARRIER_GRADE.config());
        assertThat(java.util.ServiceLoader.load(org.netconform.spi.Target.class).stream().map(p -> p.type().getName()))
                .as("registered beside the reference target").contains(ReferenceCgnTarget.class.getName());
    }

    @Test
    void udpOutAndBackThroughTheDefaultNat() {
        try (NatLab lab = new ReferenceNatAdapter().open(NatLabOptions.defaults())) {
            assertThat(lab.udp(IN, SERVER)).contains(new Delivery(SERVER, MAPPED));
            assertThat(lab.udp(SERVER_ALT, MAPPED)).as("EIF").contains(new Delivery(IN, SERVER_ALT));
            assertThat(lab.udp(OTHER, NatEndpoint.of("203.0.113.1", 40002))).as("no mapping").isEmpty();
            assertThat(lab.udpToClosedPort(IN, NatEndpoint.of("203.0.113.200", 9))).isTrue();
            assertThat(lab.describeTable()).contains("198.51.100.10:40000");
        }
    }

    @Test
    void hairpinningPresentsTheExternalSource() {
        try (NatLab lab = new ReferenceNatAdapter().open(NatLabOptions.defaults())) {
            lab.udp(IN, SERVER);
            NatEndpoint mapped2 = lab.udp(IN2, SERVER).orElseThrow().seenSource();

            assertThat(lab.udp(IN2, MAPPED)).contains(new Delivery(IN, mapped2));
        }
    }

    @Test
    void timerOverridesAreHonoured() {
        try (NatLab lab = new ReferenceNatAdapter().open(NatLabOptions.defaults().withUdpIdleTimeout(Duration.ofSeconds(10)))) {
            lab.udp(IN, SERVER);
            lab.advance(Duration.ofSeconds(9));
            assertThat(lab.udp(SERVER, MAPPED)).isPresent();
            lab.advance(Duration.ofSeconds(10));
            assertThat(lab.udp(SERVER, MAPPED)).isEmpty();
        }
    }

    @Test
    void tcpOutboundInboundAndClose() {
        try (NatLab lab = new ReferenceNatAdapter().open(NatLabOptions.defaults())) {
            TcpOutcome out = lab.tcpConnect(IN, SERVER);
            assertThat(out.kind()).isEqualTo(TcpOutcome.Kind.ESTABLISHED);
            assertThat(out.delivery()).contains(new Delivery(SERVER, MAPPED));

            assertThat(lab.tcpConnect(OTHER, MAPPED).kind()).as("no inside listener: the host resets")
                    .isEqualTo(TcpOutcome.Kind.RESET);
            lab.tcpListen(IN);
            assertThat(lab.tcpConnect(OTHER, MAPPED)).isEqualTo(TcpOutcome.established(new Delivery(IN, OTHER)));

            lab.tcpClose(IN, SERVER, false);
            assertThat(lab.describeTable()).contains("FIN_BOTH");
        }
    }

    @Test
    void anUnsolicitedSynGetsNoAnswerWithinTheLabsWait() {
        try (NatLab lab = new ReferenceNatAdapter().open(NatLabOptions.defaults())) {
            assertThat(lab.tcpConnect(OTHER, NatEndpoint.of("203.0.113.1", 45000)).kind())
                    .isEqualTo(TcpOutcome.Kind.NO_ANSWER);
        }
    }

    @Test
    void aSimultaneousOpenIsEstablishedAndSeenFromTheMapping() {
        try (NatLab lab = ModelNatLab.of(NatPreset.PORT_RESTRICTED_CONE.config(), NatLabOptions.defaults())) {
            TcpOutcome o = lab.tcpSimultaneousOpen(IN, OTHER, MAPPED);

            assertThat(o).isEqualTo(TcpOutcome.established(new Delivery(OTHER, MAPPED)));
        }
    }

    @Test
    void labsBuildFromPresetsAndClassifications() {
        try (NatLab symmetric = ModelNatLab.of(NatPreset.SYMMETRIC.config(), NatLabOptions.defaults());
             NatLab classified = ModelNatLab.of(NatConfig.classified(MappingBehavior.EIM, FilteringBehavior.APDF, true,
                     Hairpinning.OFF), NatLabOptions.defaults())) {
            assertThat(symmetric.udp(IN, SERVER).orElseThrow().seenSource())
                    .isNotEqualTo(symmetric.udp(IN, SERVER_ALT).orElseThrow().seenSource());
            assertThat(classified.udp(IN, SERVER)).contains(new Delivery(SERVER, MAPPED));
            assertThat(classified.udp(SERVER_ALT, MAPPED)).isEmpty();
            assertThat(classified.udp(IN2, MAPPED)).as("no hairpin").isEmpty();
        }
    }

    @Test
    void endpointsOutsideTheTopologyAreRefused() {
        try (NatLab lab = new ReferenceNatAdapter().open(NatLabOptions.defaults())) {
            assertThatThrownBy(() -> lab.udp(NatEndpoint.of("192.0.2.1", 1), SERVER))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lab.udp(IN, NatEndpoint.of("192.0.2.1", 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lab.udp(MAPPED, SERVER)).as("the NAT's address is a destination only")
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
