package org.netconform.suites.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.NoAnswer;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.harness.result.ResultMatrix;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.suites.traversal.GridCells;

/**
 * Discovery accuracy of a client at the {@code endpoint} layer (DISC-MAP-2/-3, DISC-FILT-1/-2) behind all nine
 * mapping x filtering behaviours of the NAT {@link ObservingStunServer} emulates in front of it: the emulated
 * behaviour is the oracle. The runs are {@link DiscoveryRuns}' usual ones (the three {@link DiscoveryClientScenarios}
 * judges are reused, not run again), the missing six made side by side. Each test publishes its cells of the grid
 * {@code discovery-accuracy-emulated}: a row per emulated NAT, a column per client (the target), each cell the NAT's
 * behaviour, the client's verdict and the run's log.
 */
public class EmulatedNatDiscoveryScenarios {
    static final String GRID = "discovery-accuracy-emulated";
    static final List<String> MAPPINGS = List.of("EIM", "ADM", "APDM");
    static final List<String> FILTERINGS = List.of("EIF", "ADF", "APDF");

    /** The nine emulated NATs, mapping-major, as {@code EIM+ADF}. */
    static List<ObservingStunServer.Emulation> nats() {
        List<ObservingStunServer.Emulation> out = new ArrayList<>();
        for (String m : MAPPINGS) {
            for (String f : FILTERINGS) {
                out.add(new ObservingStunServer.Emulation(m, f, 0));
            }
        }
        return out;
    }

    static String label(ObservingStunServer.Emulation e) {
        return e.mapping() + "+" + e.filtering();
    }

    private static List<DiscoveryRuns.Run> runs(DiscoveryClientAdapter client) {
        return DiscoveryRuns.all(client, nats().stream().map(e -> ObservingStunServer.Mode.nat(e.mapping(), e.filtering())).toList());
    }

    private static void judge(DiscoveryClientAdapter client, String what, String technique,
                              Function<ObservingStunServer.Emulation, String> expected, Function<DiscoveryVerdict, String> observed) {
        List<DiscoveryRuns.Run> runs = runs(client);
        List<String> problems = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        List<ResultMatrix.Cell> cells = new ArrayList<>();
        for (DiscoveryRuns.Run r : runs) {
            ObservingStunServer.Emulation nat = r.mode().nat().orElseThrow();
            String want = expected.apply(nat);
            Optional<String> got = r.verdict().map(observed);
            String error = r.failure().map(String::valueOf).orElse(null);
            String line = label(nat) + ": expected " + want + ", reported " + got.orElse("nothing (" + error + ")")
                    + " (" + r.millis() + " ms)";
            table.append(line).append('\n');
            Boolean right = got.isEmpty() ? null : want.equals(got.get());
            if (right == null) {
                errors.add(line);
            } else if (!right) {
                problems.add(line);
            }
            String log = "discovery run " + r.mode().name() + " against " + r.server() + ", tests " + r.tests() + ", "
                    + r.millis() + " ms\n" + String.join("\n", r.log())
                    + r.verdict().map(v -> "\nverdict: " + v.summary() + " | " + v.words()).orElse("");
            // no column: the column is the client, the target that publishes this result
            cells.add(GridCells.cell(GRID, label(nat), null, technique, want, got.orElse(null), right, error,
                    r.verdict().map(v -> v.summary() + " (in its words: " + v.words() + ")").orElse(null), log,
                    text -> {
                        if (!Boolean.TRUE.equals(right)) {
                            Observation.wire("log of " + label(nat) + ":\n" + text);
                        }
                    }));
        }
        Observation.matrix(new ResultMatrix(GRID, "RFC 5780 discovery: what each client reported behind the suite's emulated NAT",
                "the suite's STUN server emulating a NAT, loopback", "the NAT the server emulates (mapping+filtering)",
                "client (target), and what it was asked", nats().stream().map(EmulatedNatDiscoveryScenarios::label).toList(),
                List.of(), cells));
        if (problems.isEmpty() && !errors.isEmpty()) {
            // nothing wrong was reported, but not every NAT gave a verdict: that is no pass
            throw new NoAnswer("no verdict behind " + errors.size() + " of " + runs.size() + " emulated NATs, first: " + errors.get(0));
        }
        Check.all(what + " reported behind each of " + runs.size() + " emulated NATs equals the emulated behaviour", problems,
                table.toString().strip());
    }

    @ConformanceTest
    @Requirement({"DISC-MAP-2", "DISC-MAP-3"})
    @RequiresCapability(DiscoveryClientAdapter.MAPPING)
    void mappingBehindEveryEmulatedNat(DiscoveryClientAdapter client) {
        judge(client, "the mapping behaviour", "mapping", ObservingStunServer.Emulation::mapping,
                v -> v.mapping().map(Enum::name).orElse("unknown"));
    }

    @ConformanceTest
    @Requirement({"DISC-FILT-1", "DISC-FILT-2"})
    @RequiresCapability(DiscoveryClientAdapter.FILTERING)
    void filteringBehindEveryEmulatedNat(DiscoveryClientAdapter client) {
        judge(client, "the filtering behaviour", "filtering", ObservingStunServer.Emulation::filtering,
                v -> v.filtering().map(Enum::name).orElse("unknown"));
    }
}
