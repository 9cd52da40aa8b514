package org.netconform.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the house rules of udp-connect.md beyond what the parser enforces. */
class UdpConnectSpecTest {
    private static final Set<String> FAMILIES =
            Set.of("CONNECT", "SEND", "FILTER", "ICMP", "DISC", "BIND", "PEER", "REUSE", "INFO");

    private static List<SpecRequirement> udp() {
        return SpecCatalog.bundled().all().stream().filter(r -> r.area().equals("udp-connect")).toList();
    }

    @Test
    void everyRequirementIsAUdpModelRequirementOfAKnownFamily() {
        assertThat(udp()).hasSizeGreaterThanOrEqualTo(30).allSatisfy(r -> {
            assertThat(r.id()).matches("UDP-[A-Z]+-[0-9]+");
            assertThat(FAMILIES).contains(r.id().split("-")[1]);
            assertThat(r.layers()).containsExactly(Layer.MODEL);
            assertThat(Set.of("socket", "host")).containsAll(r.roles());
            assertThat(r.source()).isNotBlank();
        });
    }

    @Test
    void infoRequirementsAreExactlyTheInfoFamily() {
        assertThat(udp()).allSatisfy(r ->
                assertThat(r.level() == Level.INFO).isEqualTo(r.id().startsWith("UDP-INFO-")));
    }

    @Test
    void numbersInAFamilyAreContiguousFromOne() {
        for (String family : FAMILIES) {
            List<Integer> numbers = udp().stream().map(SpecRequirement::id)
                    .filter(id -> id.startsWith("UDP-" + family + "-"))
                    .map(id -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1))).sorted().toList();
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).as(family).isEqualTo(i + 1);
            }
        }
    }
}
