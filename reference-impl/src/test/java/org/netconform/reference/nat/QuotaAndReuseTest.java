package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.B;
import static org.netconform.reference.nat.Lab.EXTERNAL;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.ep;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netconform.reference.nat.network.Transmission;

/** Per-subscriber port quota (RFC 6888 REQ-4, REQ-11) and the port reuse delay (REQ-8). */
class QuotaAndReuseTest {

    private static NatConfig quota(int n, QuotaExhaustion what) {
        return NatConfig.builder().portQuota(n).quotaExhaustion(what).build();
    }

    @Test
    void aFullQuotaDropsNewFlowsWithHostUnreachableAndKeepsTheOldOnes() {
        Lab lab = new Lab(quota(3, QuotaExhaustion.DROP_NEW));
        for (int i = 0; i < 3; i++) {
            lab.mappedA(40000 + i);
        }

        Transmission t = lab.transmit(ep(A, 40003), ep(SERVER, 3478));

        assertThat(t.icmpErrorsAt(ep(A, 40003))).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(IcmpType.HOST_UNREACHABLE);
            assertThat(e.source()).isEqualTo(Lab.GATEWAY);
        });
        assertThat(lab.mappings()).extracting(m -> m.internal().port()).containsExactly(40000, 40001, 40002);
        assertThat(lab.send(ep(B, 40003), ep(SERVER, 3478))).as("another subscriber has its own quota").isPresent();
        assertThat(lab.send(ep(A, 40000), ep(SERVER, 1))).as("an existing mapping still works").isPresent();
    }

    @Test
    void aFullQuotaCanBeSilent() {
        Lab lab = new Lab(NatConfig.builder().portQuota(1).icmpOnExhaustion(false).build());
        lab.mappedA(40000);

        assertThat(lab.transmit(ep(A, 40001), ep(SERVER, 3478)).arrivals()).isEmpty();
    }

    @Test
    void theQuotaFreesUpWhenMappingsExpire() {
        Lab lab = new Lab(quota(1, QuotaExhaustion.DROP_NEW));
        lab.mappedA(40000);
        lab.advance(Duration.ofMinutes(5));

        assertThat(lab.send(ep(A, 40001), ep(SERVER, 3478))).isPresent();
    }

    @Test
    void theEvictingPresetRemovesTheOldestMapping() {
        Lab lab = new Lab(NatPreset.EVICTING_QUOTA.config());
        for (int i = 0; i < NatPreset.CGN_QUOTA; i++) {
            lab.mappedA(40000 + i);
        }

        assertThat(lab.send(ep(A, 50000), ep(SERVER, 3478))).isPresent();

        assertThat(lab.mappings()).hasSize(NatPreset.CGN_QUOTA);
        assertThat(lab.mappingOf(Transport.UDP, ep(A, 40000))).isEmpty();
        assertThat(lab.net.log().render()).contains("mapping evicted");
    }

    @Test
    void aFreedPortWaitsTwoMinutesBeforeAnotherEndpointGetsIt() {
        Lab lab = new Lab(NatConfig.defaults());
        assertThat(lab.mappedA(40000)).isEqualTo(ep(EXTERNAL, 40000));
        lab.advance(Duration.ofMinutes(5)); // expired at 300 s

        lab.net.addHost("c", lab.nat.inside(), "198.51.100.12");

        lab.advanceMillis(120_000 - 1);
        assertThat(lab.send(ep(B, 40000), ep(SERVER, 3478)).orElseThrow().port()).isNotEqualTo(40000);
        lab.advanceMillis(1);
        assertThat(lab.send(ep("198.51.100.12", 40000), ep(SERVER, 3478))).contains(ep(EXTERNAL, 40000));
    }

    @Test
    void theSameInternalEndpointGetsItsPortBackAtOnce() {
        Lab lab = new Lab(NatConfig.defaults());
        lab.mappedA(40000);
        lab.advance(Duration.ofMinutes(5));

        assertThat(lab.mappedA(40000)).isEqualTo(ep(EXTERNAL, 40000));
    }

    @Test
    void withoutADelayAFreedPortIsReusedAtOnce() {
        Lab lab = new Lab(NatConfig.builder().portReuseDelay(Duration.ZERO).build());
        lab.mappedA(40000);
        lab.advance(Duration.ofMinutes(5));

        assertThat(lab.send(ep(B, 40000), ep(SERVER, 3478))).contains(ep(EXTERNAL, 40000));
    }
}
