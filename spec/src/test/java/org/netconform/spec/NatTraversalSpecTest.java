package org.netconform.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the house rules of nat-traversal.md beyond what the parser enforces; and that it is bundled. */
class NatTraversalSpecTest {
    private static final Map<String, Set<String>> FAMILIES = Map.of(
            "STUN", Set.of("HDR", "ATTR", "XOR", "FP", "UNK", "ERR", "TXN", "RETX"),
            "DISC", Set.of("ATTR", "CHANGE", "RPORT", "PAD", "SRC", "CONN", "MAP", "FILT", "HAIR", "LIFE", "INFO"),
            "TRAV", Set.of("RDV", "UDP", "KA", "TCP", "REV"));

    private static List<SpecRequirement> traversal() {
        return SpecCatalog.bundled().all().stream().filter(r -> r.area().equals("nat-traversal")).toList();
    }

    @Test
    void theFileIsBundledAndNoLongerADraft() {
        assertThat(traversal()).hasSizeGreaterThanOrEqualTo(60);
        // out of draft: the traceability check now requires a test for every MUST and SHOULD
        assertThat(SpecCatalog.bundled().draftAreas()).doesNotContain("nat-traversal");
    }

    @Test
    void everyRequirementIsOfAKnownFamilyRoleAndCitesRfc8489Or5780() {
        assertThat(traversal()).allSatisfy(r -> {
            String[] parts = r.id().split("-");
            assertThat(parts).hasSize(3);
            assertThat(FAMILIES).containsKey(parts[0]);
            assertThat(FAMILIES.get(parts[0])).as(r.id()).contains(parts[1]);
            if (parts[0].equals("TRAV")) {
                assertThat(Set.of("rendezvous", "peer")).containsAll(r.roles());
                assertThat(r.source()).as(r.id()).contains("RFC 5128");
                return;
            }
            assertThat(Set.of("server", "client", "discovery")).containsAll(r.roles());
            assertThat(r.source()).as(r.id()).containsAnyOf("RFC 8489", "RFC 5780");
            if (parts[0].equals("DISC")) {
                assertThat(r.source()).as(r.id()).contains("RFC 5780");
            }
        });
    }

    @Test
    void discoveryRequirementsBindTheDiscoveryClientAndServerOnesTheServer() {
        assertThat(traversal()).filteredOn(r -> r.roles().contains("discovery"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.id()).startsWith("DISC-"));
        assertThat(traversal()).filteredOn(r -> r.id().matches("DISC-(ATTR|CHANGE|RPORT|PAD)-.*"))
                .allSatisfy(r -> assertThat(r.roles()).containsExactly("server"));
    }

    @Test
    void numbersInAFamilyAreContiguousFromOne() {
        for (var prefix : FAMILIES.entrySet()) {
            for (String family : prefix.getValue()) {
                String head = prefix.getKey() + "-" + family + "-";
                List<Integer> numbers = traversal().stream().map(SpecRequirement::id).filter(id -> id.startsWith(head))
                        .map(id -> Integer.parseInt(id.substring(head.length()))).sorted().toList();
                assertThat(numbers).as(head).isNotEmpty();
                for (int i = 0; i < numbers.size(); i++) {
                    assertThat(numbers.get(i)).as(head).isEqualTo(i + 1);
                }
            }
        }
    }
}
