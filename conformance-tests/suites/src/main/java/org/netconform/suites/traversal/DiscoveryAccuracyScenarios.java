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
import org.netconform.harness.result.ResultMatrix;
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
 * by three tests (mapping, filtering, hairpinning); the wire log lists every verdict, and each test publishes
 * its column of one grid ({@link ResultMatrix} {@code discovery-accuracy-virtual}: a row per NAT, each cell
 * linking the run's log).
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

    /** Where these runs happen: the label a report shows beside the grid. */
    static final String WHERE = "reference NAT, virtual time";

    private static void judge(ModelDiscoveryClientAdapter client, String what, String technique, Function<Nat, Object> expected,
                              Function<DiscoveryVerdict, Object> observed) {
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        List<ResultMatrix.Cell> cells = new ArrayList<>();
        String grid = "discovery-accuracy-virtual";
        for (Run r : runs(client)) {
            Object want = expected.apply(r.nat());
            String line = r.nat() + ": expected " + want + ", reported "
                    + r.verdict().map(v -> String.valueOf(observed.apply(v))).orElse("nothing (" + r.error() + ")");
            Observation.wire(line + r.verdict().map(v -> "  [" + v.summary() + "]").orElse(""));
            table.append(line).append('\n');
            boolean right = r.verdict().isPresent() && want.equals(observed.apply(r.verdict().get()));
            if (!right) {
                problems.add(line);
            }
            // the column is the client, that is the target that publishes this result: left to the report
            cells.add(GridCells.cell(grid, r.nat().toString(), null, technique, word(want),
                    r.verdict().map(v -> word(observed.apply(v))).orElse(null),
                    r.verdict().isEmpty() ? null : right, r.verdict().isEmpty() ? r.error() : null,
                    r.verdict().map(DiscoveryVerdict::summary).orElse(null), r.log(),
                    // no file to hold it: the wrong verdicts' logs go to the wire log, as before the grid
                    log -> {
                        if (!right) {
                            Observation.wire("  log of " + r.nat() + ":\n" + log);
                        }
                    }));
        }
        Observation.matrix(new ResultMatrix(grid, "RFC 5780 discovery: what each client reported against the NAT's configuration",
                WHERE, "the reference NAT in front of the client", "client (target), and what it was asked",
                nats().stream().map(Nat::toString).toList(), List.of(), cells));
        Check.all(what + " reported behind each of " + runs(client).size() + " reference NATs equals the NAT's configuration",
                problems, table.toString().strip());
    }

    /**
     * A verdict as a cell shows it: {@code EIM}, not {@code Optional[EIM]}; an empty one is {@code unknown};
     * hairpinning {@code hairpin} or {@code no hairpin}, not a bare true or false.
     */
    private static String word(Object value) {
        Object v = value instanceof Optional<?> o ? o.map(x -> (Object) x).orElse("unknown") : value;
        return v instanceof Boolean b ? (b ? "hairpin" : "no hairpin") : String.valueOf(v);
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
        judge(client, "the mapping behaviour", "mapping", n -> Optional.of(MappingVerdict.valueOf(n.mapping().name())),
                DiscoveryVerdict::mapping);
    }

    @ConformanceTest
    @Requirement({"DISC-FILT-1", "DISC-FILT-2"})
    @RequiresCapability(DiscoveryClientAdapter.FILTERING)
    void filteringBehindEveryReferenceNat(ModelDiscoveryClientAdapter client) {
        judge(client, "the filtering behaviour", "filtering", n -> Optional.of(FilteringVerdict.valueOf(n.filtering().name())),
                DiscoveryVerdict::filtering);
    }

    @ConformanceTest
    @Requirement("DISC-HAIR-1")
    @RequiresCapability(DiscoveryClientAdapter.HAIRPINNING)
    void hairpinningBehindEveryReferenceNat(ModelDiscoveryClientAdapter client) {
        judge(client, "hairpinning (seen only where the first port's filter admits the hairpinned request: EIF)", "hairpinning",
                n -> Optional.of(hairpinVisible(n)), DiscoveryVerdict::hairpinning);
    }
}
