package org.netconform.suites.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.suites.nat.NatClassification.Filtering;
import org.netconform.suites.nat.NatClassification.Hairpin;
import org.netconform.suites.nat.NatClassification.Mapping;
import org.netconform.suites.nat.NatClassification.PortAssignment;
import org.netconform.suites.nat.NatClassification.Pooling;
import org.netconform.suites.nat.NatTimers.Flow;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.TcpOutcome;

/**
 * Learns what a NAT is, RFC 5780 §4 style, through its labs: the classification steps of nat.md, in
 * that order, each in a lab of its own so that no step sees state another left (a Linux router keeps an
 * UNREPLIED conntrack entry for a packet it refused, which can change later mappings of that socket).
 * Every finding is learned once per target and run ({@link NatFacts}) and written with its evidence.
 */
final class NatClassifier {

    private NatClassifier() {
    }

    // ---- step 1: mapping (RFC 5780 §4.3), inside port m

    static Mapping mapping(NatAdapter nat) {
        return NatFacts.get(nat, "mapping", () -> {
            try (NatBench b = NatBench.open(nat)) {
                NatEndpoint x = b.x1(b.fresh());
                Optional<NatEndpoint> m1 = b.map(x, b.s1a());
                Optional<NatEndpoint> m2 = b.map(x, b.s2a());
                if (m1.isEmpty() || m2.isEmpty()) {
                    return conclude("UDP mapping", Mapping.UNCLASSIFIED, "a probe did not cross the NAT");
                }
                if (m1.equals(m2)) {
                    return conclude("UDP mapping", Mapping.EIM, "the other server address saw the same mapping");
                }
                Optional<NatEndpoint> m3 = b.map(x, b.s2b());
                if (m3.isEmpty()) {
                    return conclude("UDP mapping", Mapping.UNCLASSIFIED, "the third probe did not cross the NAT");
                }
                return m3.equals(m2)
                        ? conclude("UDP mapping", Mapping.ADM, "a new mapping per address, kept across its ports")
                        : conclude("UDP mapping", Mapping.APDM, "a new mapping per address and port");
            }
        });
    }

    // ---- step 2: filtering (RFC 5780 §4.4), a different inside port f

    static Filtering filtering(NatAdapter nat) {
        return NatFacts.get(nat, "filtering", () -> {
            try (NatBench b = NatBench.open(nat)) {
                NatEndpoint x = b.x1(b.fresh());
                Optional<NatEndpoint> m = b.map(x, b.s1a());
                if (m.isEmpty()) {
                    return conclude("UDP filtering", Filtering.UNCLASSIFIED, "the first probe did not cross the NAT");
                }
                if (!b.reaches(b.s1a(), m.get(), x)) {
                    return conclude("UDP filtering", Filtering.UNCLASSIFIED, "not even the reply was admitted");
                }
                boolean otherAddressAndPort = b.reaches(b.s2b(), m.get(), x);
                boolean otherPort = b.reaches(b.s1b(), m.get(), x);
                if (otherAddressAndPort && otherPort) {
                    return conclude("UDP filtering", Filtering.EIF, "another address and port were admitted");
                }
                if (otherPort) {
                    return conclude("UDP filtering", Filtering.ADF, "only the address sent to was admitted");
                }
                if (!otherAddressAndPort) {
                    return conclude("UDP filtering", Filtering.APDF, "only the endpoint sent to was admitted");
                }
                return conclude("UDP filtering", Filtering.UNCLASSIFIED,
                        "another address was admitted but not another port of the address sent to");
            }
        });
    }

    // ---- step 3: port assignment and parity

    /**
     * @param firsts   X1's mappings, one per port: no collision, so a preserving NAT keeps the port
     * @param seconds  X2's mappings from the same ports to the same server: each collides with X1's
     * @param chosen   the external ports the NAT had to choose (X2's changed ports; everything when
     *                 nothing is preserved), in the order it chose them
     */
    record PortSample(List<int[]> firsts, List<int[]> seconds, PortAssignment assignment, boolean parity,
                      List<Integer> chosen) {
        String describe() {
            return "X1 " + pairs(firsts) + "; X2, colliding " + pairs(seconds);
        }

        private static String pairs(List<int[]> ps) {
            return ps.stream().map(p -> p[0] + "->" + p[1]).toList().toString();
        }
    }

