package org.netconform.suites.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;

/**
 * NAT-DET-1 (RFC 4787 REQ-11, "deterministic behavior") by comparison: random sequences of lab
 * operations run against the target and against the reference NAT model configured with the target's
 * own classification, side by side. Two inside hosts share two ports, so collisions are common (where
 * RFC 4787 §8 saw NATs change behaviour). A difference is behaviour that no single configuration
 * explains; jqwik shrinks it to the shortest sequence that shows it.
 *
 * <p>Observations are compared by role, not by number: an external endpoint is named by the order in
 * which it first appeared on its side (E1, E2, ...), so the model need not pick the target's ports.
 * Idle steps run only in virtual time; between namespaces they are skipped (the real-time comparison
 * judges mapping, filtering and hairpinning only). Hairpin steps are skipped when the classification
 * could not determine one hairpin behaviour ({@link NatClassification.Hairpin#determined()}).
 */
@ConformanceProperties
@AddLifecycleHook(NatPropertyHook.class)
public class NatModelProperties {
    private static final int[] PORTS = {40_000, 40_001};
    private static final String[] DESTS = {"S1a", "S1b", "S2a", "O"};

    public enum Kind {
        OUT, IN, HAIRPIN, WAIT
    }

    /**
     * One operation. OUT: inside (host, port) sends to destination {@code dest}. IN: destination
     * {@code dest} sends to the last mapping seen for inside (host, port). HAIRPIN: inside (host, port)
     * sends to the last mapping seen for inside (toHost, toPort). WAIT: {@code seconds} pass.
     */
    public record Step(Kind kind, int host, int port, int dest, int toHost, int toPort, int seconds) {
        @Override
        public String toString() {
            String x = "X" + (host + 1) + "#" + port;
            return switch (kind) {
                case OUT -> x + " -> " + DESTS[dest];
                case IN -> DESTS[dest] + " -> M(" + x + ")";
                case HAIRPIN -> x + " -> M(X" + (toHost + 1) + "#" + toPort + ")";
                case WAIT -> "wait " + seconds + " s";
            };
        }
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Integer> host = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> dest = Arbitraries.integers().between(0, DESTS.length - 1);
        Arbitrary<Step> out = Combinators.combine(host, port, dest).as((h, p, d) -> new Step(Kind.OUT, h, p, d, 0, 0, 0));
        Arbitrary<Step> in = Combinators.combine(host, port, dest).as((h, p, d) -> new Step(Kind.IN, h, p, d, 0, 0, 0));
        Arbitrary<Step> hairpin = Combinators.combine(host, port, host, port)
                .as((h, p, th, tp) -> new Step(Kind.HAIRPIN, h, p, 0, th, tp, 0));
        Arbitrary<Step> wait = Arbitraries.of(30, 100, 200, 400).map(s -> new Step(Kind.WAIT, 0, 0, 0, 0, 0, s));
        return Arbitraries.frequencyOf(Tuple.of(5, out), Tuple.of(4, in), Tuple.of(2, hairpin), Tuple.of(2, wait))
                .list().ofMinSize(1).ofMaxSize(14);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 60, realTime = 4, needs = {NatTries.Need.REFERENCE_MODEL, NatTries.Need.PORTS_NOT_SHARED_AT_RANDOM})
    @Requirement("NAT-DET-1")
    void theTargetBehavesAsOneConfigurationOfTheModel(NatAdapter nat, @ForAll("sequences") List<Step> steps) {
        NatClassification c = NatClassifier.classification(nat);
        Check.that("one configuration of the model explains the classification probes", c.summary(), c.regular());

        NatModelFactory factory = NatModelFactory.find().orElseThrow();
        try (NatBench target = NatBench.open(nat);
             NatBench model = NatEvidence.quietly(() -> NatBench.of(factory.open(nat.topology(), c)))) {
            boolean realTime = !target.virtualTime();
            Side t = new Side(target);
            Side m = new Side(model);
            List<String> seenByTarget = new ArrayList<>();
            List<String> seenByModel = new ArrayList<>();
            for (Step s : steps) {
                if (s.kind() == Kind.WAIT && realTime
                        || s.kind() == Kind.HAIRPIN && !c.hairpin().determined()) {
                    continue;
                }
                seenByTarget.add(s + ": " + t.apply(s));
                seenByModel.add(s + ": " + NatEvidence.quietly(() -> m.apply(s)));
            }
            Check.equal("the target's observations, step by step, as the model's (configured " + c.summary() + ")",
                    seenByModel, seenByTarget);
        }
    }

    /** One side of the comparison: its lab, its names for external endpoints, the mappings it has seen. */
    private static final class Side {
        private final NatBench b;
        private final Map<NatEndpoint, String> names = new HashMap<>();
        private final Map<String, NatEndpoint> known = new HashMap<>();

        Side(NatBench b) {
            this.b = b;
        }

        String apply(Step s) {
            NatEndpoint x = b.inside(s.host(), PORTS[s.port()]);
            String key = s.host() + "#" + s.port();
            switch (s.kind()) {
                case OUT -> {
                    NatEndpoint to = dest(s.dest());
                    Optional<Delivery> d = b.udp(x, to).filter(v -> v.receivedAt().equals(to));
                    d.ifPresent(v -> known.put(key, v.seenSource()));
                    return d.map(v -> "arrived from " + name(v.seenSource())).orElse("nothing arrived");
                }
                case IN -> {
                    NatEndpoint m = known.get(key);
                    return m == null ? "no mapping seen" : show(b.udp(dest(s.dest()), m));
                }
                case HAIRPIN -> {
                    NatEndpoint m = known.get(s.toHost() + "#" + s.toPort());
                    return m == null ? "no mapping seen" : show(b.udp(x, m));
                }
                case WAIT -> {
                    b.idle(Duration.ofSeconds(s.seconds()));
                    return "waited";
                }
                default -> throw new IllegalStateException(s.kind().name());
            }
        }

        private NatEndpoint dest(int d) {
            return switch (d) {
                case 0 -> b.s1a();
                case 1 -> b.s1b();
                case 2 -> b.s2a();
                default -> b.o();
            };
        }

        private String show(Optional<Delivery> d) {
            return d.map(v -> "at " + name(v.receivedAt()) + " from " + name(v.seenSource())).orElse("nothing arrived");
        }

        /** External endpoints by order of appearance, inside ones by role, outside ones as the steps name them. */
        private String name(NatEndpoint e) {
            if (b.isExternal(e)) {
                return names.computeIfAbsent(e, k -> "E" + (names.size() + 1));
            }
            for (int h = 0; h < 2; h++) {
                for (int p = 0; p < PORTS.length; p++) {
                    if (e.equals(b.inside(h, PORTS[p]))) {
                        return "X" + (h + 1) + "#" + p;
                    }
                }
            }
            for (int d = 0; d < DESTS.length; d++) {
                if (e.equals(dest(d))) {
                    return DESTS[d];
                }
            }
            return "other " + e;
        }
    }
}
