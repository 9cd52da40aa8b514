package org.netconform.suites.realnat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.NoAnswer;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.harness.result.ResultMatrix;
import org.netconform.netlab.NetLab;
import org.netconform.spi.traversal.IceAgentAdapter;
import org.netconform.suites.traversal.GridCells;
import org.netconform.suites.traversal.Prediction;
import org.opentest4j.TestAbortedException;

/**
 * A third-party ICE agent (RFC 8445: host, server-reflexive and peer-reflexive candidates, connectivity
 * checks) at the {@code endpoint} layer: two of its peers behind every pair of real Linux NATs
 * ({@link RealNat}, each in a network namespace of netlab's {@link org.netconform.netlab.pair.PairLab}),
 * judged against the UDP prediction table of spec/nat-traversal.md. ICE is UDP hole punching with every
 * candidate of both peers checked at once, so the same table applies (spec, "ICE agents"). A cell in
 * which a peer reached its deadline, died or never started is ERROR for the test, with that reason.
 */
public class IceRealNatScenarios {
    /**
     * Cells run this many at a time, each in its own lab: a "no" cell is mostly waiting for ICE to give up
     * ({@link IcePairRun#CHECKS}), so three at once cost little CPU and a third of the time.
     */
    static final int CONCURRENT_CELLS = 3;

    record Cell(RealNat a, RealNat b, boolean predicted, IcePairRun.Outcome outcome) {
        boolean agrees() {
            return predicted == outcome.connected();
        }

        String line() {
            return "A behind " + a + " (" + a.behaviour() + ") / B behind " + b + " (" + b.behaviour() + "): predicted " + (predicted ? "yes" : "no") + ", observed "
                    + outcome.word() + (outcome.selectedPair().isEmpty() ? "" : " [" + outcome.selectedPair() + "]");
        }
    }

    private static final Map<IceAgentAdapter, List<Cell>> MATRIX = new WeakHashMap<>();

    /** Every ordered pair of NATs (A is the controlling peer, so A/B and B/A are different runs), run once per adapter. */
    static synchronized List<Cell> matrix(IceAgentAdapter adapter) {
        Optional<String> unavailable = NetLab.unavailableReason();
        if (unavailable.isPresent()) {
            throw new TestAbortedException("UNSUPPORTED: namespace labs unavailable: " + unavailable.get());
        }
        return MATRIX.computeIfAbsent(adapter, IceRealNatScenarios::runAll);
    }

    private static List<Cell> runAll(IceAgentAdapter adapter) {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CELLS);
        try {
            List<Future<Cell>> futures = new ArrayList<>();
            for (RealNat a : RealNat.values()) {
                for (RealNat b : RealNat.values()) {
                    boolean predicted = Prediction.udp(a.mapping, a.filtering, b.mapping, b.filtering);
                    futures.add(pool.submit(() -> new Cell(a, b, predicted, IcePairRun.run(adapter, a, b))));
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (Future<Cell> f : futures) {
                cells.add(f.get());
            }
            return cells;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted while the ICE cells ran");
        } catch (ExecutionException e) {
            throw new IllegalStateException("an ICE cell failed in the suite itself", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static String render(List<Cell> cells) {
        StringBuilder s = new StringBuilder();
        for (Cell c : cells) {
            s.append(c.line()).append(c.agrees() ? "" : "  <-- disagrees").append('\n');
        }
        return s.toString().strip();
    }

    static final String GRID = "traversal-ice-linux";

    /**
     * The matrix as a grid for the report, in the shape of {@link RealTraversalMatrixScenarios}'s, each cell's
     * log (both peers' lines, pion's standard error, the routers' conntrack tables) in a file of its own.
     */
    private static void publish(List<Cell> cells) {
        List<String> labels = java.util.Arrays.stream(RealNat.values()).map(n -> n + " (" + n.behaviour() + ")").toList();
        List<ResultMatrix.Cell> out = new ArrayList<>();
        for (Cell c : cells) {
            Observation.wire("== " + c.line() + (c.agrees() ? "" : "  <-- disagrees"));
            boolean answered = c.outcome().kind() != IcePairRun.Kind.ERROR;
            out.add(GridCells.cell(GRID, c.a() + " (" + c.a().behaviour() + ")", c.b() + " (" + c.b().behaviour() + ")", "ICE",
                    c.predicted() ? "yes" : "no", answered ? c.outcome().word() : null, answered ? c.agrees() : null,
                    answered ? null : c.outcome().reason(), answered ? c.outcome().reason() : "",
                    String.join("\n", c.outcome().log()), Observation::wire));
        }
        Observation.matrix(new ResultMatrix(GRID, "ICE (RFC 8445) behind real Linux NATs: the UDP prediction table against"
                + " what two agents achieved", RealTraversalMatrixScenarios.WHERE, "side A (controlling): its router's NAT",
                "side B (controlled): its router's NAT", labels, labels, out));
    }

    /** A cell in which a peer reached its deadline, died or never started leaves no verdict: ERROR, with that reason. */
    private static void requireEveryCell(List<Cell> cells) {
        List<Cell> errors = cells.stream().filter(c -> c.outcome().kind() == IcePairRun.Kind.ERROR).toList();
        if (!errors.isEmpty()) {
            Cell c = errors.get(0);
            throw new NoAnswer(errors.size() + " of " + cells.size() + " cells have no outcome, first: A behind " + c.a()
                    + " / B behind " + c.b() + ": " + c.outcome().reason());
        }
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-3")
    void iceConnectsAcrossRealNatsWhereverThePredictionSaysYes(IceAgentAdapter adapter) {
        List<Cell> cells = matrix(adapter);
        publish(cells);
        requireEveryCell(cells);
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
        publish(cells);
        requireEveryCell(cells);
        Check.record("the real-NAT ICE matrix, prediction against what the peers achieved", render(cells));
    }
}
