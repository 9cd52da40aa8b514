package org.netconform.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the house rules of nat.md beyond what the parser enforces. */
class NatSpecTest {
    private static final Set<String> FAMILIES =
            Set.of("XLATE", "MAP", "FILT", "TIMER", "HAIR", "ICMP", "TCP", "CGN", "DET", "INFO");

    private static List<SpecRequirement> nat() {
        return SpecCatalog.bundled().all().stream().filter(r -> r.area().equals("nat")).toList();
    }

    @Test
    void everyRequirementIsANatRequirementOfAKnownFamilyWithAnRfcSource() {
        assertThat(nat()).hasSizeBetween(35, 55).allSatisfy(r -> {
            assertThat(r.id()).matches("NAT-[A-Z]+-[0-9]+");
            assertThat(FAMILIES).contains(r.id().split("-")[1]);
            assertThat(r.roles()).containsExactly("nat");
            assertThat(r.layers()).containsExactlyInAnyOrder(Layer.MODEL, Layer.ENDPOINT);
            assertThat(r.source()).matches(".*RFC [0-9]+.*");
        });
    }

    @Test
    void infoRequirementsAreExactlyTheInfoFamily() {
        assertThat(nat()).allSatisfy(r ->
                assertThat(r.level() == Level.INFO).as(r.id()).isEqualTo(r.id().startsWith("NAT-INFO-")));
    }

    @Test
    void numbersInAFamilyAreContiguousFromOne() {
        for (String family : FAMILIES) {
            List<Integer> numbers = nat().stream().map(SpecRequirement::id)
                    .filter(id -> id.startsWith("NAT-" + family + "-"))
                    .map(id -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1))).sorted().toList();
            assertThat(numbers).as(family).isNotEmpty();
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).as(family).isEqualTo(i + 1);
            }
        }
    }

    /** Its suites are complete, so the traceability check holds every MUST and SHOULD to a test. */
    @Test
    void theAreaIsNoLongerADraft() {
        assertThat(SpecCatalog.bundled().draftAreas()).doesNotContain("nat");
    }
}
