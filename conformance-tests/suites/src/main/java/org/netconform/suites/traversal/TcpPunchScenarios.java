package org.netconform.suites.traversal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.NoAnswer;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.reference.nat.FilteringBehavior;
import org.netconform.reference.nat.MappingBehavior;
import org.netconform.reference.nat.NatConfig;
import org.netconform.reference.nat.UnsolicitedTcpResponse;
import org.netconform.spi.traversal.HolePunchingAdapter;

/**
 * How a TCP peer punches (TRAV-TCP-1, TRAV-TCP-2), judged from what it did with the one port the suite gave it
 * ({@link TcpPortRecord}), in virtual time behind reference NATs. The matrices ({@link TraversalMatrixScenarios})
 * say whether peers got through; these say whether they did it the way RFC 5128 §3.4 describes: registered
 * through the port, listened on it while connecting, connected to every candidate, retried what was refused.
 */
public class TcpPunchScenarios {

    /** Both NATs filter (APDF), so each peer's SYNs are refused until the other's own SYN has gone out. */
    private static final NatConfig HOLDS_SYN = NatConfig.classified(MappingBehavior.EIM, FilteringBehavior.APDF, false,
            org.netconform.reference.nat.Hairpinning.OFF);
    /** Bob's NAT answers an unsolicited SYN with a RST at once (no RFC 5382 hold): alice's early SYNs are refused. */
    private static final NatConfig RESETS_SYN = HOLDS_SYN.toBuilder().noUnsolicitedSynHold()
            .unsolicitedTcp(UnsolicitedTcpResponse.RST).build();

    private record Run(VirtualTraversalLab lab, VirtualTraversalLab.Outcome outcome, String label) {
    }

    private static Run run(HolePunchingAdapter adapter, NatConfig a, NatConfig b, String label) {
        VirtualTraversalLab lab = new VirtualTraversalLab(adapter, VirtualTraversalLab.Layout.DIFFERENT_NATS, a, b, true);
        VirtualTraversalLab.Outcome o = lab.run(false, TraversalMatrixScenarios.TCP_PUNCH_FOR, Duration.ZERO);
        Observation.wire("== " + label + ": " + (o.connected() ? "connected" : "not connected") + "\n" + o.log()
                + "alice's port:\n" + lab.tcpRecord("alice").describe() + "bob's port:\n" + lab.tcpRecord("bob").describe());
        if (o.error() != null) {
            throw new NoAnswer(label + ": the peers threw " + o.error());
        }
        return new Run(lab, o, label);
    }

    /** When the peer first connected anywhere but the rendezvous server: its punching began. */
    private static long punchStart(TcpPortRecord r) {
        return r.connects().stream().filter(c -> !c.remote().equals(VirtualTraversalLab.SERVER))
                .mapToLong(TcpPortRecord.Connect::atMillis).min().orElse(Long.MAX_VALUE);
    }

    @ConformanceTest
    @Requirement("TRAV-TCP-1")
    @RequiresCapability(HolePunchingAdapter.TCP)
    void theRendezvousConnectionTheListenerAndEveryConnectShareOnePort(HolePunchingAdapter adapter) {
        List<String> problems = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        for (Run r : List.of(run(adapter, HOLDS_SYN, HOLDS_SYN, "alice and bob behind EIM+APDF"),
                run(adapter, HOLDS_SYN, RESETS_SYN, "alice behind EIM+APDF, bob behind EIM+APDF answering SYNs with RST"))) {
            for (String peer : List.of("alice", "bob")) {
                TcpPortRecord rec = r.lab().tcpRecord(peer);
                List<TcpPortRecord.Connect> connects = rec.connects();
                String who = r.label() + ", " + peer;
                if (connects.isEmpty() || !connects.get(0).remote().equals(VirtualTraversalLab.SERVER)) {
                    problems.add(who + ": the first connect from the port went to "
                            + (connects.isEmpty() ? "nowhere" : connects.get(0).remote()) + ", not to the rendezvous server");
                    continue;
                }
                long start = punchStart(rec);
                if (start == Long.MAX_VALUE) {
                    problems.add(who + ": never connected from the port to a candidate of the other");
                } else if (!rec.listenedFrom(start)) {
                    problems.add(who + ": did not listen on the port (no accept) once it began to connect at t=" + start + " ms");
                }
                seen.append(who).append(": registered from the port, punched from t=").append(start)
                        .append(" ms, listened while punching\n");
            }
        }
        Check.all("each TCP peer registers through its one port, then listens on that port while it connects from it",
                problems, seen.toString().strip());
    }

