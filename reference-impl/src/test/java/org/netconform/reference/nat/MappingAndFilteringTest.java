package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.EXTERNAL;
import static org.netconform.reference.nat.Lab.OTHER;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.SERVER_ALT;
import static org.netconform.reference.nat.Lab.ep;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netconform.reference.nat.network.TcpConnection;
import org.netconform.reference.nat.network.TcpState;

/** Mapping (RFC 4787 section 4.1) and filtering (section 5) behaviours, and RFC 5780 discovery of them. */
class MappingAndFilteringTest {

    static Stream<Arguments> grid() {
        return Stream.of(MappingBehavior.values()).flatMap(m -> Stream.of(FilteringBehavior.values())
                .map(f -> Arguments.of(m, f)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("grid")
    void rfc5780DiscoveryFindsTheConfiguredBehaviour(MappingBehavior mapping, FilteringBehavior filtering) {
        Lab lab = new Lab(NatConfig.builder().mapping(mapping).filtering(filtering).build());

        Rfc5780Probe.Classification found = Rfc5780Probe.classify(lab, 40000, 40002);

        assertThat(found).isEqualTo(new Rfc5780Probe.Classification(mapping, filtering));
    }

    @Test
    void endpointIndependentMappingKeepsOneExternalEndpointForEveryDestination() {
        Lab lab = new Lab(NatConfig.defaults());
        Endpoint x = ep(A, 5000);

        assertThat(Stream.of(ep(SERVER, 1), ep(SERVER, 2), ep(SERVER_ALT, 1), ep(OTHER, 9))
                .map(d -> lab.send(x, d).orElseThrow()).distinct()).containsExactly(ep(EXTERNAL, 5000));
        assertThat(lab.mappings()).hasSize(1);
    }

    @Test
    void addressDependentMappingSharesAMappingPerDestinationAddress() {
        Lab lab = new Lab(NatConfig.builder().mapping(MappingBehavior.ADM).build());
        Endpoint x = ep(A, 5000);

        Endpoint toServer1 = lab.send(x, ep(SERVER, 1)).orElseThrow();
        Endpoint toServer2 = lab.send(x, ep(SERVER, 2)).orElseThrow();
        Endpoint toOther = lab.send(x, ep(OTHER, 1)).orElseThrow();

        assertThat(toServer1).isEqualTo(toServer2);
        assertThat(toOther).isNotEqualTo(toServer1);
        assertThat(lab.mappings()).extracting(MappingSnapshot::scope).containsExactly("to " + SERVER, "to " + OTHER);
    }

    @Test
    void addressAndPortDependentMappingMakesOneMappingPerDestinationEndpoint() {
        Lab lab = new Lab(NatConfig.builder().mapping(MappingBehavior.APDM).build());
        Endpoint x = ep(A, 5000);

        Endpoint first = lab.send(x, ep(SERVER, 1)).orElseThrow();
        Endpoint second = lab.send(x, ep(SERVER, 2)).orElseThrow();

        assertThat(first).isEqualTo(ep(EXTERNAL, 5000)); // the first keeps the port
        assertThat(second).isNotEqualTo(first);
        assertThat(lab.mappings()).hasSize(2);
    }

    @Test
    void mappingsAndFiltersAreKeptPerTransport() {
        // RFC 7857 sections 5 and 6: protocol-dependent EIM and EIF are the required defaults.
        Lab lab = new Lab(NatConfig.defaults());
        lab.send(ep(A, 5000), ep(SERVER, 3478));
        lab.server.listen(ep(SERVER, 80));
        TcpConnection c = lab.a.tcp(ep(A, 6000), ep(SERVER, 80));
        c.connect();
        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(lab.mappings()).extracting(MappingSnapshot::transport).containsExactly(Transport.UDP, Transport.TCP);

        TcpConnection probe = lab.other.tcp(ep(OTHER, 9000), ep(EXTERNAL, 5000));
        probe.connect();

        assertThat(probe.state()).as("a SYN to the UDP mapping's port finds no TCP mapping").isEqualTo(TcpState.SYN_SENT);
        assertThat(lab.nat.nat().heldSyns()).hasSize(1);
        assertThat(lab.deliveredAt(ep(OTHER, 9001), ep(EXTERNAL, 6000))).as("UDP to the TCP mapping's port").isEmpty();
    }

    @Test
    void endpointIndependentFilteringAdmitsAnyoneWithoutMakingThemASession() {
        Lab lab = new Lab(NatConfig.defaults());
        Endpoint mapped = lab.mappedA(5000);

        assertThat(lab.deliveredAt(ep(OTHER, 7), mapped)).contains(ep(A, 5000));
        // RFC 7857 section 7: an admitted packet from a stranger creates no filter state.
        assertThat(lab.mappingOf(Transport.UDP, ep(A, 5000)).orElseThrow().sessions())
                .extracting(SessionSnapshot::remote).containsExactly(ep(SERVER, 3478));
    }

    @Test
    void addressDependentFilteringAdmitsOtherPortsOfAContactedAddressOnly() {
        Lab lab = new Lab(NatConfig.builder().filtering(FilteringBehavior.ADF).build());
        Endpoint mapped = lab.mappedA(5000);

        assertThat(lab.deliveredAt(ep(SERVER, 9999), mapped)).isPresent();
        assertThat(lab.deliveredAt(ep(SERVER_ALT, 3478), mapped)).isEmpty();
        assertThat(lab.deliveredAt(ep(OTHER, 3478), mapped)).isEmpty();
    }

    @Test
    void addressAndPortDependentFilteringAdmitsContactedEndpointsOnly() {
        Lab lab = new Lab(NatConfig.builder().filtering(FilteringBehavior.APDF).build());
        Endpoint mapped = lab.mappedA(5000);

        assertThat(lab.deliveredAt(ep(SERVER, 3478), mapped)).isPresent();
        assertThat(lab.deliveredAt(ep(SERVER, 3479), mapped)).isEmpty();
        lab.send(ep(A, 5000), ep(SERVER, 3479)); // now it has sent there too
        assertThat(lab.deliveredAt(ep(SERVER, 3479), mapped)).isPresent();
    }

    @Test
    void aRefusedDatagramIsDroppedSilentlyByDefaultAndAnsweredWhenConfigured() {
        Lab quiet = new Lab(NatConfig.defaults());
        assertThat(quiet.transmit(ep(OTHER, 7), ep(EXTERNAL, 4444)).arrivals()).isEmpty();
        assertThat(quiet.net.log().render()).contains("dropped: UDP 203.0.113.200:7 -> 203.0.113.1:4444").contains("no mapping");

        Lab answering = new Lab(NatConfig.builder().unsolicitedUdp(UnsolicitedUdpResponse.ICMP_PORT_UNREACHABLE).build());
        assertThat(answering.transmit(ep(OTHER, 7), ep(EXTERNAL, 4444)).icmpErrorsAt(ep(OTHER, 7)))
                .singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(EXTERNAL));
    }
}
