package org.netconform.adapters.pionice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.netconform.spec.Layer;
import org.netconform.spi.Target;
import org.netconform.spi.traversal.IceAgentAdapter;

class PionIceTargetTest {

    @Test
    void registeredWithOneEndpointIceAdapterAndABaseline() {
        Target t = ServiceLoader.load(Target.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.id().equals("pion-ice")).findFirst().orElseThrow();
        assertThat(t.adapters()).hasSize(1);
        IceAgentAdapter a = t.adapter(IceAgentAdapter.class).orElseThrow();
        assertThat(a.layer()).isEqualTo(Layer.ENDPOINT);
        assertThat(t.getClass().getClassLoader().getResource("netconform/baselines/pion-ice.tsv")).isNotNull();
    }

    @Test
    void thePeerIsToldTheStunServerAndItsTimesOrItIsUnsupportedWithAReason() {
        IceAgentAdapter a = new PionIceTarget().adapter(IceAgentAdapter.class).orElseThrow();
        if (a.unavailableReason().isPresent()) {
            // without Go or pion's sources the reason names what is missing
            assertThat(a.unavailableReason().get()).containsAnyOf("golang-go", "golang-github-pion-ice.v2-dev", "go build");
            return;
        }
        assertThat(a.command(IceAgentAdapter.Role.CONTROLLED, "203.0.113.100:3478", Duration.ofSeconds(10), Duration.ofSeconds(20)))
                .containsSubsequence("-role", "controlled").containsSubsequence("-checks", "10000ms")
                .containsSubsequence("-deadline", "20000ms").containsSubsequence("-stun", "stun:203.0.113.100:3478");
        assertThat(new HostOnlyIceTarget().adapter(IceAgentAdapter.class).orElseThrow()
                .command(IceAgentAdapter.Role.CONTROLLING, "203.0.113.100:3478", Duration.ofSeconds(10), Duration.ofSeconds(20)))
                .doesNotContain("-stun");
    }
}
