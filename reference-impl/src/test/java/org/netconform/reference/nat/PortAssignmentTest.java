package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.B;
import static org.netconform.reference.nat.Lab.EXTERNAL;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.ep;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Port assignment (RFC 4787 section 4.2): preservation, overloading, ranges, parity, allocation order. */
class PortAssignmentTest {

    @Test
    void theInternalPortIsKeptWhenFree() {
        Lab lab = new Lab(NatConfig.defaults());

        assertThat(lab.mappedA(40000)).isEqualTo(ep(EXTERNAL, 40000));
    }

    @ParameterizedTest(name = "internal port {0}")
    @ValueSource(ints = {40000, 40001, 500, 501})
    void onACollisionAnotherPortOfTheSameParityAndRangeIsChosen(int port) {
        Lab lab = new Lab(NatConfig.defaults());
        Endpoint first = lab.send(ep(A, port), ep(SERVER, 3478)).orElseThrow();

        Endpoint second = lab.send(ep(B, port), ep(SERVER, 3478)).orElseThrow();

        assertThat(first.port()).isEqualTo(port);
        assertThat(second.port()).isNotEqualTo(port);
        assertThat(second.port() % 2).as("REQ-4 parity").isEqualTo(port % 2);
        assertThat(second.port() < 1024).as("REQ-3a range").isEqualTo(port < 1024);
    }

    @Test
    void portOverloadingSharesTheExternalPortAndTheNewestMappingGetsInboundTraffic() {
        Lab lab = new Lab(NatPreset.PORT_OVERLOADING.config());

        Endpoint first = lab.send(ep(A, 40000), ep(SERVER, 3478)).orElseThrow();
        Endpoint second = lab.send(ep(B, 40000), ep(SERVER, 3478)).orElseThrow();

        assertThat(first).isEqualTo(second).isEqualTo(ep(EXTERNAL, 40000));
        // Both talk to the same server from the same external endpoint: the server's answer to A reaches
        // B, what makes overloading break two applications using one port towards one destination (REQ-3).
        assertThat(lab.deliveredAt(ep(SERVER, 3478), first)).contains(ep(B, 40000));
    }

    @Test
    void withoutPreservationPortsComeFromTheConfiguredRange() {
        Lab lab = new Lab(NatConfig.builder().portPreservation(false).externalPorts(PortRange.of(20000, 20999)).build());

        for (int i = 0; i < 20; i++) {
            Endpoint mapped = lab.mappedA(40000 + i);
            assertThat(mapped.port()).isBetween(20000, 20999);
            assertThat(mapped.port() % 2).isEqualTo((40000 + i) % 2);
        }
    }

    @Test
    void sequentialAllocationHandsOutTheNextFreePort() {
        Lab lab = new Lab(NatConfig.builder().portPreservation(false).portParity(false)
                .portAllocation(PortAllocation.SEQUENTIAL).externalPorts(PortRange.of(30000, 30100)).build());

        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ports.add(lab.mappedA(40000 + i).port());
        }

        assertThat(ports).containsExactly(30000, 30001, 30002, 30003, 30004);
    }

    @Test
    void sequentialAllocationWithParityStepsByTwo() {
        Lab lab = new Lab(NatConfig.builder().portPreservation(false).portAllocation(PortAllocation.SEQUENTIAL)
                .externalPorts(PortRange.of(30000, 30100)).build());

        assertThat(List.of(lab.mappedA(40000).port(), lab.mappedA(40002).port(), lab.mappedA(40001).port()))
                .containsExactly(30000, 30002, 30001);
    }

    @Test
    void randomAllocationDependsOnTheSeedOnly() {
        NatConfig config = NatConfig.builder().portPreservation(false).build();
        List<Integer> one = new ArrayList<>();
        List<Integer> two = new ArrayList<>();
        List<Integer> otherSeed = new ArrayList<>();
        Lab l1 = new Lab(config, 99);
        Lab l2 = new Lab(config, 99);
        Lab l3 = new Lab(config, 100);
        for (int i = 0; i < 10; i++) {
            one.add(l1.mappedA(40000 + i).port());
            two.add(l2.mappedA(40000 + i).port());
            otherSeed.add(l3.mappedA(40000 + i).port());
        }

        assertThat(one).isEqualTo(two).isNotEqualTo(otherSeed).doesNotHaveDuplicates();
    }

    @Test
    void withoutRangeSeparationAWellKnownPortMayMapAnywhere() {
        Lab lab = new Lab(NatConfig.builder().keepPortRanges(false).portPreservation(false)
                .externalPorts(PortRange.of(50000, 50010)).build());

        assertThat(lab.mappedA(53).port()).isBetween(50000, 50010);
    }

    @Test
    void whenNoPortOfTheRightParityIsFreeTheOtherParityIsUsed() {
        Lab lab = new Lab(NatConfig.builder().portPreservation(false).externalPorts(PortRange.of(30000, 30001)).build());

        Endpoint first = lab.mappedA(40000);
        Endpoint second = lab.mappedA(40002);

        assertThat(List.of(first.port(), second.port())).containsExactly(30000, 30001);
    }

    @Test
    void anExhaustedRangeRefusesTheFlowWithIcmpHostUnreachable() {
        Lab lab = new Lab(NatConfig.builder().portPreservation(false).externalPorts(PortRange.of(30000, 30001)).build());
        lab.mappedA(40000);
        lab.mappedA(40001);

        var t = lab.transmit(ep(A, 40002), ep(SERVER, 3478));

        assertThat(t.icmpErrorsAt(ep(A, 40002))).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(IcmpType.HOST_UNREACHABLE));
        assertThat(lab.mappings()).hasSize(2);
    }
}
