package org.netconform.broken.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.netconform.broken.nat.FakeNatConfig.Dep;
import org.netconform.broken.nat.FakeNatConfig.Hairpin;
import org.netconform.broken.nat.FakeNatConfig.Ports;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

/**
 * A small in-process NAT for testing the NAT suite before the reference model lands: a mapping table
 * with per-mapping filters, timers on a clock that only {@link #advance} moves, TCP reduced to
 * connection counts per mapping. It is not the reference model: it is as simple as the suite's own
 * tests allow, and {@link FakeNatConfig} says where it is deliberately wrong.
 */
final class FakeNat implements NatLab {
    private final NatTopology topology;
    private final FakeNatConfig cfg;
    private final boolean virtual;
    private final Random random = new Random(20261201L);
    private final List<Mapping> mappings = new ArrayList<>();
    private final Set<NatEndpoint> udpSockets = new HashSet<>();
    private final Set<NatEndpoint> tcpListeners = new HashSet<>();
    private final Map<String, List<Mapping>> connections = new HashMap<>();
    private final Map<NatEndpoint, Long> quarantinedUntil = new HashMap<>();
    private long now;
    private long created;
    private boolean collided;
    private int nextSequential = 20_000;
    private int roundRobin;

    private static final class Mapping {
        final String proto;
        final NatEndpoint inside;
        final NatEndpoint external;
        final String key;
        final long order;
        final Set<String> admittedAddresses = new HashSet<>();
        final Set<NatEndpoint> admittedEndpoints = new HashSet<>();
        long lastActive;
        boolean replied;
        int open;

        Mapping(String proto, NatEndpoint inside, NatEndpoint external, String key, long order, long now) {
            this.proto = proto;
            this.inside = inside;
            this.external = external;
            this.key = key;
            this.order = order;
            this.lastActive = now;
        }

        @Override
        public String toString() {
            return proto + " " + inside + " <-> " + external + (key.isEmpty() ? "" : " (for " + key + ")") + " admits "
                    + admittedEndpoints + (open > 0 ? ", " + open + " open" : "");
        }
    }

    FakeNat(NatTopology topology, FakeNatConfig cfg, boolean virtual) {
        this.topology = topology;
        this.cfg = cfg;
        this.virtual = virtual;
    }

    @Override
    public NatTopology topology() {
        return topology;
    }

    @Override
    public boolean virtualTime() {
        return virtual;
    }

    // ---- addresses

    private boolean inside(NatEndpoint e) {
        return topology.insideHosts().contains(e.address());
    }

    private boolean outside(NatEndpoint e) {
        return topology.serverAddresses().contains(e.address()) || topology.otherOutsideHost().equals(e.address());
    }

    private boolean external(NatEndpoint e) {
        return topology.externalAddresses().contains(e.address());
    }

    private void check(NatEndpoint from, NatEndpoint to) {
        if (!inside(from) && !outside(from)) {
            throw new IllegalArgumentException("not a host of this lab: " + from);
        }
        if (!inside(to) && !outside(to) && !external(to)) {
            throw new IllegalArgumentException("not an address of this lab: " + to);
        }
    }

    // ---- the table

    private Dep mappingDep() {
        return cfg.apdmAfterCollision() && collided ? Dep.ADDRESS_AND_PORT : cfg.mapping();
    }

    private static String key(Dep dep, NatEndpoint dest) {
        return switch (dep) {
            case ENDPOINT_INDEPENDENT -> "";
            case ADDRESS -> dest.address();
            case ADDRESS_AND_PORT -> dest.toString();
        };
    }

    private long timeout(Mapping m) {
        if (m.proto.equals("udp")) {
            return (m.replied ? cfg.udpReplied() : cfg.udpOneWay()).toMillis();
        }
        return (m.open > 0 ? cfg.tcpEstablished() : cfg.tcpTransitory()).toMillis();
    }

    private void purge() {
        for (Mapping m : List.copyOf(mappings)) {
            long expiry = m.lastActive + timeout(m);
            if (now >= expiry) {
                release(m, expiry);
            }
        }
    }

    private void release(Mapping m, long at) {
        mappings.remove(m);
        connections.values().removeIf(ms -> ms.contains(m));
        if (!cfg.portQuarantine().isZero()) {
            quarantinedUntil.put(m.external, at + cfg.portQuarantine().toMillis());
        }
    }

