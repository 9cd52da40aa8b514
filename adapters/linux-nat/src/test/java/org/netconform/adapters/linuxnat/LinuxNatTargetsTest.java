package org.netconform.adapters.linuxnat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.netconform.spec.Layer;
import org.netconform.spi.Target;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

class LinuxNatTargetsTest {
    private static final List<String> IDS = List.of("linux-masquerade", "linux-masquerade-random", "linux-snat-range",
            "linux-masquerade-hairpin");

    private static Map<String, Target> targets() {
        return ServiceLoader.load(Target.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.id().startsWith("linux-")).collect(Collectors.toMap(Target::id, t -> t));
    }

    private static NatAdapter adapter(String id) {
        return targets().get(id).adapter(NatAdapter.class).orElseThrow();
    }

    @Test
    void fourTargetsAreRegisteredEachWithOneEndpointNatAdapterAndABaseline() {
        assertThat(targets().keySet()).containsExactlyInAnyOrderElementsOf(IDS);
        for (Target t : targets().values()) {
            assertThat(t.adapters()).hasSize(1);
            NatAdapter a = t.adapter(NatAdapter.class).orElseThrow();
            assertThat(a.layer()).isEqualTo(Layer.ENDPOINT);
            assertThat(a.topology()).isEqualTo(NatTopology.standard());
            assertThat(a.capabilities()).contains(NatAdapter.TCP, NatAdapter.SET_TIMERS, NatAdapter.ICMP);
            assertThat(t.getClass().getClassLoader().getResource("netconform/baselines/" + t.id() + ".tsv")).isNotNull();
            assertThat(t.description()).contains("Linux");
        }
    }

    @Test
    void onlyTheSnatRangeDeclaresAQuotaOfItsTenPorts() {
        assertThat(adapter("linux-snat-range").capabilities()).contains(NatAdapter.QUOTA);
        assertThat(adapter("linux-snat-range").portQuota()).contains(10);
        assertThat(adapter("linux-masquerade").capabilities()).doesNotContain(NatAdapter.QUOTA);
        assertThat(adapter("linux-masquerade").portQuota()).isEmpty();
    }

    @Test
    void aLabThroughTheVendorInterface() {
        NatAdapter a = adapter("linux-masquerade");
        assumeTrue(a.unavailableReason().isEmpty(), () -> "unavailable: " + a.unavailableReason().orElse(""));
        NatLab closed;
        try (NatLab lab = a.open(NatLabOptions.defaults())) {
            closed = lab;
            assertThat(lab.virtualTime()).isFalse();
            NatEndpoint in = NatEndpoint.of("198.51.100.10", 40000);
            NatEndpoint server = NatEndpoint.of("203.0.113.100", 3478);
            assertThat(lab.udp(in, server)).contains(new Delivery(server, NatEndpoint.of("203.0.113.1", 40000)));
            assertThat(lab.udp(server, NatEndpoint.of("203.0.113.1", 40000))).contains(new Delivery(in, server));
            assertThat(lab.udpToClosedPort(NatEndpoint.of("198.51.100.10", 40001), NatEndpoint.of("203.0.113.100", 9))).isTrue();
            TcpOutcome tcp = lab.tcpConnect(NatEndpoint.of("198.51.100.11", 40002), NatEndpoint.of("203.0.113.100", 80));
            assertThat(tcp.kind()).isEqualTo(TcpOutcome.Kind.ESTABLISHED);
            assertThat(tcp.delivery()).contains(new Delivery(NatEndpoint.of("203.0.113.100", 80), NatEndpoint.of("203.0.113.1", 40002)));
            assertThat(lab.describeTable()).contains("dport=40002");
            assertThatThrownBy(() -> lab.udp(NatEndpoint.of("192.0.2.1", 1), server)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> closed.describeTable()).isInstanceOf(NatLabException.class);
    }
}