    /**
     * Bob's NAT maps each destination anew (APDM), filters (APDF) and answers unsolicited SYNs with RST at once (no
     * RFC 5382 hold): alice's SYNs to bob's public candidate (his mapping toward the server) are refused, and bob's
     * first SYNs meet alice's host before she listens. Only bob's retries can get a connection.
     */
    private static final NatConfig REFUSES_UNTIL_RETRY = NatConfig.classified(MappingBehavior.APDM, FilteringBehavior.APDF,
            false, org.netconform.reference.nat.Hairpinning.OFF).toBuilder().noUnsolicitedSynHold()
            .unsolicitedTcp(UnsolicitedTcpResponse.RST).build();
    /** How late alice starts to punch and to listen, in the retry lab. */
    static final Duration ALICE_LATE = Duration.ofSeconds(3);

    @ConformanceTest
    @Requirement("TRAV-TCP-2")
    @RequiresCapability(HolePunchingAdapter.TCP)
    void connectsToEveryCandidateWhileListeningAndRetriesWhatWasRefused(HolePunchingAdapter adapter) {
        String label = "alice public and " + ALICE_LATE.toSeconds() + " s late, bob behind APDM+APDF answering SYNs with RST";
        VirtualTraversalLab lab = new VirtualTraversalLab(adapter, VirtualTraversalLab.Layout.ALICE_PUBLIC, HOLDS_SYN,
                REFUSES_UNTIL_RETRY, true).aliceLate(ALICE_LATE);
        VirtualTraversalLab.Outcome o = lab.run(false, TraversalMatrixScenarios.TCP_PUNCH_FOR, Duration.ZERO);
        Observation.wire("== " + label + ": " + (o.connected() ? "connected" : "not connected") + "\n" + o.log()
                + "alice's port:\n" + lab.tcpRecord("alice").describe() + "bob's port:\n" + lab.tcpRecord("bob").describe());
        if (o.error() != null) {
            throw new NoAnswer(label + ": the peers threw " + o.error());
        }
        List<String> problems = new ArrayList<>();
        StringBuilder seen = new StringBuilder(label).append('\n');
        int refused = 0;
        for (String peer : List.of("alice", "bob")) {
            HolePunchingAdapter.Peer p = peer.equals("alice") ? lab.alice() : lab.bob();
            TcpPortRecord rec = lab.tcpRecord(peer);
            long start = punchStart(rec);
            if (start != Long.MAX_VALUE && !rec.listenedFrom(start)) {
                problems.add(peer + " did not listen (no accept) while it connected");
            }
            for (InetSocketAddress c : p.candidates()) {
                List<TcpPortRecord.Connect> to = rec.connectsTo(c);
                if (to.isEmpty() && !rec.accepted().contains(c)) {
                    problems.add(peer + " never connected to the candidate " + c + " (nor accepted a connection from it)");
                }
                long failed = to.stream().filter(x -> x.stream().state().equals("failed")).count();
                refused += (int) failed;
                // one connect, refused, and the peer never got a connection: it did not try again
                if (to.size() == 1 && failed == 1 && !p.connected()) {
                    problems.add(peer + "'s connect to " + c + " at t=" + to.get(0).atMillis() + " ms was refused and never"
                            + " tried again (" + TraversalMatrixScenarios.TCP_PUNCH_FOR.toSeconds() + " s)");
                }
                seen.append(peer).append(": ").append(to.size()).append(" connect(s) to ").append(c).append(", ")
                        .append(failed).append(" refused\n");
            }
            if (!p.connected()) {
                problems.add(peer + " did not connect within " + TraversalMatrixScenarios.TCP_PUNCH_FOR.toSeconds() + " s");
            } else if (p.locked().filter(l -> p.candidates().contains(l) || rec.accepted().contains(l)).isEmpty()) {
                problems.add(peer + " took a connection to " + p.locked().orElse(null) + ", neither a candidate nor accepted");
            }
        }
        if (refused == 0) {
            // the lab is built so that the first SYNs are refused: without a refusal the retry was not exercised
            throw new NoAnswer("no connect was refused in the retry lab, so whether the peers retry was not seen ("
                    + seen.toString().strip().replace('\n', ';') + ")");
        }
        Check.all("each TCP peer connects to every candidate of the other while it listens, tries a refused connect"
                + " again until it has a connection, and takes a connection to a candidate or from an accept", problems,
                seen.toString().strip());
    }
}
