package org.netconform.adapters.stunservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.spi.stun.FilteringVerdict;
import org.netconform.spi.stun.MappingVerdict;

/** The discovery clients' output, as they printed it on this machine, in the spec's words. */
class OutputParsersTest {

    static final String NATDISCOVERY_NO_NAT = """
            -= Hairpinning Behavior Discovery =-

            ========================================
            RFC 5780 response 1
            No ALG: Mapped == XOR-Mapped
            0: : IPv4. Response origin: : 127.0.0.1:34780
            0: : IPv4. Other addr: : 127.0.0.2:34781
            0: : IPv4. UDP reflexive addr: 127.0.0.1:35544
            0: : IPv4. Local addr: : 127.0.0.1:35544
            Received a request (maybe a successful hairpinning)

            -= Mapping Behavior Discovery =-

            ========================================
            RFC 5780 response 2
            0: : IPv4. UDP reflexive addr: 127.0.0.1:41494
            0: : IPv4. Local addr: : 127.0.0.1:41494
            ========================================
            No NAT! (Endpoint Independent Mapping)
            ========================================
            RFC 5780 response 3
            0: : IPv4. UDP reflexive addr: 127.0.0.1:41494
            ========================================
            NAT with Endpoint Independent Mapping!
            ========================================

            -= Filtering Behavior Discovery =-
            0: : IPv4. UDP reflexive addr: 127.0.0.1:60490
            No NAT! (Endpoint Independent Mapping)
            NAT with Endpoint Independent Filtering!
            """;

    @Test
    void natdiscoveryWithoutANat() {
        DiscoveryVerdict v = NatDiscoveryOutput.parse(NATDISCOVERY_NO_NAT);
        assertThat(v.summary()).isEqualTo("no-nat / EIF, hairpinning");
        assertThat(v.mapping()).contains(MappingVerdict.EIM);
        assertThat(v.mapped()).contains(new InetSocketAddress("127.0.0.1", 41494));
    }

    @Test
    void natdiscoveryBehindANat() {
        DiscoveryVerdict v = NatDiscoveryOutput.parse("""
                -= Mapping Behavior Discovery =-
                0: : IPv4. UDP reflexive addr: 127.0.0.3:40001
                STUN receive timeout..
                NAT with Address and Port Dependent Mapping!
                -= Filtering Behavior Discovery =-
                0: : IPv4. UDP reflexive addr: 127.0.0.3:40002
                STUN receive timeout..
                NAT with Address Dependent Filtering!
                -= Hairpinning Behavior Discovery =-
                STUN receive timeout..
                """);
        assertThat(v.behindNat()).contains(true);
        assertThat(v.mapping()).contains(MappingVerdict.APDM);
        assertThat(v.filtering()).contains(FilteringVerdict.ADF);
        assertThat(v.hairpinning()).contains(false);
    }

    @Test
    void natdiscoveryWithoutAnswer() {
        DiscoveryVerdict v = NatDiscoveryOutput.parse("\n-= Mapping Behavior Discovery =-\nSTUN receive timeout..\n");
        assertThat(v.connectivity()).isFalse();
        assertThat(v.summary()).isEqualTo("no UDP connectivity");
    }

    @Test
    void stunClientOpen() {
        DiscoveryVerdict v = StunClientOutput.parse("""
                STUN client version 0.97
                test I = 1
                test II = 1
                is nat  = 0
                hairpin = 1
                Primary: Open\t
                Return value is 0x000001
                """);
        assertThat(v.summary()).isEqualTo("no-nat / EIF, hairpinning");
        assertThat(v.mapped()).isEmpty();
    }

    @Test
    void stunClientBehindNats() {
        assertThat(StunClientOutput.parse("Primary: Independent Mapping, Port Dependent Filter, random port, will hairpin\n").summary())
                .isEqualTo("EIM / APDF, hairpinning");
        DiscoveryVerdict dependent = StunClientOutput.parse("Primary: Dependent Mapping, random port, no hairpin\n");
        assertThat(dependent.mapping()).contains(MappingVerdict.ADM_OR_APDM);
        assertThat(dependent.filtering()).isEmpty();
        assertThat(dependent.behindNat()).contains(true);
        assertThat(StunClientOutput.parse("Primary: Blocked or could not reach STUN server\t\n").connectivity()).isFalse();
        assertThat(StunClientOutput.parse("is nat  = 0\nPrimary: Firewall\n").behindNat()).isEqualTo(Optional.of(false));
    }
}