    static PortSample ports(NatAdapter nat) {
        return NatFacts.get(nat, "ports", () -> {
            try (NatBench b = NatBench.open(nat)) {
                List<Integer> ports = parityPairs(b, 12);
                List<NatEndpoint> peers = b.serverEndpoints();
                List<int[]> firsts = new ArrayList<>();
                List<int[]> seconds = new ArrayList<>();
                for (int i = 0; i < ports.size(); i++) {
                    int p = ports.get(i);
                    b.map(b.x1(p), peers.get(i % peers.size())).ifPresent(e -> firsts.add(new int[] {p, e.port()}));
                }
                // X2 from the same port to the same destination: every one collides with X1's
                for (int i = 0; i < ports.size(); i++) {
                    int p = ports.get(i);
                    b.map(b.x2(p), peers.get(i % peers.size())).ifPresent(e -> seconds.add(new int[] {p, e.port()}));
                }
                boolean preserved = !firsts.isEmpty() && firsts.stream().allMatch(p -> p[0] == p[1]);
                List<Integer> chosen = new ArrayList<>();
                if (preserved) {
                    seconds.stream().filter(p -> p[0] != p[1]).forEach(p -> chosen.add(p[1]));
                } else {
                    firsts.forEach(p -> chosen.add(p[1]));
                    seconds.forEach(p -> chosen.add(p[1]));
                }
                PortAssignment a = preserved ? PortAssignment.PRESERVED
                        : equalSteps(chosen) ? PortAssignment.SEQUENTIAL : PortAssignment.RANDOM;
                boolean parity = firsts.stream().allMatch(p -> p[0] % 2 == p[1] % 2)
                        && seconds.stream().allMatch(p -> p[0] % 2 == p[1] % 2);
                PortSample s = new PortSample(firsts, seconds, a, parity, chosen);
                NatEvidence.line("port assignment: " + a + ", parity " + (parity ? "kept" : "not kept") + "; "
                        + s.describe() + "; chosen " + chosen);
                return s;
            }
        });
    }

    /**
     * {@code n} fresh inside ports, two even then two odd and so on. Two of a parity stand next to each
     * other, since in strict alternation a counter that adds one keeps every port's parity by chance; and
     * there are enough that a NAT choosing at random keeps them all only by a chance of 2^-n/2 or less.
     * A declared quota caps {@code n}.
     */
    static List<Integer> parityPairs(NatBench b, int n) {
        int quota = b.quota().orElse(n);
        if (quota < n) {
            // a subscriber's quota caps its mappings: no more samples than it may hold
            n = quota;
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ports.add(b.fresh(i % 4 < 2));
        }
        return ports;
    }

    /** At least three ports in equal, non-zero steps: what a sequential allocator gives. */
    static boolean equalSteps(List<Integer> ports) {
        if (ports.size() < 3) {
            return false;
        }
        int step = ports.get(1) - ports.get(0);
        for (int i = 2; i < ports.size(); i++) {
            if (ports.get(i) - ports.get(i - 1) != step) {
                return false;
            }
        }
        return step != 0;
    }

    // ---- step 4: collision handling

    static final String OVERLOADED = "overloaded";

    static String collision(NatAdapter nat) {
        return NatFacts.get(nat, "collision", () -> {
            try (NatBench b = NatBench.open(nat)) {
                int c = b.fresh();
                NatEndpoint m1 = b.mapOrAbort(b.x1(c), b.s1a());
                Optional<NatEndpoint> m2 = b.map(b.x2(c), b.s1a());
                String what;
                if (m2.isEmpty()) {
                    what = "second host dropped";
                } else if (m2.get().equals(m1)) {
                    what = OVERLOADED;
                } else if (!b.reaches(b.s1a(), m1, b.x1(c))) {
                    what = "taken over";
                } else if (!m2.get().address().equals(m1.address())) {
                    what = m2.get().port() == m1.port() ? "another address, same port" : "another address and port";
                } else {
                    what = "another port";
                }
                NatEvidence.line("collision handling: " + what);
                return what;
            }
        });
    }

