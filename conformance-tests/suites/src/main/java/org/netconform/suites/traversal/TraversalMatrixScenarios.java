package org.netconform.suites.traversal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.NoAnswer;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.harness.result.ResultMatrix;
import org.netconform.reference.nat.FilteringBehavior;
import org.netconform.reference.nat.Hairpinning;
import org.netconform.reference.nat.MappingBehavior;
import org.netconform.reference.nat.NatConfig;
import org.netconform.spi.traversal.HolePunchingAdapter;

/**
 * The traversal matrix at the {@code model} layer (spec/nat-traversal.md, TRAV-*): a target's
 * rendezvous server and UDP peers on the reference virtual network in virtual time, for every pair of
 * NAT behaviours (9 x 9 mapping x filtering per side, random ports, no hairpinning), both peers behind
 * one NAT (each behaviour, hairpinning on and off), and one peer public (connection reversal). What the
 * peers achieve is judged against the prediction table ({@link Prediction}). The two 9 x 9 matrices are
 * published on their results as a {@link ResultMatrix} (the report draws them as grids); each cell's log
 * (candidates, what was sent and why, what the NATs dropped, their tables) is a file the cell links.
 */
public class TraversalMatrixScenarios {
    static final Duration PUNCH_FOR = Duration.ofSeconds(5);
    /** Longer: a NAT holds an unsolicited SYN 6 s before it answers (RFC 5382 REQ-4). */
    static final Duration TCP_PUNCH_FOR = Duration.ofSeconds(20);

    record Behaviour(MappingBehavior mapping, FilteringBehavior filtering) {
        NatConfig config(boolean hairpin) {
            return NatConfig.classified(mapping, filtering, false, hairpin ? Hairpinning.EXTERNAL_SOURCE : Hairpinning.OFF)
                    .toBuilder().udpTimeout(Duration.ofMinutes(2)).build();
        }

        @Override
        public String toString() {
            return mapping + "+" + filtering;
        }
    }

    record Cell(Behaviour a, Behaviour b, boolean predicted, VirtualTraversalLab.Outcome outcome) {
        boolean agrees() {
            return predicted == outcome.connected();
        }
    }

    static List<Behaviour> behaviours() {
        List<Behaviour> out = new ArrayList<>();
        for (MappingBehavior m : MappingBehavior.values()) {
            for (FilteringBehavior f : FilteringBehavior.values()) {
                out.add(new Behaviour(m, f));
            }
        }
        return out;
    }

    private static final Map<HolePunchingAdapter, List<Cell>> MATRIX = new WeakHashMap<>();
    private static final Map<HolePunchingAdapter, List<Cell>> TCP_MATRIX = new WeakHashMap<>();

    static synchronized List<Cell> tcpMatrix(HolePunchingAdapter adapter) {
        return TCP_MATRIX.computeIfAbsent(adapter, x -> {
            List<Cell> cells = new ArrayList<>();
            for (Behaviour a : behaviours()) {
                for (Behaviour b : behaviours()) {
                    VirtualTraversalLab lab = new VirtualTraversalLab(x, VirtualTraversalLab.Layout.DIFFERENT_NATS,
                            a.config(false), b.config(false), true);
                    cells.add(new Cell(a, b, Prediction.tcp(a.mapping(), a.filtering(), b.mapping(), b.filtering()),
                            lab.run(false, TCP_PUNCH_FOR, Duration.ZERO)));
                }
            }
            return cells;
        });
    }

    static synchronized List<Cell> udpMatrix(HolePunchingAdapter adapter) {
        return MATRIX.computeIfAbsent(adapter, x -> {
            List<Cell> cells = new ArrayList<>();
            for (Behaviour a : behaviours()) {
                for (Behaviour b : behaviours()) {
                    VirtualTraversalLab lab = new VirtualTraversalLab(x, VirtualTraversalLab.Layout.DIFFERENT_NATS,
                            a.config(false), b.config(false));
                    cells.add(new Cell(a, b, Prediction.udp(a.mapping(), a.filtering(), b.mapping(), b.filtering()),
                            lab.run(false, PUNCH_FOR, Duration.ZERO)));
                }
            }
            return cells;
        });
    }

