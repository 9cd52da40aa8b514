package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;

/**
 * Mapping requirements over random destinations, inside hosts and ports, one fresh lab per try. Inside
 * ports come from small sets so that hosts collide often: collisions are where NATs go wrong.
 */
@ConformanceProperties
@AddLifecycleHook(NatPropertyHook.class)
public class NatMappingProperties {

    /** An outside endpoint: host 0 = S1, 1 = S2, 2 = O. */
    public record Dest(int host, int port) {
        NatEndpoint on(NatBench b) {
            String address = switch (host) {
                case 0 -> b.topology().primaryServer();
                case 1 -> b.topology().alternateServer();
                default -> b.topology().otherOutsideHost();
            };
            return NatEndpoint.of(address, port);
        }

        @Override
        public String toString() {
            return (host == 0 ? "S1" : host == 1 ? "S2" : "O") + ":" + port;
        }
    }

    /** One datagram from inside host {@code host} (0-based), port {@code port}, to {@code dest}. */
    public record Flow(int host, int port, Dest dest) {
        @Override
        public String toString() {
            return "X" + (host + 1) + ":" + port + " -> " + dest;
        }
    }

    @Provide
    Arbitrary<List<Dest>> destinations() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(3478, 3490))
                .as(Dest::new).list().uniqueElements().ofMinSize(2).ofMaxSize(6);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 40, realTime = 4)
    @Requirement("NAT-MAP-1")
    void oneMappingForRandomDestinations(NatAdapter nat,
                                         @ForAll("destinations") List<Dest> destinations) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            Map<String, String> seen = new LinkedHashMap<>();
            for (Dest d : destinations) {
                seen.put(d.toString(), b.map(x, d.on(b)).map(NatEndpoint::toString).orElse("nothing arrived"));
            }
            Set<String> distinct = new LinkedHashSet<>(seen.values());
            Check.that("one external endpoint for " + x + " towards every destination", seen,
                    distinct.size() == 1 && !distinct.contains("nothing arrived"));
        }
    }

    @Provide
    Arbitrary<List<Flow>> collidingFlows() {
        Arbitrary<Flow> flow = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.of(40_000, 40_001, 40_002),
                Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(3478, 3479)).as(Dest::new))
                .as(Flow::new);
        return flow.list().ofMinSize(2).ofMaxSize(10);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 40, realTime = 4)
    @Requirement("NAT-MAP-2")
    void noTwoInsideEndpointsShareAnExternalEndpointTowardsOneDestination(NatAdapter nat,
                                                                          @ForAll("collidingFlows") List<Flow> flows) {
        try (NatBench b = NatBench.open(nat)) {
            // per destination: which external endpoint each inside endpoint was seen with
            Map<Dest, Map<NatEndpoint, NatEndpoint>> byDest = new LinkedHashMap<>();
            for (Flow f : flows) {
                NatEndpoint inside = b.inside(f.host(), f.port());
                b.map(inside, f.dest().on(b))
                        .ifPresent(m -> byDest.computeIfAbsent(f.dest(), d -> new LinkedHashMap<>()).put(inside, m));
            }
            List<String> problems = new ArrayList<>();
            byDest.forEach((dest, seen) -> {
                if (new LinkedHashSet<>(seen.values()).size() != seen.size()) {
                    problems.add("towards " + dest + " shared: " + seen);
                }
                seen.forEach((inside, m) -> {
                    if (!b.reaches(dest.on(b), m, inside)) {
                        problems.add(dest + "'s reply to " + m + " did not reach " + inside);
                    }
                });
            });
            Check.that("distinct external endpoints per destination, each reply reaching its own inside endpoint",
                    problems.isEmpty() ? byDest : problems, problems.isEmpty());
        }
    }

    @Provide
    Arbitrary<List<Flow>> rangedFlows() {
        Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.integers().between(600, 1023),
                Arbitraries.integers().between(20_000, 60_000));
        return Combinators.combine(Arbitraries.integers().between(0, 2), port, Arbitraries.just(new Dest(0, 3478)))
                .as(Flow::new).list().ofMinSize(1).ofMaxSize(6)
                // every inside port used by two hosts, so the NAT has to choose for the second
                .map(NatMappingProperties::withCollisions);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 30, realTime = 3)
    @Requirement("NAT-MAP-3")
    void externalPortsStayInTheirRange(NatAdapter nat, @ForAll("rangedFlows") List<Flow> flows) {
        judgePorts(nat, flows, "in its inside port's range (0-1023 or 1024-65535)",
                (inside, external) -> (inside < 1024) == (external < 1024));
    }

    @Provide
    Arbitrary<List<Flow>> parityFlows() {
        // at least four collisions a try: a NAT that chooses ports at random keeps their parity by chance only
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(20_000, 60_000),
                        Arbitraries.just(new Dest(0, 3478)))
                .as(Flow::new).list().ofMinSize(4).ofMaxSize(6).map(NatMappingProperties::withCollisions);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 30, realTime = 3)
    @Requirement("NAT-MAP-4")
    void externalPortsKeepTheirParity(NatAdapter nat, @ForAll("parityFlows") List<Flow> flows) {
        judgePorts(nat, flows, "with its inside port's parity", (inside, external) -> inside % 2 == external % 2);
    }

    /** Appends, for each flow, the same port from the next inside host: a guaranteed collision. */
    static List<Flow> withCollisions(List<Flow> flows) {
        List<Flow> out = new ArrayList<>(flows);
        for (Flow f : flows) {
            out.add(new Flow((f.host() + 1) % 3, f.port(), f.dest()));
        }
        return out;
    }

    private static void judgePorts(NatAdapter nat, List<Flow> flows, String rule,
                                   java.util.function.BiPredicate<Integer, Integer> ok) {
        try (NatBench b = NatBench.open(nat)) {
            List<String> all = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Flow f : flows) {
                b.map(b.inside(f.host(), f.port()), f.dest().on(b)).ifPresent(m -> {
                    String pair = "X" + (f.host() + 1) + ":" + f.port() + "->" + m.port();
                    all.add(pair);
                    if (!ok.test(f.port(), m.port())) {
                        wrong.add(pair);
                    }
                });
            }
            Check.that("every external port " + rule, wrong.isEmpty() ? all : "not so: " + wrong, wrong.isEmpty());
        }
    }
}