    // ---- step 5: hairpinning, pooling, overlapping, TCP, unsolicited SYNs

    /**
     * NAT-INFO-6 from the hairpin probes between every pair of inside hosts ({@link NatHairpinning}): the
     * source presented when every pair arrived, {@code partial} when only some did, none when none did, and
     * {@code undetermined} when nothing arrived where the probes cannot tell "none" from "filtered".
     */
    static Hairpin hairpin(NatAdapter nat) {
        boolean decidable = NatHairpinning.udpUndecidable(nat).isEmpty();
        List<NatHairpinning.Attempt> attempts = NatHairpinning.udp(nat);
        long arrived = attempts.stream().filter(a -> a.arrived().isPresent()).count();
        if (arrived == 0) {
            return decidable ? Hairpin.NONE : Hairpin.UNDETERMINED;
        }
        if (arrived < attempts.size()) {
            return Hairpin.PARTIAL;
        }
        boolean external = attempts.stream().allMatch(a -> nat.topology().externalAddresses()
                .contains(a.arrived().orElseThrow().seenSource().address()));
        return external ? Hairpin.EXTERNAL_SOURCE : Hairpin.INTERNAL_SOURCE;
    }

    /** Pooling, and the external addresses each inside host was seen with. */
    record PoolSample(Pooling pooling, List<Set<String>> addressesPerHost) {
    }

    static PoolSample pooling(NatAdapter nat) {
        return NatFacts.get(nat, "pooling", () -> {
            try (NatBench b = NatBench.open(nat)) {
                List<Set<String>> perHost = new ArrayList<>();
                int shared = b.fresh();
                for (int host = 0; host < 2; host++) {
                    Set<String> seen = new LinkedHashSet<>();
                    // one port both hosts use (a collision may push the second onto another address)
                    b.map(b.inside(host, shared), b.s1a()).ifPresent(e -> seen.add(e.address()));
                    for (int i = 0; i < 4; i++) {
                        b.map(b.inside(host, b.fresh()), i % 2 == 0 ? b.s1a() : b.s2a())
                                .ifPresent(e -> seen.add(e.address()));
                    }
                    perHost.add(seen);
                }
                Pooling p = b.topology().externalAddresses().size() == 1 ? Pooling.SINGLE_ADDRESS
                        : perHost.stream().allMatch(s -> s.size() <= 1) ? Pooling.PAIRED : Pooling.ARBITRARY;
                NatEvidence.line("address pooling: " + p + "; external addresses per inside host " + perHost);
                return new PoolSample(p, perHost);
            }
        });
    }

    static final String OVERLAPPING = "overlapping";

    /**
     * NAT-INFO-12: X1 sends from port c to S1:a, then X2 from port c to S2:a; overlapping when X2 gets an
     * external endpoint X1 holds. A port-preserving NAT shows it with one mapping; a NAT that picks ports
     * from a small pool only by chance, so where the adapter declares a quota (a pool that small) X1 first
     * takes a quota's worth of ports towards S1:a, and X2's endpoint is one of them exactly when the NAT
     * overlaps.
     */
    static String overlapping(NatAdapter nat) {
        return NatFacts.get(nat, "overlapping", () -> {
            try (NatBench b = NatBench.open(nat)) {
                int c = b.fresh();
                Set<NatEndpoint> held = new LinkedHashSet<>();
                held.add(b.mapOrAbort(b.x1(c), b.s1a()));
                int quota = b.quota().orElse(1);
                for (int i = 1; i < quota; i++) {
                    b.map(b.x1(b.fresh()), b.s1a()).ifPresent(held::add);
                }
                NatEndpoint m2 = b.mapOrAbort(b.x2(c), b.s2a());
                String what = held.contains(m2) ? OVERLAPPING : "not overlapping";
                NatEvidence.line("port overlapping: " + what + " (X2 towards S2:a got " + m2 + "; X1 holds "
                        + held.size() + " towards S1:a)");
                return what;
            }
        });
    }

    /** TCP mapping and filtering (NAT-INFO-13). */
    record TcpBehaviour(Mapping mapping, Filtering filtering) {
        @Override
        public String toString() {
            return mapping + "/" + filtering;
        }
    }

