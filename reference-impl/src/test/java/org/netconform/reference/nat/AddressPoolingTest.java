package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.B;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.ep;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** IP address pooling (RFC 4787 section 4.1, REQ-2; RFC 6888 REQ-2; RFC 7857 section 4). */
class AddressPoolingTest {
    private static final List<String> POOL = List.of("203.0.113.1", "203.0.113.2", "203.0.113.3");

    @Test
    void pairedPoolingKeepsEveryMappingOfAnInternalAddressOnOneExternalAddress() {
        Lab lab = new Lab(NatConfig.builder().externalAddresses(POOL).build());

        List<String> ofA = IntStream.range(0, 6).mapToObj(i -> lab.mappedA(40000 + i).address()).distinct().toList();
        String ofB = lab.send(ep(B, 40000), ep(SERVER, 3478)).orElseThrow().address();

        assertThat(ofA).containsExactly("203.0.113.1");
        assertThat(ofB).as("a new subscriber goes to the least used address").isEqualTo("203.0.113.2");
    }

    @Test
    void pairedPoolingAlsoHoldsAcrossTransports() {
        Lab lab = new Lab(NatConfig.builder().externalAddresses(POOL).build());
        lab.send(ep(B, 40000), ep(SERVER, 3478)); // B takes .1
        lab.mappedA(40000); // A takes .2
        lab.server.listen(ep(SERVER, 80));

        lab.a.tcp(ep(A, 41000), ep(SERVER, 80)).connect();

        assertThat(lab.mappingOf(Transport.TCP, ep(A, 41000)).orElseThrow().external().address()).isEqualTo("203.0.113.2");
    }

    @Test
    void arbitraryPoolingSpreadsOneHostsMappingsOverThePool() {
        Lab lab = new Lab(NatConfig.builder().externalAddresses(POOL).pooling(AddressPooling.ARBITRARY).build());

        List<String> addresses = IntStream.range(0, 3).mapToObj(i -> lab.mappedA(40000 + i).address()).toList();

        assertThat(addresses).containsExactly("203.0.113.1", "203.0.113.2", "203.0.113.3");
    }

    @Test
    void strictPairingDropsANewFlowWhenThePairedAddressHasNoPortLeft() {
        // RFC 7857 section 4: no borrowing from another address of the pool.
        Lab lab = new Lab(NatConfig.builder().externalAddresses(POOL).portPreservation(false).portParity(false)
                .externalPorts(PortRange.of(30000, 30001)).build());
        lab.mappedA(40000);
        lab.mappedA(40001);

        assertThat(lab.send(ep(A, 40002), ep(SERVER, 3478))).isEmpty();
        assertThat(lab.send(ep(B, 40002), ep(SERVER, 3478)).orElseThrow().address()).isEqualTo("203.0.113.2");
    }

    @Test
    void theCarrierGradePresetPairsAndRandomises() {
        Lab lab = new Lab(NatPreset.CARRIER_GRADE.config());

        List<Endpoint> mapped = IntStream.range(0, 5).mapToObj(i -> lab.mappedA(40000 + i)).toList();

        assertThat(mapped).extracting(Endpoint::address).containsOnly("203.0.113.1");
        assertThat(mapped).extracting(Endpoint::port).doesNotContainAnyElementsOf(
                IntStream.range(40000, 40005).boxed().toList());
    }
}
