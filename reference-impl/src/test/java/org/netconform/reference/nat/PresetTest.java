package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.B;
import static org.netconform.reference.nat.Lab.EXTERNAL;
import static org.netconform.reference.nat.Lab.OTHER;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.ep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The presets: what each gives up, and what RFC 5780 discovery finds in each. */
class PresetTest {

    @Test
    void theDefaultsMeetEveryRequirement() {
        assertThat(Compliance.deviations(NatConfig.defaults())).isEmpty();
        assertThat(NatPreset.FULL_CONE.config()).isEqualTo(NatConfig.defaults());
    }

    @Test
    void eachBrokenPresetBreaksTheMustItIsNamedFor() {
        Map<NatPreset, String> expected = Map.of(
                NatPreset.SYMMETRIC, "RFC 4787 REQ-1",
                NatPreset.PORT_OVERLOADING, "RFC 4787 REQ-3",
                NatPreset.NO_HAIRPIN, "RFC 4787 REQ-9",
                NatPreset.INBOUND_ONLY_REFRESH, "RFC 4787 REQ-6",
                NatPreset.ICMP_TEARS_DOWN, "RFC 4787 REQ-12",
                NatPreset.EVICTING_QUOTA, "RFC 6888 REQ-11d",
                NatPreset.SHORT_TIMER, "RFC 4787 REQ-5");
        for (NatPreset p : NatPreset.values()) {
            assertThat(p.selfTest()).as(p.name()).isEqualTo(expected.containsKey(p));
        }
        expected.forEach((preset, requirement) -> assertThat(preset.deviations())
                .as(preset.name())
                .filteredOn(d -> d.level() == Deviation.Level.MUST)
                .extracting(Deviation::requirement)
                .contains(requirement));
    }

    @Test
    void brokenPresetsOtherThanSymmetricBreakOneDimensionOnly() {
        Map<NatPreset, List<String>> exactly = Map.of(
                NatPreset.PORT_OVERLOADING, List.of("RFC 4787 REQ-3", "RFC 5382 REQ-7"),
                NatPreset.NO_HAIRPIN, List.of("RFC 4787 REQ-9", "RFC 5382 REQ-8"),
                NatPreset.INBOUND_ONLY_REFRESH, List.of("RFC 4787 REQ-6"),
                NatPreset.ICMP_TEARS_DOWN, List.of("RFC 4787 REQ-12", "RFC 5382 REQ-10"),
                NatPreset.EVICTING_QUOTA, List.of("RFC 6888 REQ-11d"),
                NatPreset.SHORT_TIMER, List.of("RFC 4787 REQ-5"));
        exactly.forEach((preset, requirements) -> assertThat(preset.deviations()).as(preset.name())
                .extracting(Deviation::requirement).containsExactlyElementsOf(requirements));
    }

    @Test
    void theConesAndTheCarrierGradeNatAreWithinTheRecommendations() {
        assertThat(NatPreset.RESTRICTED_CONE.deviations()).extracting(Deviation::requirement)
                .containsExactly("RFC 6888 REQ-7");
        assertThat(NatPreset.PORT_RESTRICTED_CONE.deviations()).allMatch(d -> d.level() == Deviation.Level.SHOULD);
        assertThat(NatPreset.CARRIER_GRADE.deviations()).isEmpty();
    }

    @Test
    void linuxMasqueradeGivesUpWhatTheAnchorsSay() {
        assertThat(NatPreset.LINUX_MASQUERADE.deviations()).filteredOn(d -> d.level() == Deviation.Level.MUST)
                .extracting(Deviation::requirement)
                .contains("RFC 4787 REQ-1", "RFC 4787 REQ-5", "RFC 4787 REQ-9", "RFC 5382 REQ-4", "RFC 5382 REQ-5");
    }

    @ParameterizedTest
    @EnumSource(NatPreset.class)
    void discoveryFindsEachPresetsClassification(NatPreset preset) {
        Lab lab = new Lab(preset.config());

        Rfc5780Probe.Classification found = Rfc5780Probe.classify(lab, 40000, 40002);

        // Linux: APDM per conntrack entry, but the port is kept while unique, so it is EIM in practice.
        MappingBehavior mapping = preset == NatPreset.LINUX_MASQUERADE ? MappingBehavior.EIM : preset.config().mapping();
        assertThat(found).isEqualTo(new Rfc5780Probe.Classification(mapping, preset.config().filtering()));
    }

