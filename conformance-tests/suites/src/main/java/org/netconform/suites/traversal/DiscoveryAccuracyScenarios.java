package org.netconform.suites.traversal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.reference.nat.FilteringBehavior;
import org.netconform.reference.nat.Hairpinning;
import org.netconform.reference.nat.MappingBehavior;
import org.netconform.reference.nat.NatConfig;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryRequest;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.spi.stun.FilteringVerdict;
import org.netconform.spi.stun.MappingVerdict;
import org.netconform.spi.stun.ModelDiscoveryClientAdapter;

/**
 * Discovery accuracy at the {@code model} layer (spec/nat-traversal.md, DISC-MAP, -FILT, -HAIR): a
 * discovery client behind the reference NAT, in virtual time, for every mapping x filtering
 * combination, with and without hairpinning and port preservation (36 NATs), must report what the
 * NAT really is; the NAT's configuration is the oracle. Each NAT is run once per client and judged
 * by three tests (mapping, filtering, hairpinning); the wire log lists every verdict.
 */
public class DiscoveryAccuracyScenarios {

    /** One reference NAT configuration: what discovery should find. */
    record Nat(MappingBehavior mapping, FilteringBehavior filtering, boolean hairpinning, boolean portPreservation) {
        NatConfig config() {
            return NatConfig.classified(mapping, filtering, portPreservation,
                    hairpinning ? Hairpinning.EXTERNAL_SOURCE : Hairpinning.OFF);
        }

        @Override
        public String toString() {
            return mapping + "+" + filtering + (hairpinning ? ", hairpin" : ", no hairpin")
                    + (portPreservation ? ", port preservation" : ", random ports");
        }
    }

    record Run(Nat nat, Optional<DiscoveryVerdict> verdict, String error, String log) {
    }

    static List<Nat> nats() {
        List<Nat> out = new ArrayList<>();
        for (MappingBehavior m : MappingBehavior.values()) {
            for (FilteringBehavior f : FilteringBehavior.values()) {
                for (boolean h : new boolean[] {false, true}) {
                    for (boolean p : new boolean[] {false, true}) {
                        out.add(new Nat(m, f, h, p));
                    }
                }
            }
        }
        return out;
    }

    private static final Map<ModelDiscoveryClientAdapter, List<Run>> RUNS = new WeakHashMap<>();

    static synchronized List<Run> runs(ModelDiscoveryClientAdapter client) {
        return RUNS.computeIfAbsent(client, c -> nats().stream().map(n -> run(c, n.config(), n)).toList());
    }

    static Run run(ModelDiscoveryClientAdapter client, NatConfig config, Nat nat) {
        VirtualStunLab lab = new VirtualStunLab(config);
        DiscoveryRequest request = new DiscoveryRequest(VirtualStunLab.PRIMARY, lab.clientAddress(),
                Set.of(DiscoveryClientAdapter.MAPPING, DiscoveryClientAdapter.FILTERING, DiscoveryClientAdapter.HAIRPINNING),
                Optional.of(Duration.ofSeconds(3)), Optional.empty(), Duration.ofSeconds(60));
        try {
            return new Run(nat, Optional.of(client.discover(request, lab)), "", lab.log());
        } catch (Exception | AssertionError e) {
            return new Run(nat, Optional.empty(), e.toString(), lab.log());
        }
    }

    /** Whether the client's hairpinning request can arrive: the NAT hairpins and the first port's filter admits it. */
    static boolean hairpinVisible(Nat n) {
        return n.hairpinning() && n.filtering() == FilteringBehavior.EIF;
    }

    private static void judge(ModelDiscoveryClientAdapter client, String what, Function<Nat, Object> expected,
                              Function<DiscoveryVerdict, Object> observed) {
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Run r : runs(client)) {
            Object want = expected.apply(r.nat());
            String line = r.nat() + ": expected " + want + ", reported "
                    + r.verdict().map(v -> String.valueOf(observed.apply(v))).orElse("nothing (" + r.error() + ")");
            Observation.wire(line + r.verdict().map(v -> "  [" + v.summary() + "]").orElse(""));
            table.append(line).append('\n');
            if (r.verdict().isEmpty() || !want.equals(observed.apply(r.verdict().get()))) {
                problems.add(line);
                Observation.wire("  log of " + r.nat() + ":\n" + r.log());
            }
        }
        Check.all(what + " reported behind each of " + runs(client).size() + " reference NATs equals the NAT's configuration",
                problems, table.toString().strip());
    }

    @ConformanceTest
    @Requirement("DISC-MAP-1")
    @RequiresCapability(DiscoveryClientAdapter.MAPPING)
    void reportsNoNatOnThePublicSide(ModelDiscoveryClientAdapter client) {
        Run r = run(client, null, null);
        Observation.wire(r.log());
        Check.equal("behind a NAT, for a client with a public address", Optional.of(Optional.of(false)),
                r.verdict().map(DiscoveryVerdict::behindNat));
    }

    @ConformanceTest
    @Requirement({"DISC-MAP-2", "DISC-MAP-3"})
    @RequiresCapability(DiscoveryClientAdapter.MAPPING)
    void mappingBehindEveryReferenceNat(ModelDiscoveryClientAdapter client) {
        judge(client, "the mapping behaviour", n -> Optional.of(MappingVerdict.valueOf(n.mapping().name())),
                DiscoveryVerdict::mapping);
    }

    @ConformanceTest
    @Requirement({"DISC-FILT-1", "DISC-FILT-2"})
    @RequiresCapability(DiscoveryClientAdapter.FILTERING)
    void filteringBehindEveryReferenceNat(ModelDiscoveryClientAdapter client) {
        judge(client, "the filtering behaviour", n -> Optional.of(FilteringVerdict.valueOf(n.filtering().name())),
                DiscoveryVerdict::filtering);
    }

    @ConformanceTest
    @Requirement("DISC-HAIR-1")
    @RequiresCapability(DiscoveryClientAdapter.HAIRPINNING)
    void hairpinningBehindEveryReferenceNat(ModelDiscoveryClientAdapter client) {
        judge(client, "hairpinning (seen only where the first port's filter admits the hairpinned request: EIF)",
                n -> Optional.of(hairpinVisible(n)), DiscoveryVerdict::hairpinning);
    }
}
