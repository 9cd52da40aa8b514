package org.netconform.suites.realnat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.NoAnswer;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.harness.result.ResultMatrix;
import org.netconform.netlab.NetLab;
import org.netconform.netlab.RouterNat;
import org.netconform.netlab.nat.Masquerade;
import org.netconform.netlab.nat.MasqueradeWithReflection;
import org.netconform.netlab.pair.PairLayout;
import org.netconform.spi.traversal.HolePunchingAdapter;
import org.netconform.suites.traversal.GridCells;
import org.netconform.suites.traversal.Prediction;
import org.opentest4j.TestAbortedException;

/**
 * The UDP traversal matrix behind real Linux NATs (the {@code endpoint} layer of spec/nat-traversal.md,
 * TRAV-*): a target's rendezvous server and peers, each in a JVM of its own inside a network namespace,
 * on real sockets, between two routers with nft masquerade, masquerade random or masquerade fully-random
 * (3 x 3 cells); both behind one masquerade, without and with NAT loopback; one peer public (connection
 * reversal) with the other behind each NAT. Judged against the prediction table ({@link Prediction}) with
 * each NAT's known behaviour ({@link RealNat}); results and logs have the shape of
 * {@link org.netconform.suites.traversal.TraversalMatrixScenarios}'s: a text matrix (predicted/observed, '!' where they differ) and, in
 * the wire log, a cell's log each (what the server saw, each peer's log, both routers' conntrack tables).
 * A cell costs three JVM starts and, where nothing connects, {@link RealTraversalLab#PUNCH_SECONDS} of
 * punching: about 4 to 7 s. UNSUPPORTED where namespace labs cannot run (not root, tools missing).
 */
public class RealTraversalMatrixScenarios {

    record Cell(RealNat a, RealNat b, boolean predicted, Optional<RealTraversalLab.Run> run, String error) {
        boolean connected() {
            return run.isPresent() && run.get().outcome().connected();
        }

        String word() {
            return run.map(r -> r.outcome().word()).orElse("error");
        }

        boolean agrees() {
            return run.isPresent() && predicted == connected();
        }
    }

    private static final Map<HolePunchingAdapter, List<Cell>> MATRIX = new WeakHashMap<>();

    static void requireLabs() {
        NetLab.unavailableReason().ifPresent(r -> {
            throw new TestAbortedException("UNSUPPORTED: namespace labs unavailable: " + r);
        });
    }

    static String targetId() {
        return org.netconform.harness.CurrentTarget.get().id();
    }

    static synchronized List<Cell> udpMatrix(HolePunchingAdapter adapter) {
        requireLabs();
        String target = targetId();
        return MATRIX.computeIfAbsent(adapter, x -> {
            List<Callable<Cell>> jobs = new ArrayList<>();
            for (RealNat a : RealNat.values()) {
                for (RealNat b : RealNat.values()) {
                    boolean predicted = Prediction.udp(a.mapping, a.filtering, b.mapping, b.filtering);
                    jobs.add(() -> {
                        try {
                            return new Cell(a, b, predicted, Optional.of(RealTraversalLab.run(target, PairLayout.DIFFERENT_NATS,
                                    a.rules(), b.rules(), false)), "");
                        } catch (NoAnswer e) {
                            return new Cell(a, b, predicted, Optional.empty(), e.getMessage());
                        }
                    });
                }
            }
            return RealTraversalLab.inParallel(jobs);
        });
    }

    /** Rows alice's NAT, columns bob's; each entry predicted/observed, '!' where they differ. */
    static String render(List<Cell> cells) {
        StringBuilder s = new StringBuilder(String.format("%-26s", "alice\\bob"));
        for (RealNat b : RealNat.values()) {
            s.append(String.format(" %-26s", b + " (" + b.behaviour() + ")"));
        }
        s.append('\n');
        for (RealNat a : RealNat.values()) {
            s.append(String.format("%-26s", a + " (" + a.behaviour() + ")"));
            for (RealNat b : RealNat.values()) {
                Cell c = cells.stream().filter(x -> x.a() == a && x.b() == b).findFirst().orElseThrow();
                s.append(String.format(" %-26s", (c.predicted() ? "yes" : "no") + "/" + c.word() + (c.agrees() ? "" : "!")));
            }
            s.append('\n');
        }
        return s.append("(predicted/observed; '!' marks a disagreement)").toString();
    }

