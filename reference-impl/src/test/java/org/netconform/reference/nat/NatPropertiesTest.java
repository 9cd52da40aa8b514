package org.netconform.reference.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the NAT state machine under random packet sequences, with fixed seeds: determinism
 * (RFC 4787 REQ-11), endpoint-independent mapping, no port overloading, exact timers, filtering.
 */
class NatPropertiesTest {
    private static final String GATEWAY = "198.51.100.1";
    private static final List<String> INSIDE = List.of("198.51.100.10", "198.51.100.11", "198.51.100.12");
    private static final List<Integer> PORTS = List.of(40000, 40001, 40002, 500, 501, 6000);
    private static final List<Endpoint> REMOTES = List.of(Endpoint.of("203.0.113.100", 3478),
            Endpoint.of("203.0.113.100", 3479), Endpoint.of("203.0.113.101", 3478), Endpoint.of("203.0.113.200", 80),
            Endpoint.of("192.0.2.7", 53));

    enum Kind { OUT_UDP, OUT_SYN, OUT_ACK, IN_UDP, IN_SYN, IN_SYN_ACK, ADVANCE }

    /** One random step: what, from which internal endpoint, with which remote, and how long to wait. */
    record Op(Kind kind, int host, int port, int remote, long waitMillis) {
        Endpoint internal() {
            return Endpoint.of(INSIDE.get(host), PORTS.get(port));
        }

        Endpoint remoteEndpoint() {
            return REMOTES.get(remote);
        }
    }