    @Test
    void linuxKeepsThePortWhenTheTupleIsUniqueAndChangesItOnACollision() {
        Lab lab = new Lab(NatPreset.LINUX_MASQUERADE.config());

        Endpoint aToServer = lab.send(ep(A, 40000), ep(SERVER, 3478)).orElseThrow();
        Endpoint bToOther = lab.send(ep(B, 40000), ep(OTHER, 3478)).orElseThrow();
        Endpoint bToServer = lab.send(ep(B, 40000), ep(SERVER, 3478)).orElseThrow();

        assertThat(aToServer).isEqualTo(ep(EXTERNAL, 40000));
        assertThat(bToOther).as("port overlapping: another destination").isEqualTo(ep(EXTERNAL, 40000));
        assertThat(bToServer.port()).as("same destination: collision").isNotEqualTo(40000);
        assertThat(lab.deliveredAt(ep(SERVER, 3478), aToServer)).contains(ep(A, 40000));
        assertThat(lab.deliveredAt(ep(OTHER, 3478), bToOther)).contains(ep(B, 40000));
    }

    @Test
    void onLinuxARefusedPacketLeavesAnEntryThatMovesALaterMappingToAnotherPort() {
        Lab lab = new Lab(NatPreset.LINUX_MASQUERADE.config());
        lab.transmit(ep(SERVER, 3478), ep(EXTERNAL, 40000)); // refused: answered with ICMP, entry kept 30 s
        lab.transmit(ep(SERVER, 3478), ep(EXTERNAL, 40002));
        lab.transmit(ep(SERVER, 3478), ep(EXTERNAL, 40004));

        assertThat(lab.send(ep(A, 40000), ep(SERVER, 3478)).orElseThrow().port()).isNotEqualTo(40000);
        assertThat(lab.send(ep(A, 40002), ep(OTHER, 3478))).as("another destination: no clash")
                .contains(ep(EXTERNAL, 40002));
        assertThat(lab.nat.describeTable()).contains("stray entry UDP 203.0.113.100:3478 -> 203.0.113.1:40004");
        lab.advance(Duration.ofSeconds(30));
        assertThat(lab.send(ep(A, 40004), ep(SERVER, 3478))).as("the entry is gone").contains(ep(EXTERNAL, 40004));
    }

    @Test
    void linuxAnswersStrayTrafficAsARouterDoes() {
        Lab lab = new Lab(NatPreset.LINUX_MASQUERADE.config());

        assertThat(lab.transmit(ep(OTHER, 7), ep(EXTERNAL, 4444)).icmpErrorsAt(ep(OTHER, 7))).hasSize(1);
        var c = lab.other.tcp(ep(OTHER, 7), ep(EXTERNAL, 4444));
        c.connect();
        assertThat(c.state()).isEqualTo(org.netconform.reference.nat.network.TcpState.RESET);
    }

    @Test
    void classificationBuildsAConfigFromTheCompliantDefaults() {
        NatConfig c = NatConfig.classified(MappingBehavior.ADM, FilteringBehavior.APDF, false, Hairpinning.OFF);

        assertThat(c.mapping()).isEqualTo(MappingBehavior.ADM);
        assertThat(c.filtering()).isEqualTo(FilteringBehavior.APDF);
        assertThat(c.portPreservation()).isFalse();
        assertThat(c.hairpinning()).isEqualTo(Hairpinning.OFF);
        assertThat(c.udpTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void inconsistentConfigsAreRefused() {
        assertThatThrownBy(() -> NatConfig.builder().portPreservation(false).portOverloading(true).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NatConfig.builder().portOverlapping(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("APDM");
        assertThatThrownBy(() -> NatConfig.builder().externalAddresses(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NatConfig.builder().externalAddresses("203.0.113.01").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NatConfig.builder().udpTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
