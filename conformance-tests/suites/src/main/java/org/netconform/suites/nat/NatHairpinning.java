package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netconform.suites.nat.NatClassification.Filtering;
import org.netconform.suites.nat.NatClassification.Mapping;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.TcpOutcome;

/**
 * Hairpinning between every ordered pair of inside hosts, in one lab, learned once per target: UDP for
 * NAT-HAIR-1, NAT-HAIR-2 and NAT-INFO-6, TCP for NAT-HAIR-3 and NAT-HAIR-4. Every pair, because a NAT can
 * hairpin for some hosts only (a static port forward with NAT loopback reaches the one host it forwards
 * to), and RFC 4787 §6 asks it of any inside endpoint that has an active mapping.
 *
 * <p>Before the judged packet the receiver sends once to the sender's external endpoint, as hole-punching
 * peers do, so a NAT whose filtering applies to hairpinned packets is not taken for one that does not
 * hairpin. That works only when the sender's packet comes from the mapping the receiver sent to (the
 * mapping is endpoint-independent) or the receiver's filter admits anyone (the filtering is); otherwise
 * "nothing arrived" cannot be told from "filtered" and the lab cannot decide.
 */
final class NatHairpinning {

    private NatHairpinning() {
    }

    /** One attempt from inside host {@code from} to inside host {@code to}. */
    record Attempt(int from, int to, NatEndpoint sender, NatEndpoint receiver, NatEndpoint senderMapping,
                   Optional<Delivery> arrived) {
        String describe() {
            return "X" + (from + 1) + " -> X" + (to + 1) + ": " + NatBench.show(arrived);
        }
    }

    /** One TCP attempt: the connection from {@code from} to {@code to}'s external endpoint, where {@code to} listens. */
    record TcpAttempt(int from, int to, NatEndpoint sender, NatEndpoint receiver, NatEndpoint senderMapping,
                      TcpOutcome outcome) {
        boolean established() {
            return NatClassifier.admitted(outcome, receiver);
        }

        String describe() {
            return "X" + (from + 1) + " -> X" + (to + 1) + ": " + NatBench.show(outcome);
        }
    }

    /** Why the UDP hairpin probes cannot decide for this NAT, or empty when they can. */
    static Optional<String> udpUndecidable(NatAdapter nat) {
        Mapping m = NatClassifier.mapping(nat);
        Filtering f = NatClassifier.filtering(nat);
        return undecidable("UDP", m, f);
    }

    /** As {@link #udpUndecidable}, with the TCP mapping and filtering. */
    static Optional<String> tcpUndecidable(NatAdapter nat) {
        NatClassifier.TcpBehaviour t = NatClassifier.tcp(nat);
        return undecidable("TCP", t.mapping(), t.filtering());
    }

    private static Optional<String> undecidable(String transport, Mapping m, Filtering f) {
        if (m == Mapping.EIM || f == Filtering.EIF) {
            return Optional.empty();
        }
        return Optional.of("the " + transport + " mapping is " + m + " and the filtering " + f + ": the sender's packet"
                + " leaves through a mapping made only when it sends, so the receiver cannot open its filter for it,"
                + " and 'nothing arrived' cannot be told from 'filtered'");
    }

    static List<Attempt> udp(NatAdapter nat) {
        return NatFacts.get(nat, "hairpin-udp", () -> {
            try (NatBench b = NatBench.open(nat)) {
                List<Attempt> attempts = eachPair(b, (from, to, x, y, towardsX, towardsY) -> {
                    NatEndpoint m1 = b.mapOrAbort(x, towardsX);
                    NatEndpoint m2 = b.mapOrAbort(y, towardsY);
                    b.udp(y, m1); // opens y's filter for x's mapping, as hole punching peers do
                    return new Attempt(from, to, x, y, m1, b.udp(x, m2).filter(v -> v.receivedAt().equals(y)));
                });
                NatEvidence.line("UDP hairpinning: " + attempts.stream().map(Attempt::describe).toList());
                return attempts;
            }
        });
    }

    static List<TcpAttempt> tcp(NatAdapter nat) {
        return NatFacts.get(nat, "hairpin-tcp", () -> {
            try (NatBench b = NatBench.open(nat)) {
                List<TcpAttempt> attempts = eachPair(b, (from, to, x, y, towardsX, towardsY) -> {
                    NatEndpoint m1 = b.tcpMapOrAbort(x, towardsX);
                    NatEndpoint m2 = b.tcpMapOrAbort(y, towardsY);
                    b.listen(y);
                    b.tcp(y, m1); // opens y's filter for x's mapping
                    return new TcpAttempt(from, to, x, y, m1, b.tcp(x, m2));
                });
                NatEvidence.line("TCP hairpinning: " + attempts.stream().map(TcpAttempt::describe).toList());
                return attempts;
            }
        });
    }

    /** One hairpin attempt between fresh endpoints of two inside hosts, whose mappings go towards the peers given. */
    private interface PairProbe<T> {
        T probe(int from, int to, NatEndpoint x, NatEndpoint y, NatEndpoint towardsX, NatEndpoint towardsY);
    }

    /** {@code probe} for every ordered pair of distinct inside hosts, in one lab. */
    private static <T> List<T> eachPair(NatBench b, PairProbe<T> probe) {
        List<NatEndpoint> peers = b.serverEndpoints();
        int n = b.topology().insideHosts().size();
        List<T> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    out.add(probe.probe(i, j, b.inside(i, b.fresh()), b.inside(j, b.fresh()), peers.get(k++ % peers.size()),
                            peers.get(k++ % peers.size())));
                }
            }
        }
        return List.copyOf(out);
    }
}