    @Provide
    Arbitrary<Op> ops() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, INSIDE.size() - 1),
                Arbitraries.integers().between(0, PORTS.size() - 1), Arbitraries.integers().between(0, REMOTES.size() - 1),
                Arbitraries.oneOf(Arbitraries.longs().between(0, 5_000), Arbitraries.longs().between(0, 400_000),
                        Arbitraries.of(60_000L, 120_000L, 240_000L, 300_000L))).as(Op::new);
    }

    @Provide
    Arbitrary<NatPreset> presets() {
        return Arbitraries.of(NatPreset.class);
    }

    /** Runs the ops on a fresh NAT; returns every output and the table after each step. */
    private static List<Object> run(NatConfig config, long seed, List<Op> ops) {
        Nat nat = new Nat(config, GATEWAY, seed);
        List<Object> trace = new ArrayList<>();
        long now = 0;
        for (Op op : ops) {
            trace.add(apply(nat, op, now));
            if (op.kind() == Kind.ADVANCE) {
                now += op.waitMillis();
            }
            trace.add(nat.describeTable());
        }
        return trace;
    }

    private static NatOutput apply(Nat nat, Op op, long now) {
        Endpoint in = op.internal();
        Endpoint remote = op.remoteEndpoint();
        List<MappingSnapshot> mappings = nat.mappings();
        Endpoint external = mappings.isEmpty() ? Endpoint.of(nat.config().externalAddresses().get(0), PORTS.get(op.port()))
                : mappings.get(op.port() % mappings.size()).external();
        return switch (op.kind()) {
            case OUT_UDP -> nat.outbound(new UdpDatagram(in, remote, Payload.of("u")), now);
            case OUT_SYN -> nat.outbound(TcpSegment.of(in, remote, TcpFlag.SYN), now);
            case OUT_ACK -> nat.outbound(TcpSegment.of(in, remote, TcpFlag.ACK), now);
            case IN_UDP -> nat.inbound(new UdpDatagram(remote, external, Payload.of("d")), now);
            case IN_SYN -> nat.inbound(TcpSegment.of(remote, external, TcpFlag.SYN), now);
            case IN_SYN_ACK -> nat.inbound(TcpSegment.of(remote, external, TcpFlag.SYN, TcpFlag.ACK), now);
            case ADVANCE -> nat.tick(now + op.waitMillis());
        };
    }

    @Property(tries = 200, seed = "4787")
    void theSameSeedAndInputsGiveTheSameOutputs(@ForAll("presets") NatPreset preset, @ForAll long seed,
                                                @ForAll @Size(max = 60) List<@From("ops") Op> ops) {
        assertThat(run(preset.config(), seed, ops)).isEqualTo(run(preset.config(), seed, ops));
    }

    @Property(tries = 200, seed = "5382")
    void endpointIndependentMappingKeepsOneExternalEndpoint(
            @ForAll @Size(min = 1, max = 40) List<@From("destinations") Endpoint> destinations,
            @ForAll @Size(min = 40, max = 40) List<@From("gapsUnderFourMinutes") Long> gaps,
            @ForAll boolean tcp) {
        Nat nat = new Nat(NatConfig.defaults(), GATEWAY, 1);
        Endpoint in = Endpoint.of(INSIDE.get(0), 40000);
        Set<Endpoint> sources = new HashSet<>();
        long now = 0;
        for (int i = 0; i < destinations.size(); i++) {
            now += gaps.get(i);
            TransportPacket p = tcp ? TcpSegment.of(in, destinations.get(i), TcpFlag.SYN)
                    : new UdpDatagram(in, destinations.get(i), Payload.of("x"));
            NatOutput out = nat.outbound(p, now);
            sources.add(((TransportPacket) out.packets(Side.OUTSIDE).get(0)).source());
        }
        assertThat(sources).containsExactly(Endpoint.of(NatConfig.DEFAULT_EXTERNAL_ADDRESS, 40000));
    }

    @Provide
    Arbitrary<Endpoint> destinations() {
        return Combinators.combine(Arbitraries.of("203.0.113.100", "203.0.113.101", "203.0.113.200", "192.0.2.9"),
                Arbitraries.integers().between(1, 65_535)).as(Endpoint::new);
    }

    @Provide
    Arbitrary<Long> gapsUnderFourMinutes() {
        return Arbitraries.longs().between(0, 239_999);
    }

    @Property(tries = 200, seed = "7857")
    void noTwoLiveMappingsShareAnExternalEndpoint(@ForAll("compliantAndSymmetric") NatPreset preset,
                                                  @ForAll @Size(max = 80) List<@From("ops") Op> ops) {
        Nat nat = new Nat(preset.config(), GATEWAY, 2);
        long now = 0;
        for (Op op : ops) {
            apply(nat, op, now);
            if (op.kind() == Kind.ADVANCE) {
                now += op.waitMillis();
            }
            Map<String, MappingSnapshot> byExternal = new HashMap<>();
            for (MappingSnapshot m : nat.mappings()) {
                MappingSnapshot before = byExternal.put(m.transport() + " " + m.external(), m);
                assertThat(before).as("%s shares %s with %s", m, m.external(), before).isNull();
            }
        }
    }

    @Provide
    Arbitrary<NatPreset> compliantAndSymmetric() {
        return Arbitraries.of(NatPreset.RFC_COMPLIANT, NatPreset.RESTRICTED_CONE, NatPreset.PORT_RESTRICTED_CONE,
                NatPreset.SYMMETRIC, NatPreset.CARRIER_GRADE, NatPreset.NO_HAIRPIN, NatPreset.SHORT_TIMER);
    }

    @Property(tries = 200, seed = "6888")
    void overlappingPortsNeverShareADestination(@ForAll @Size(max = 80) List<@From("ops") Op> ops) {
        Nat nat = new Nat(NatPreset.LINUX_MASQUERADE.config(), GATEWAY, 3);
        long now = 0;
        for (Op op : ops) {
            apply(nat, op, now);
            if (op.kind() == Kind.ADVANCE) {
                now += op.waitMillis();
            }
            Set<String> tuples = new HashSet<>();
            for (MappingSnapshot m : nat.mappings()) {
                for (SessionSnapshot s : m.sessions()) {
                    assertThat(tuples.add(m.transport() + " " + m.external() + " " + s.remote()))
                            .as("inbound demultiplexing is ambiguous for %s with %s", m.external(), s.remote()).isTrue();
                }
            }
        }
    }

    @Property(tries = 300, seed = "1918")
    void aUdpMappingExpiresExactlyAtItsTimer(@ForAll("udpTimers") long timerMillis,
                                             @ForAll @Size(min = 1, max = 30) List<@From("gapsAroundTimers") Long> gaps) {
        NatConfig config = NatConfig.builder().udpTimeout(java.time.Duration.ofMillis(timerMillis)).build();
        Nat nat = new Nat(config, GATEWAY, 4);
        Endpoint in = Endpoint.of(INSIDE.get(0), 40000);
        Endpoint remote = REMOTES.get(0);
        long now = 0;
        long lastSend = 0;
        nat.outbound(new UdpDatagram(in, remote, Payload.of("x")), now);
        for (long gap : gaps) {
            long g = gap < 0 ? timerMillis + gap + 3 : gap; // negative: near the timer (-3..+3 ms around it)
            now += g;
            NatOutput tick = nat.tick(now);
            boolean alive = now < lastSend + timerMillis;
            assertThat(nat.mappings()).as("at %d ms, last sent at %d ms", now, lastSend).hasSize(alive ? 1 : 0);
            if (!alive) {
                long expiredAt = lastSend + timerMillis;
                assertThat(tick.events()).filteredOn(e -> e.kind() == NatEvent.Kind.MAPPING_EXPIRED)
                        .extracting(NatEvent::at).containsExactly(expiredAt);
            }
            nat.outbound(new UdpDatagram(in, remote, Payload.of("x")), now);
            lastSend = now;
        }
    }

    @Provide
    Arbitrary<Long> udpTimers() {
        return Arbitraries.of(60_000L, 120_000L, 300_000L, 1_000L);
    }

    @Provide
    Arbitrary<Long> gapsAroundTimers() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-6, -1), Arbitraries.longs().between(0, 700_000));
    }

    @Property(tries = 100, seed = "2663")
    void anEstablishedTcpSessionExpiresExactlyAtItsTimer(
            @ForAll @Size(min = 1, max = 10) List<@From("tcpGaps") Long> gaps) {
        long timer = NatConfig.defaults().tcpEstablishedTimeout().toMillis();
        Nat nat = new Nat(NatConfig.defaults(), GATEWAY, 5);
        Endpoint in = Endpoint.of(INSIDE.get(0), 40000);
        Endpoint remote = REMOTES.get(3);
        long now = 0;
        nat.outbound(TcpSegment.of(in, remote, TcpFlag.SYN), now);
        Endpoint external = nat.mappings().get(0).external();
        nat.inbound(TcpSegment.of(remote, external, TcpFlag.SYN, TcpFlag.ACK), now);
        nat.outbound(TcpSegment.of(in, remote, TcpFlag.ACK), now);
        long lastSend = now;
        for (long gap : gaps) {
            now += gap < 0 ? timer + gap + 3 : gap;
            nat.tick(now);
            if (now >= lastSend + timer) {
                assertThat(nat.mappings()).as("at %d ms", now).isEmpty();
                return;
            }
            assertThat(nat.mappings().get(0).sessions().get(0).tcpState()).contains(TcpSessionState.ESTABLISHED);
            nat.outbound(TcpSegment.data(in, remote, Payload.of("keepalive")), now);
            lastSend = now;
        }
    }

    @Provide
    Arbitrary<Long> tcpGaps() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-6, -1), Arbitraries.longs().between(0, 9_000_000));
    }

    @Property(tries = 300, seed = "3489")
    void inboundDatagramsPassExactlyAsTheFilterSays(@ForAll FilteringBehavior filtering,
                                                    @ForAll @Size(max = 60) List<@From("ops") Op> ops) {
        Nat nat = new Nat(NatConfig.builder().filtering(filtering).build(), GATEWAY, 6);
        Map<Endpoint, Endpoint> internalOf = new HashMap<>();
        Map<Endpoint, Set<Endpoint>> contacted = new HashMap<>();
        for (Op op : ops) {
            if (op.kind() == Kind.OUT_UDP) {
                NatOutput out = nat.outbound(new UdpDatagram(op.internal(), op.remoteEndpoint(), Payload.of("u")), 0);
                Endpoint external = ((UdpDatagram) out.packets(Side.OUTSIDE).get(0)).source();
                internalOf.put(external, op.internal());
                contacted.computeIfAbsent(external, e -> new HashSet<>()).add(op.remoteEndpoint());
            } else if (op.kind() == Kind.IN_UDP && !internalOf.isEmpty()) {
                List<Endpoint> externals = new ArrayList<>(internalOf.keySet());
                externals.sort(java.util.Comparator.comparing(Endpoint::toString));
                Endpoint external = externals.get(op.port() % externals.size());
                Endpoint remote = op.remoteEndpoint();
                Set<Endpoint> sent = contacted.get(external);
                boolean admitted = switch (filtering) {
                    case EIF -> true;
                    case ADF -> sent.stream().anyMatch(r -> r.address().equals(remote.address()));
                    case APDF -> sent.contains(remote);
                };
                NatOutput out = nat.inbound(new UdpDatagram(remote, external, Payload.of("d")), 0);
                assertThat(out.packets(Side.INSIDE)).as("%s from %s", filtering, remote)
                        .hasSize(admitted ? 1 : 0);
                if (admitted) {
                    assertThat(((UdpDatagram) out.packets(Side.INSIDE).get(0)).destination())
                            .isEqualTo(internalOf.get(external));
                }
            }
        }
    }

    @Property(tries = 100, seed = "5780")
    void allocatedPortsKeepParityAndRange(@ForAll @Size(max = 120) List<@From("ops") Op> ops) {
        Nat nat = new Nat(NatConfig.defaults(), GATEWAY, 7);
        for (Op op : ops) {
            nat.outbound(new UdpDatagram(op.internal(), op.remoteEndpoint(), Payload.of("u")), 0);
        }
        for (MappingSnapshot m : nat.mappings()) {
            assertThat(m.external().port() % 2).as("%s", m).isEqualTo(m.internal().port() % 2);
            assertThat(m.external().port() < 1024).as("%s", m).isEqualTo(m.internal().port() < 1024);
        }
    }
}