    private Optional<Mapping> outbound(String proto, NatEndpoint from, NatEndpoint dest) {
        purge();
        String key = key(mappingDep(), dest);
        Mapping m = mappings.stream().filter(v -> v.proto.equals(proto) && v.inside.equals(from) && v.key.equals(key))
                .findFirst().orElse(null);
        if (m == null) {
            m = create(proto, from, key);
            if (m == null) {
                return Optional.empty();
            }
        } else if (cfg.outboundRefresh()) {
            m.lastActive = now;
        }
        m.admittedAddresses.add(dest.address());
        m.admittedEndpoints.add(dest);
        return Optional.of(m);
    }

    private Mapping create(String proto, NatEndpoint from, String key) {
        if (cfg.quota().isPresent()) {
            List<Mapping> held = mappings.stream().filter(v -> v.inside.address().equals(from.address())).toList();
            long ports = held.stream().map(v -> v.external).distinct().count();
            if (ports >= cfg.quota().get()) {
                if (!cfg.evictAtQuota()) {
                    return null;
                }
                release(held.stream().min((a, b) -> Long.compare(a.order, b.order)).orElseThrow(), now);
            }
        }
        List<String> pool = topology.externalAddresses();
        String address = cfg.pairedPooling() ? pool.get(topology.insideHosts().indexOf(from.address()) % pool.size())
                : pool.get(roundRobin++ % pool.size());
        int port;
        if (cfg.ports() == Ports.PRESERVE && (cfg.overload() || free(proto, address, from.port()))) {
            port = from.port();
        } else {
            if (cfg.ports() == Ports.PRESERVE) {
                collided = true;
            }
            port = choose(proto, address, from.port());
        }
        Mapping m = new Mapping(proto, from, NatEndpoint.of(address, port), key, created++, now);
        mappings.add(m);
        return m;
    }

    private boolean free(String proto, String address, int port) {
        NatEndpoint e = NatEndpoint.of(address, port);
        Long until = quarantinedUntil.get(e);
        return (until == null || now >= until)
                && mappings.stream().noneMatch(v -> v.proto.equals(proto) && v.external.equals(e));
    }

    private int choose(String proto, String address, int wanted) {
        boolean low = cfg.keepParityAndRange() && wanted < 1024;
        int min = low ? 600 : 1024;
        int max = low ? 1023 : 65_535;
        for (int attempt = 0; attempt < 100_000; attempt++) {
            int p;
            if (cfg.ports() == Ports.SEQUENTIAL) {
                p = nextSequential++;
                if (nextSequential > 65_535) {
                    nextSequential = 20_000;
                }
                if (low) {
                    p = min + p % (max - min + 1);
                }
            } else {
                p = low ? min + random.nextInt(max - min + 1) : 20_000 + random.nextInt(40_000);
            }
            if (cfg.keepParityAndRange() && p % 2 != wanted % 2) {
                continue;
            }
            if (free(proto, address, p)) {
                return p;
            }
        }
        throw new IllegalStateException("no free port");
    }

    private Optional<Mapping> inbound(String proto, NatEndpoint from, NatEndpoint to) {
        purge();
        List<Mapping> candidates = mappings.stream().filter(v -> v.proto.equals(proto) && v.external.equals(to))
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Mapping m = candidates.get(candidates.size() - 1);
        boolean admitted = switch (cfg.filtering()) {
            case ENDPOINT_INDEPENDENT -> true;
            case ADDRESS -> m.admittedAddresses.contains(from.address());
            case ADDRESS_AND_PORT -> m.admittedEndpoints.contains(from);
        };
        if (!admitted) {
            return Optional.empty();
        }
        m.replied = true;
        if (cfg.inboundRefresh()) {
            m.lastActive = now;
        }
        return Optional.of(m);
    }

    // ---- UDP

    @Override
    public Optional<Delivery> udp(NatEndpoint from, NatEndpoint to) {
        check(from, to);
        udpSockets.add(from);
        if (!external(to)) {
            udpSockets.add(to);
        }
        if (inside(from)) {
            if (outside(to)) {
                return outbound("udp", from, to).map(m -> new Delivery(to, m.external));
            }
            if (inside(to)) {
                return Optional.of(new Delivery(to, from));
            }
            return hairpin("udp", from, to).filter(d -> udpSockets.contains(d.receivedAt()));
        }
        if (external(to)) {
            return inbound("udp", from, to).filter(m -> udpSockets.contains(m.inside))
                    .map(m -> new Delivery(m.inside, from));
        }
        return outside(to) ? Optional.of(new Delivery(to, from)) : Optional.empty();
    }