    /**
     * The matrix as a grid for the report (the shape of {@link org.netconform.suites.traversal.TraversalMatrixScenarios}'s,
     * {@code where} the Linux NATs), each cell's log in a file of its own; a cell without an outcome has no verdict.
     */
    private static void publish(List<Cell> cells) {
        List<String> labels = java.util.Arrays.stream(RealNat.values()).map(n -> n + " (" + n.behaviour() + ")").toList();
        List<ResultMatrix.Cell> out = new ArrayList<>();
        for (Cell c : cells) {
            Observation.wire("== cell alice " + c.a() + " / bob " + c.b() + ": predicted " + (c.predicted() ? "yes" : "no")
                    + ", observed " + c.word() + (c.run().isEmpty() ? "  <-- no outcome" : c.agrees() ? "" : "  <-- disagrees"));
            out.add(GridCells.cell(GRID, c.a() + " (" + c.a().behaviour() + ")", c.b() + " (" + c.b().behaviour() + ")", "UDP",
                    c.predicted() ? "yes" : "no", c.run().isPresent() ? c.word() : null, c.run().isPresent() ? c.agrees() : null,
                    c.run().isPresent() ? null : c.error(), c.run().map(r -> String.join("; ", r.outcome().problems())).orElse(""),
                    c.run().map(r -> r.outcome().log()).orElse("no outcome: " + c.error()), Observation::wire));
        }
        Observation.matrix(new ResultMatrix(GRID, "UDP hole punching behind real Linux NATs: the prediction table against"
                + " what the peers achieved", WHERE, "side A (alice): her router's NAT", "side B (bob): his router's NAT",
                labels, labels, out));
    }

    static final String GRID = "traversal-udp-linux";
    static final String WHERE = "Linux NATs in network namespaces";