    /** The matrix as text: rows alice's NAT, columns bob's; each entry predicted/observed, '!' where they differ. */
    static String render(List<Cell> cells) {
        Map<Behaviour, Map<Behaviour, Cell>> grid = new LinkedHashMap<>();
        for (Cell c : cells) {
            grid.computeIfAbsent(c.a(), k -> new LinkedHashMap<>()).put(c.b(), c);
        }
        StringBuilder s = new StringBuilder(String.format("%-10s", "alice\\bob"));
        for (Behaviour b : behaviours()) {
            s.append(String.format(" %-10s", b));
        }
        s.append('\n');
        for (Behaviour a : behaviours()) {
            s.append(String.format("%-10s", a));
            for (Behaviour b : behaviours()) {
                Cell c = grid.get(a).get(b);
                s.append(String.format(" %-10s", (c.predicted() ? "yes" : "no") + "/" + c.outcome().word() + (c.agrees() ? "" : "!")));
            }
            s.append('\n');
        }
        return s.append("(predicted/observed; '!' marks a disagreement)").toString();
    }

    /** Where these matrices run: the label a report shows beside them (a real-NAT suite says where it ran). */
    static final String WHERE = "reference NAT, virtual time";

    /**
     * Writes the wire log's line per cell and each cell's log to a file of its own, and publishes the matrix on the
     * result (see {@link ResultMatrix}): rows alice's NAT, columns bob's. A cell whose peers threw has no verdict
     * on the prediction ({@code agrees} absent): it is neither an agreement nor a disagreement.
     */
    private static void publish(String technique, List<Cell> cells) {
        List<String> labels = behaviours().stream().map(Behaviour::toString).toList();
        String grid = "traversal-" + technique.toLowerCase(java.util.Locale.ROOT) + "-virtual";
        List<ResultMatrix.Cell> out = new ArrayList<>();
        for (Cell c : cells) {
            VirtualTraversalLab.Outcome o = c.outcome();
            Boolean agrees = o.error() != null ? null : c.agrees();
            Observation.wire("== cell alice " + c.a() + " / bob " + c.b() + ": predicted " + (c.predicted() ? "yes" : "no")
                    + ", observed " + o.word() + (o.error() != null ? "  <-- the peers threw" : c.agrees() ? "" : "  <-- disagrees"));
            out.add(GridCells.cell(grid, c.a().toString(), c.b().toString(), technique, c.predicted() ? "yes" : "no",
                    o.word(), agrees, o.error(), String.join("; ", o.problems()), o.log(), Observation::wire));
        }
        Observation.matrix(new ResultMatrix(grid, technique + " hole punching: the prediction table against what the peers achieved",
                WHERE, "side A (alice): her NAT's mapping+filtering", "side B (bob): his NAT's mapping+filtering",
                labels, labels, out));
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-3")
    @RequiresCapability(HolePunchingAdapter.UDP)
    void udpConnectsWhereverThePredictionSaysYes(HolePunchingAdapter adapter) {
        List<Cell> cells = udpMatrix(adapter);
        publish("UDP", cells);
        judgeYesCells("two peers behind different NATs connect (and exchange data both ways) in every cell the prediction"
                + " table says yes for (" + cells.stream().filter(Cell::predicted).count() + " of " + cells.size() + ")", cells);
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-4")
    @RequiresCapability(HolePunchingAdapter.UDP)
    void whatUdpAchievesWhereThePredictionSaysNo(HolePunchingAdapter adapter) {
        List<Cell> cells = udpMatrix(adapter);
        publish("UDP", cells);
        Check.record("the UDP matrix, prediction against what the peers achieved", render(cells));
    }

    @ConformanceTest
    @Requirement("TRAV-TCP-3")
    @RequiresCapability(HolePunchingAdapter.TCP)
    void tcpConnectsWhereverThePredictionSaysYes(HolePunchingAdapter adapter) {
        List<Cell> cells = tcpMatrix(adapter);
        publish("TCP", cells);
        judgeYesCells("two TCP peers behind different NATs connect (and exchange data both ways) in every cell the TCP"
                + " prediction says yes for (" + cells.stream().filter(Cell::predicted).count() + " of " + cells.size() + ")", cells);
    }

    /**
     * FAIL on a predicted-yes cell whose peers ran and did not connect; a cell whose peers threw is no verdict on
     * the technique, so when those are the only misses the test is ERROR (with the cells named), never FAIL.
     */
    private static void judgeYesCells(String expectation, List<Cell> cells) {
        List<String> failed = new ArrayList<>();
        List<String> threw = new ArrayList<>();
        for (Cell c : cells) {
            if (c.predicted() && !c.outcome().connected()) {
                String line = "alice " + c.a() + " / bob " + c.b() + ": predicted yes, observed " + c.outcome().word()
                        + " " + c.outcome().problems();
                (c.outcome().error() != null ? threw : failed).add(line);
            }
        }
        if (failed.isEmpty() && !threw.isEmpty()) {
            Observation.wire(render(cells));
            throw new NoAnswer("the peers threw in " + threw.size() + " predicted-yes cell(s), so they say nothing about the"
                    + " technique: " + String.join("; ", threw));
        }
        Check.all(expectation, failed, render(cells));
    }

    @ConformanceTest
    @Requirement("TRAV-TCP-4")
    @RequiresCapability(HolePunchingAdapter.TCP)
    void whatTcpAchievesWhereThePredictionSaysNo(HolePunchingAdapter adapter) {
        List<Cell> cells = tcpMatrix(adapter);
        publish("TCP", cells);
        Check.record("the TCP matrix, prediction against what the peers achieved", render(cells));
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-1")
    @RequiresCapability(HolePunchingAdapter.UDP)
    void peersBehindOneNatConnectWithOrWithoutHairpinning(HolePunchingAdapter adapter) {
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Behaviour n : behaviours()) {
            for (boolean hairpin : new boolean[] {false, true}) {
                VirtualTraversalLab lab = new VirtualTraversalLab(adapter, VirtualTraversalLab.Layout.SAME_NAT,
                        n.config(hairpin), n.config(hairpin));
                VirtualTraversalLab.Outcome o = lab.run(false, PUNCH_FOR, Duration.ZERO);
                String line = "both behind one " + n + (hairpin ? " NAT with hairpinning" : " NAT without hairpinning")
                        + ": predicted yes, observed " + o.word() + " (alice locked " + lab.alice().locked().orElse(null) + ")";
                table.append(line).append('\n');
                Observation.wire("== " + line);
                Observation.wire(o.log());
                if (!o.connected()) {
                    problems.add(line + " " + o.problems());
                }
            }
        }
        Check.all("peers behind one NAT connect, through their private candidates where the NAT does not hairpin",
                problems, table.toString().strip());
    }

    @ConformanceTest
    @Requirement("TRAV-UDP-2")
    @RequiresCapability(HolePunchingAdapter.UDP)
    void aMessageWithoutTheTokenChangesNothing(HolePunchingAdapter adapter) {
        Behaviour open = new Behaviour(MappingBehavior.EIM, FilteringBehavior.EIF);
        VirtualTraversalLab lab = new VirtualTraversalLab(adapter, VirtualTraversalLab.Layout.DIFFERENT_NATS,
                open.config(false), open.config(false)).withStranger();
        VirtualTraversalLab.Outcome o = lab.run(false, PUNCH_FOR, Duration.ZERO);
        Observation.wire(o.log());
        List<String> problems = new ArrayList<>();
        if (!o.connected()) {
            problems.add("alice and bob did not connect: " + o.word() + " " + o.problems());
        }
        if (lab.alice().locked().filter(VirtualTraversalLab.STRANGER::equals).isPresent()) {
            problems.add("alice locked the stranger " + VirtualTraversalLab.STRANGER + ", whose answer had no token");
        }
        if (lab.alice().received().contains("forged-data")) {
            problems.add("alice took the stranger's data as bob's");
        }
        Check.all("a forged answer, punch and data without the session token (from a stranger at "
                + VirtualTraversalLab.STRANGER + ", before bob's answer) change nothing: alice locks bob", problems,
                "alice locked " + lab.alice().locked().orElse(null) + " and received " + lab.alice().received());
    }

    @ConformanceTest
    @Requirement("TRAV-KA-1")
    @RequiresCapability(HolePunchingAdapter.UDP)
    void theHoleStaysOpenThroughTenIdleMinutes(HolePunchingAdapter adapter) {
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Behaviour n : behaviours()) {
            if (!Prediction.udp(n.mapping(), n.filtering(), n.mapping(), n.filtering())) {
                continue;
            }
            VirtualTraversalLab lab = new VirtualTraversalLab(adapter, VirtualTraversalLab.Layout.DIFFERENT_NATS,
                    n.config(false), n.config(false));
            VirtualTraversalLab.Outcome o = lab.run(false, PUNCH_FOR, Duration.ofMinutes(10));
            String line = "both behind " + n + " NATs with a 2-minute mapping timer, 10 minutes idle after connecting: "
                    + (o.connected() ? "data both ways" : "observed " + o.word() + " " + o.problems());
            table.append(line).append('\n');
            Observation.wire("== " + line);
            Observation.wire(o.log());
            if (!o.connected()) {
                problems.add(line);
            }
        }
        Check.all("data still flows both ways on the locked endpoints after idle time far beyond the mapping timer",
                problems, table.toString().strip());
    }

    @ConformanceTest
    @Requirement("TRAV-REV-1")
    @RequiresCapability(HolePunchingAdapter.REVERSAL)
    void aPublicPeerIsCalledBackFromBehindEveryNat(HolePunchingAdapter adapter) {
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        boolean withTcp = adapter.capabilities().contains(HolePunchingAdapter.TCP);
        for (Behaviour n : behaviours()) {
            for (boolean tcp : withTcp ? new boolean[] {false, true} : new boolean[] {false}) {
            VirtualTraversalLab lab = new VirtualTraversalLab(adapter, VirtualTraversalLab.Layout.ALICE_PUBLIC,
                    null, n.config(false), tcp);
            VirtualTraversalLab.Outcome o = lab.run(true, tcp ? TCP_PUNCH_FOR : PUNCH_FOR, Duration.ZERO);
            String line = (tcp ? "TCP" : "UDP") + ": alice public, bob behind " + n
                    + ", alice asks for a call back: predicted yes, observed " + o.word();
            table.append(line).append('\n');
            Observation.wire("== " + line);
            Observation.wire(o.log());
            if (!o.connected()) {
                problems.add(line + " " + o.problems());
            }
            }
        }
        Check.all("connection reversal connects behind every NAT behaviour", problems, table.toString().strip());
    }

    @ConformanceTest
    @Requirement({"TRAV-RDV-2", "TRAV-RDV-3"})
    @RequiresCapability(HolePunchingAdapter.UDP)
    void theServerGivesEachPeerBothCandidatesOfTheOther(HolePunchingAdapter adapter) {
        Behaviour n = new Behaviour(MappingBehavior.ADM, FilteringBehavior.APDF);
        VirtualTraversalLab lab = new VirtualTraversalLab(adapter, VirtualTraversalLab.Layout.DIFFERENT_NATS,
                n.config(false), n.config(false));
        VirtualTraversalLab.Outcome o = lab.run(false, Duration.ofMillis(100), Duration.ZERO);
        Observation.wire(o.log());
        List<String> problems = new ArrayList<>();
        expectCandidates(problems, "alice", lab.alice().candidates(), lab.registeredFrom("bob").orElse(null), lab.bobPrivate());
        expectCandidates(problems, "bob", lab.bob().candidates(), lab.registeredFrom("alice").orElse(null), lab.alicePrivate());
        Check.all("each peer holds the other's public candidate (the source the server saw its registration come from)"
                + " and its private one (its socket's own address)", problems,
                "alice has " + lab.alice().candidates() + ", bob has " + lab.bob().candidates());
    }

    private static void expectCandidates(List<String> problems, String who, List<?> got, Object pub, Object priv) {
        if (pub == null || !got.contains(pub)) {
            problems.add(who + " lacks the other's public candidate " + pub + ": has " + got);
        }
        if (!got.contains(priv)) {
            problems.add(who + " lacks the other's private candidate " + priv + ": has " + got);
        }
    }
}