    static TcpBehaviour tcp(NatAdapter nat) {
        return NatFacts.get(nat, "tcp", () -> {
            Mapping mapping;
            try (NatBench b = NatBench.open(nat)) {
                NatEndpoint x = b.x1(b.fresh());
                NatEndpoint e1 = b.tcpMapOrAbort(x, b.s1a());
                NatEndpoint e2 = b.tcpMapOrAbort(x, b.s2a());
                if (e1.equals(e2)) {
                    mapping = Mapping.EIM;
                } else {
                    mapping = b.tcpMapOrAbort(x, b.s2b()).equals(e2) ? Mapping.ADM : Mapping.APDM;
                }
            }
            Filtering filtering;
            try (NatBench b = NatBench.open(nat)) {
                NatEndpoint f = b.x1(b.fresh());
                NatEndpoint m = b.tcpMapOrAbort(f, b.s1a());
                b.listen(f);
                if (admitted(b.tcp(b.s2b(), m), f)) {
                    filtering = Filtering.EIF;
                } else if (admitted(b.tcp(b.s1b(), m), f)) {
                    filtering = Filtering.ADF;
                } else {
                    filtering = Filtering.APDF;
                }
            }
            TcpBehaviour t = new TcpBehaviour(mapping, filtering);
            NatEvidence.line("TCP mapping/filtering: " + t
                    + (filtering == Filtering.APDF ? " (or connection-dependent: the lab cannot tell them apart)" : ""));
            return t;
        });
    }

    static boolean admitted(TcpOutcome t, NatEndpoint inside) {
        return t.kind() == TcpOutcome.Kind.ESTABLISHED
                && t.delivery().map(d -> d.receivedAt().equals(inside)).orElse(false);
    }

    static TcpOutcome.Kind unsolicitedSyn(NatAdapter nat) {
        return NatFacts.get(nat, "unsolicited-syn", () -> {
            try (NatBench b = NatBench.open(nat)) {
                NatEndpoint nowhere = NatEndpoint.of(b.topology().externalAddresses().get(0), b.fresh());
                TcpOutcome.Kind k = b.tcp(b.o(), nowhere).kind();
                NatEvidence.line("unsolicited SYN to " + nowhere + ": " + k);
                return k;
            }
        });
    }

    // ---- the whole classification, for the model comparison

    static NatClassification classification(NatAdapter nat) {
        return NatFacts.get(nat, "classification", () -> {
            Mapping m = mapping(nat);
            Filtering f = filtering(nat);
            PortSample ports = ports(nat);
            Hairpin h = hairpin(nat);
            Pooling p = pooling(nat).pooling();
            boolean virtual = NatClock.virtual(nat);
            // timers and refresh matter only where the comparison lets time pass: in virtual time
            Optional<Duration> oneWay = virtual ? exact(NatTimers.lifetime(nat, Flow.ONE_WAY)) : Optional.empty();
            Optional<Duration> replied = virtual ? exact(NatTimers.lifetime(nat, Flow.REPLIED)) : Optional.empty();
            Optional<Boolean> outbound = virtual ? NatTimers.refreshSeen(nat, false) : Optional.empty();
            Optional<Boolean> inbound = virtual ? NatTimers.refreshSeen(nat, true) : Optional.empty();
            boolean overloading = collision(nat).equals(OVERLOADED);
            boolean overlapping = overlapping(nat).equals(OVERLAPPING);
            Optional<Integer> quota = nat.capabilities().contains(NatAdapter.QUOTA) ? nat.portQuota() : Optional.empty();
            NatClassification c = new NatClassification(m, f, ports.assignment(), ports.parity(), overloading, overlapping, h, p,
                    oneWay, replied, outbound, inbound, quota);
            NatEvidence.line("classification: " + c.summary());
            return c;
        });
    }

    private static Optional<Duration> exact(NatTimers.Lifetime l) {
        return l.exact() ? l.expiredAt() : Optional.empty();
    }

    private static <T> T conclude(String what, T value, String why) {
        NatEvidence.line(what + ": " + value + " (" + why + ")");
        return value;
    }
}
