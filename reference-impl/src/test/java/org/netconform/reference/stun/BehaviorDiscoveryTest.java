package org.netconform.reference.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** RFC 5780 discovery in virtual time behind NATs of every mapping and filtering behaviour. */
class BehaviorDiscoveryTest {
    static final ServerAddresses SERVER = VirtualStunNetwork.twoAddresses();

    static java.util.stream.Stream<Arguments> behaviours() {
        return java.util.Arrays.stream(MappingBehavior.values()).flatMap(m ->
                java.util.Arrays.stream(FilteringBehavior.values()).map(f -> Arguments.of(m, f)));
    }

    private static DiscoveryReport discover(VirtualStunNetwork net, DiscoveryOptions options) throws Exception {
        return new BehaviorDiscovery(net, options).run(SERVER.primary());
    }

    private static DiscoveryOptions options() {
        return DiscoveryOptions.defaults(VirtualStunNetwork.INSIDE);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("behaviours")
    void findsTheNatsMappingAndFiltering(MappingBehavior mapping, FilteringBehavior filtering) throws Exception {
        VirtualStunNetwork net = new VirtualStunNetwork(new VirtualStunNetwork.Nat(mapping, filtering, 0, false))
                .host(SERVER, new StunServerCore(SERVER, StunServerConfig.defaults()));
        DiscoveryReport r = discover(net, options());
        assertThat(r.behindNat()).contains(true);
        assertThat(r.mapping()).as(r.transcript().toString()).contains(mapping);
        assertThat(r.filtering()).as(r.transcript().toString()).contains(filtering);
        // an unanswered filtering test waits the whole RFC schedule: virtual time only
        assertThat(net.nowMillis()).isLessThan(3 * 39_500 + 5_000);
    }

    @Test
    void withoutANatTheMappedAddressIsTheLocalOne() throws Exception {
        VirtualStunNetwork net = new VirtualStunNetwork(null).host(SERVER, new StunServerCore(SERVER, StunServerConfig.defaults()));
        DiscoveryReport r = discover(net, options().withTests(EnumSet.allOf(DiscoveryOptions.Test.class))
                .withLifetime(Duration.ofSeconds(60), Duration.ofSeconds(5)));
        assertThat(r.summary()).isEqualTo("no-nat / EIF, hairpinning, binding lifetime at least 60000 ms");
    }

    @Test
    void withoutOtherAddressNoBehaviourIsGuessed() throws Exception {
        ServerAddresses single = ServerAddresses.single(SERVER.primary());
        VirtualStunNetwork net = new VirtualStunNetwork(new VirtualStunNetwork.Nat(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ENDPOINT_INDEPENDENT, 0, false)).host(single, new StunServerCore(single, StunServerConfig.defaults()));
        DiscoveryReport r = discover(net, options());
        assertThat(r.connectivity()).isTrue();
        assertThat(r.mapping()).isEmpty();
        assertThat(r.filtering()).isEmpty();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("OTHER-ADDRESS"));
    }

    @Test
    void noServerNoConnectivity() throws Exception {
        VirtualStunNetwork net = new VirtualStunNetwork(null);
        DiscoveryReport r = discover(net, options());
        assertThat(r.connectivity()).isFalse();
        assertThat(r.summary()).isEqualTo("no UDP connectivity");
        assertThat(net.nowMillis()).isEqualTo(39_500);
    }

    @Test
    void hairpinningAndItsAbsence() throws Exception {
        for (boolean hairpin : new boolean[] {true, false}) {
            VirtualStunNetwork net = new VirtualStunNetwork(new VirtualStunNetwork.Nat(MappingBehavior.ENDPOINT_INDEPENDENT,
                    FilteringBehavior.ADDRESS_DEPENDENT, 0, hairpin)).host(SERVER, new StunServerCore(SERVER, StunServerConfig.defaults()));
            DiscoveryReport r = discover(net, options().withTests(EnumSet.of(DiscoveryOptions.Test.HAIRPINNING)));
            assertThat(r.hairpinning()).contains(hairpin);
        }
    }

    @Test
    void findsTheBindingLifetimeWithinTheStep() throws Exception {
        VirtualStunNetwork net = new VirtualStunNetwork(new VirtualStunNetwork.Nat(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT, 120_000, false))
                .host(SERVER, new StunServerCore(SERVER, StunServerConfig.defaults()));
        DiscoveryReport r = discover(net, options().withTests(EnumSet.of(DiscoveryOptions.Test.LIFETIME))
                .withLifetime(Duration.ofMinutes(10), Duration.ofSeconds(5)));
        DiscoveryReport.Lifetime l = r.lifetime().orElseThrow();
        assertThat(l.aliveAfter().toMillis()).isLessThanOrEqualTo(120_000);
        assertThat(l.expiredAfter().orElseThrow().toMillis()).isGreaterThan(120_000)
                .isLessThanOrEqualTo(l.aliveAfter().toMillis() + 5_000);
    }

    @Test
    void lifetimeNeedsResponsePort() throws Exception {
        StunServerCore noResponsePort = new StunServerCore(SERVER, StunServerConfig.defaults().withResponsePort(false));
        VirtualStunNetwork net = new VirtualStunNetwork(new VirtualStunNetwork.Nat(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ENDPOINT_INDEPENDENT, 60_000, false)).host(SERVER, noResponsePort);
        DiscoveryReport r = discover(net, options().withTests(EnumSet.of(DiscoveryOptions.Test.LIFETIME)));
        assertThat(r.lifetime()).isEmpty();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("RESPONSE-PORT"));
    }

    @Test
    void aServerThatIgnoresChangeRequestGivesNoFilteringVerdict() throws Exception {
        StunServerCore core = new StunServerCore(SERVER, StunServerConfig.defaults());
        StunDatagramHandler ignoring = d -> core.handle(d).stream()
                .map(out -> new Datagram(d.destination(), out.destination(), out.data())).toList();
        VirtualStunNetwork net = new VirtualStunNetwork(null).host(SERVER, ignoring);
        DiscoveryReport r = discover(net, options());
        assertThat(r.filtering()).isEmpty();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("does not honour CHANGE-REQUEST"));
        assertThat(r.mapped()).contains(new InetSocketAddress(VirtualStunNetwork.INSIDE, 40000));
    }
}