    /** A cell whose peers died or never answered leaves the matrix without a verdict: ERROR, with that reason. */
    private static void requireEveryCell(List<Cell> cells) {
        List<String> errors = cells.stream().filter(c -> c.run().isEmpty())
                .map(c -> "alice " + c.a() + " / bob " + c.b() + ": " + c.error()).toList();
        if (!errors.isEmpty()) {
            throw new NoAnswer(errors.size() + " of " + cells.size() + " cells have no outcome, first: " + errors.get(0));
        }
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-3")
    @RequiresCapability({HolePunchingAdapter.UDP, HolePunchingAdapter.REAL_SOCKETS})
    void udpConnectsBehindRealNatsWhereverThePredictionSaysYes(HolePunchingAdapter adapter) {
        List<Cell> cells = udpMatrix(adapter);
        publish(cells);
        requireEveryCell(cells);
        List<String> problems = new ArrayList<>();
        for (Cell c : cells) {
            if (c.predicted() && !c.connected()) {
                problems.add("alice " + c.a() + " / bob " + c.b() + ": predicted yes, observed " + c.word() + " "
                        + c.run().get().outcome().problems());
            }
        }
        Check.all("two peers behind two real Linux NATs connect (and exchange data both ways) in every cell the"
                + " prediction table says yes for (" + cells.stream().filter(Cell::predicted).count() + " of " + cells.size() + ")",
                problems, render(cells));
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-4")
    @RequiresCapability({HolePunchingAdapter.UDP, HolePunchingAdapter.REAL_SOCKETS})
    void whatUdpAchievesBehindRealNatsWhereThePredictionSaysNo(HolePunchingAdapter adapter) {
        List<Cell> cells = udpMatrix(adapter);
        publish(cells);
        requireEveryCell(cells);
        Check.record("the UDP matrix behind real Linux NATs, prediction against what the peers achieved", render(cells));
    }

    @ConformanceTest
    @Requirement("TRAV-RDV-1")
    @RequiresCapability({HolePunchingAdapter.UDP, HolePunchingAdapter.REAL_SOCKETS})
    void registrationAndPunchesLeaveFromOneSocket(HolePunchingAdapter adapter) {
        List<Cell> cells = udpMatrix(adapter);
        requireEveryCell(cells);
        List<String> problems = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        PairLayout l = PairLayout.DIFFERENT_NATS;
        for (Cell c : cells) {
            RealTraversalLab.Run r = c.run().get();
            for (String[] peer : new String[][] {{"alice", l.addressA(), r.tableA()}, {"bob", l.addressB(), r.tableB()}}) {
                List<String> ports = RealTraversalLab.sourcePorts(peer[2], peer[1]);
                List<String> to = RealTraversalLab.destinations(peer[2], peer[1]);
                String line = "alice " + c.a() + " / bob " + c.b() + ": " + peer[0] + "'s UDP flows to " + to + " left from local ports " + ports;
                seen.append(line).append('\n');
                // the registration is one of the flows; a punch needs another (the other's candidates)
                if (ports.size() != 1 || to.size() < 2 || !to.contains(PairLayout.RENDEZVOUS + ":3479")) {
                    problems.add(line);
                }
            }
        }
        Observation.wire(seen.toString().strip());
        Check.all("each peer's registration and every punch leave from one local port (each router's conntrack"
                + " table, original direction), so the public candidate is the mapping the punches reuse", problems,
                "one local port per peer in all " + cells.size() + " cells");
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-1")
    @RequiresCapability({HolePunchingAdapter.UDP, HolePunchingAdapter.REAL_SOCKETS})
    void peersBehindOneRealNatConnectWithOrWithoutLoopback(HolePunchingAdapter adapter) {
        requireLabs();
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        PairLayout l = PairLayout.SAME_NAT;
        // loopback for a static forward to alice: the only hairpinning Linux does in-tree (docs/nat-linux.md)
        List<RouterNat> nats = List.of(Masquerade.asShipped(), new MasqueradeWithReflection(l.addressA(), 1024, 65_535));
        String target = targetId();
        List<RealTraversalLab.Run> runs = RealTraversalLab.inParallel(nats.stream()
                .<Callable<RealTraversalLab.Run>>map(nat -> () -> RealTraversalLab.run(target, l, nat, null, false)).toList());
        for (int i = 0; i < nats.size(); i++) {
            RouterNat nat = nats.get(i);
            RealTraversalLab.Run r = runs.get(i);
            String line = "both behind one " + nat.describe() + ": predicted yes, observed " + r.outcome().word()
                    + locked(r);
            table.append(line).append('\n');
            Observation.wire("== " + line);
            Observation.wire(r.outcome().log());
            if (!r.outcome().connected()) {
                problems.add(line + " " + r.outcome().problems());
            }
        }
        Check.all("peers behind one real Linux NAT connect, through their private candidates where the NAT does not"
                + " hairpin", problems, table.toString().strip());
    }

    @ConformanceTest
    @Requirement("TRAV-REV-1")
    @RequiresCapability({HolePunchingAdapter.REVERSAL, HolePunchingAdapter.REAL_SOCKETS})
    void aPublicPeerIsCalledBackFromBehindEveryRealNat(HolePunchingAdapter adapter) {
        requireLabs();
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        String target = targetId();
        List<RealNat> nats = List.of(RealNat.values());
        List<RealTraversalLab.Run> runs = RealTraversalLab.inParallel(nats.stream()
                .<Callable<RealTraversalLab.Run>>map(n -> () -> RealTraversalLab.run(target, PairLayout.A_PUBLIC, null, n.rules(), true))
                .toList());
        for (int i = 0; i < nats.size(); i++) {
            RealNat n = nats.get(i);
            RealTraversalLab.Run r = runs.get(i);
            String line = "UDP: alice public, bob behind " + n + " (" + n.behaviour() + "), alice asks for a call back:"
                    + " predicted yes, observed " + r.outcome().word() + locked(r);
            table.append(line).append('\n');
            Observation.wire("== " + line);
            Observation.wire(r.outcome().log());
            if (!r.outcome().connected()) {
                problems.add(line + " " + r.outcome().problems());
            }
        }
        Check.all("connection reversal connects behind every real Linux NAT", problems, table.toString().strip());
    }

    private static String locked(RealTraversalLab.Run r) {
        String log = r.outcome().log();
        int i = log.indexOf("alice RESULT");
        return i < 0 ? "" : " (" + log.substring(i + "alice RESULT ".length(), log.indexOf('\n', i)) + ")";
    }
}
