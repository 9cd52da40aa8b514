package org.netconform.suites.traversal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.NoAnswer;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.netlab.NetLab;
import org.netconform.spi.traversal.IceAgentAdapter;
import org.opentest4j.TestAbortedException;

/**
 * A third-party ICE agent (RFC 8445: host, server-reflexive and peer-reflexive candidates, connectivity
 * checks) at the {@code endpoint} layer: two of its peers behind every pair of real Linux NATs
 * ({@link LinuxNat}, each in a network namespace of netlab's {@link org.netconform.netlab.pair.PairLab}),
 * judged against the UDP prediction table of spec/nat-traversal.md. ICE is UDP hole punching with every
 * candidate of both peers checked at once, so the same table applies (spec, "ICE agents"). A cell in
 * which a peer reached its deadline, died or never started is ERROR for the test, with that reason.
 */
public class IceRealNatScenarios {
    record Cell(LinuxNat a, LinuxNat b, boolean predicted, IcePairRun.Outcome outcome) {
        boolean agrees() {
            return predicted == outcome.connected();
        }

        String line() {
            return "A behind " + a + " / B behind " + b + ": predicted " + (predicted ? "yes" : "no") + ", observed "
                    + outcome.word() + (outcome.selectedPair().isEmpty() ? "" : " [" + outcome.selectedPair() + "]");
        }
    }

    private static final Map<IceAgentAdapter, List<Cell>> MATRIX = new WeakHashMap<>();

    /** Every ordered pair of NATs (A is the controlling peer, so A/B and B/A are different runs), run once per adapter. */
    static synchronized List<Cell> matrix(IceAgentAdapter adapter) {
        Optional<String> unavailable = NetLab.unavailableReason();
        if (unavailable.isPresent()) {
            throw new TestAbortedException("network namespace labs cannot run here: " + unavailable.get());
        }
        return MATRIX.computeIfAbsent(adapter, x -> {
            List<Cell> cells = new ArrayList<>();
            for (LinuxNat a : LinuxNat.values()) {
                for (LinuxNat b : LinuxNat.values()) {
                    cells.add(new Cell(a, b, a.predictsUdpWith(b), IcePairRun.run(x, a, b)));
                }
            }
            return cells;
        });
    }

    static String render(List<Cell> cells) {
        StringBuilder s = new StringBuilder();
        for (Cell c : cells) {
            s.append(c.line()).append(c.agrees() ? "" : "  <-- disagrees").append('\n');
        }
        return s.toString().strip();
    }

    /** Logs every cell; a cell that ended in ERROR makes the whole test ERROR with its one reason. */
    private static void logAndRequireAnswers(List<Cell> cells) {
        for (Cell c : cells) {
            Observation.wire("== " + c.line() + (c.agrees() ? "" : "  <-- disagrees"));
            Observation.wire("   " + c.outcome().reason());
            c.outcome().log().forEach(l -> Observation.wire("   " + l));
        }
        for (Cell c : cells) {
            if (c.outcome().kind() == IcePairRun.Kind.ERROR) {
                throw new NoAnswer("A behind " + c.a() + " / B behind " + c.b() + ": " + c.outcome().reason());
            }
        }
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-3")
    void iceConnectsAcrossRealNatsWhereverThePredictionSaysYes(IceAgentAdapter adapter) {
        List<Cell> cells = matrix(adapter);
        logAndRequireAnswers(cells);
        List<String> problems = new ArrayList<>();
        for (Cell c : cells) {
            if (c.predicted() && !c.outcome().connected()) {
                problems.add(c.line() + ": " + c.outcome().reason());
            }
        }
        Check.all("two ICE peers behind two different real Linux NATs connect (a selected pair, data both ways) in every"
                + " cell the UDP prediction table says yes for (" + cells.stream().filter(Cell::predicted).count() + " of "
                + cells.size() + ")", problems, render(cells));
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-4")
    void whatIceAchievesAcrossRealNatsWhereThePredictionSaysNo(IceAgentAdapter adapter) {
        List<Cell> cells = matrix(adapter);
        logAndRequireAnswers(cells);
        Check.record("the real-NAT ICE matrix, prediction against what the peers achieved", render(cells));
    }
}