    private Optional<Delivery> hairpin(String proto, NatEndpoint from, NatEndpoint to) {
        if (cfg.hairpin() == Hairpin.NONE) {
            return Optional.empty();
        }
        Optional<Mapping> own = outbound(proto, from, to);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        NatEndpoint presented = cfg.hairpin() == Hairpin.EXTERNAL ? own.get().external : from;
        return inbound(proto, presented, to).map(m -> new Delivery(m.inside, presented));
    }

    @Override
    public boolean udpToClosedPort(NatEndpoint from, NatEndpoint to) {
        check(from, to);
        if (!inside(from) || !outside(to)) {
            throw new IllegalArgumentException("udpToClosedPort goes from inside to outside: " + from + " -> " + to);
        }
        udpSockets.add(from);
        Optional<Mapping> m = outbound("udp", from, to);
        if (m.isEmpty()) {
            return false;
        }
        if (cfg.icmpTearsDown()) {
            release(m.get(), now);
        }
        return true;
    }

    // ---- TCP

    private static String conn(NatEndpoint a, NatEndpoint b) {
        return a + "|" + b;
    }

    private TcpOutcome established(NatEndpoint from, NatEndpoint to, Delivery d, Mapping... used) {
        for (Mapping m : used) {
            m.open++;
            m.lastActive = now;
        }
        connections.put(conn(from, to), List.of(used));
        return TcpOutcome.established(d);
    }

    @Override
    public TcpOutcome tcpConnect(NatEndpoint from, NatEndpoint to) {
        check(from, to);
        if (inside(from)) {
            if (outside(to)) {
                return outbound("tcp", from, to)
                        .map(m -> established(from, to, new Delivery(to, m.external), m))
                        .orElse(TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER));
            }
            if (inside(to)) {
                return established(from, to, new Delivery(to, from));
            }
            if (cfg.hairpin() == Hairpin.NONE) {
                return TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER);
            }
            Optional<Mapping> own = outbound("tcp", from, to);
            if (own.isEmpty()) {
                return TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER);
            }
            NatEndpoint presented = cfg.hairpin() == Hairpin.EXTERNAL ? own.get().external : from;
            Optional<Mapping> target = inbound("tcp", presented, to);
            if (target.isEmpty()) {
                return TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER);
            }
            if (!tcpListeners.contains(target.get().inside)) {
                return TcpOutcome.of(TcpOutcome.Kind.RESET);
            }
            return established(from, to, new Delivery(target.get().inside, presented), own.get(), target.get());
        }
        if (external(to)) {
            Optional<Mapping> m = inbound("tcp", from, to);
            if (m.isEmpty()) {
                return TcpOutcome.of(cfg.unsolicitedSyn());
            }
            if (!tcpListeners.contains(m.get().inside)) {
                return TcpOutcome.of(TcpOutcome.Kind.RESET);
            }
            return established(from, to, new Delivery(m.get().inside, from), m.get());
        }
        return outside(to) ? established(from, to, new Delivery(to, from)) : TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER);
    }

    @Override
    public void tcpListen(NatEndpoint at) {
        tcpListeners.add(at);
    }

    @Override
    public TcpOutcome tcpSimultaneousOpen(NatEndpoint insideEnd, NatEndpoint outsideEnd, NatEndpoint insideMapping) {
        check(insideEnd, outsideEnd);
        Optional<Mapping> m = outbound("tcp", insideEnd, outsideEnd);
        if (m.isEmpty()) {
            return TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER);
        }
        Optional<Mapping> back = inbound("tcp", outsideEnd, insideMapping);
        if (back.isEmpty() || back.get() != m.get()) {
            return TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER);
        }
        return established(insideEnd, outsideEnd, new Delivery(outsideEnd, m.get().external), m.get());
    }

    @Override
    public void tcpClose(NatEndpoint from, NatEndpoint to, boolean reset) {
        List<Mapping> used = connections.remove(conn(from, to));
        if (used == null) {
            used = connections.remove(conn(to, from));
        }
        if (used != null) {
            for (Mapping m : used) {
                m.open = Math.max(0, m.open - 1);
                m.lastActive = now;
            }
        }
    }

    // ---- time and the rest

    @Override
    public void advance(Duration duration) {
        now += duration.toMillis();
    }

    @Override
    public String describeTable() {
        purge();
        return mappings.stream().map(Mapping::toString).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        mappings.clear();
    }
}
