package org.netconform.suites.realnat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.netconform.harness.NoAnswer;
import org.netconform.netlab.LabException;
import org.netconform.netlab.pair.PairHost;
import org.netconform.netlab.pair.PairLab;
import org.netconform.netlab.pair.PairLayout;
import org.netconform.spi.traversal.IceAgentAdapter;

/**
 * One cell of the real-NAT ICE matrix: a fresh {@link PairLab} with peer A behind {@code natA} and B behind
 * {@code natB}, the reference STUN server on the public side (203.0.113.100:3478, {@link StunServerProcess}
 * in a {@link LabJvm}), A controlling and B
 * controlled, the suite relaying their signalling. What each peer reported, the candidates, the selected
 * pair and both routers' conntrack tables go to the cell's log.
 */
final class IcePairRun {
    /** How long a peer's ICE may check before it gives up on its own; a "no" cell costs this. */
    static final Duration CHECKS = Duration.ofSeconds(10);
    /** By then each peer must have printed its result. */
    static final Duration DEADLINE = Duration.ofSeconds(20);
    /** A JVM started in a namespace on a shared, busy machine gets this long to listen: only a dead one waits it out. */
    private static final long STUN_START_MS = 30_000;
    static final String STUN = PairLayout.STUN_PRIMARY + ":3478";

    enum Kind {
        CONNECTED, NOT_CONNECTED, ERROR
    }

    /** {@code reason}: for ERROR the one reason; otherwise what the two peers said. */
    record Outcome(Kind kind, String reason, String selectedPair, List<String> log) {
        boolean connected() {
            return kind == Kind.CONNECTED;
        }

        String word() {
            return switch (kind) {
                case CONNECTED -> "yes";
                case NOT_CONNECTED -> "no";
                case ERROR -> "ERROR";
            };
        }
    }

    private IcePairRun() {
    }

    static Outcome run(IceAgentAdapter adapter, RealNat natA, RealNat natB) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (PairLab lab = PairLab.open(PairLayout.DIFFERENT_NATS, natA.rules(), natB.rules())) {
            log.add("lab " + lab.prefix() + ": A " + PairLayout.DIFFERENT_NATS.addressA() + " behind " + lab.describe(PairHost.ROUTER_A)
                    + " (" + PairLayout.EXTERNAL_A + "), B " + PairLayout.DIFFERENT_NATS.addressB() + " behind "
                    + lab.describe(PairHost.ROUTER_B) + " (" + PairLayout.EXTERNAL_B + "), STUN " + STUN);
            LabJvm stun = LabJvm.start(lab, PairHost.MIDDLE, "the STUN server", StunServerProcess.class,
                    List.of(PairLayout.STUN_PRIMARY, "3478", PairLayout.STUN_ALTERNATE, "3479"));
            try {
                log.add("stun: " + stun.await(l -> l.startsWith("READY"), STUN_START_MS, "READY"));
            } catch (NoAnswer e) {
                return new Outcome(Kind.ERROR, e.getMessage(), "", List.copyOf(log));
            }
            IcePeerProcess a = new IcePeerProcess("A", lab.exec(PairHost.A,
                    adapter.command(IceAgentAdapter.Role.CONTROLLING, STUN, CHECKS, DEADLINE)), log);
            IcePeerProcess b = new IcePeerProcess("B", lab.exec(PairHost.B,
                    adapter.command(IceAgentAdapter.Role.CONTROLLED, STUN, CHECKS, DEADLINE)), log);
            a.relayTo(b);
            b.relayTo(a);
            // a few seconds past the peers' own deadline: a peer still running then is dead, not slow
            long waitMs = DEADLINE.toMillis() + 5_000;
            boolean endedA = a.awaitEnd(waitMs);
            boolean endedB = b.awaitEnd(Math.max(1, waitMs - elapsedMs(start)));
            log.add("router A conntrack:\n" + lab.conntrack(PairHost.ROUTER_A));
            log.add("router B conntrack:\n" + lab.conntrack(PairHost.ROUTER_B));
            Outcome o = judge(a, endedA, b, endedB, List.copyOf(log));
            log.add("cell took " + elapsedMs(start) + " ms");
            return new Outcome(o.kind(), o.reason(), o.selectedPair(), List.copyOf(log));
        } catch (LabException e) {
            return new Outcome(Kind.ERROR, "the namespace lab failed: " + e.getMessage(), "", List.copyOf(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Kind.ERROR, "interrupted", "", List.copyOf(log));
        }
    }

    /** Both connected: yes. Both reported, one or both ICE failures: no. Anything else is ERROR with one reason. */
    static Outcome judge(IcePeerProcess a, boolean endedA, IcePeerProcess b, boolean endedB, List<String> log) {
        for (IcePeerProcess p : List.of(a, b)) {
            boolean ended = p == a ? endedA : endedB;
            if (p.error().isPresent()) {
                return new Outcome(Kind.ERROR, "peer " + p.name() + " could not run: " + p.error().get(), "", log);
            }
            if (p.result().isEmpty()) {
                return new Outcome(Kind.ERROR, "peer " + p.name() + (ended ? " ended (exit " + p.exitCode().orElse(-1) + ")"
                        : " was still running " + (DEADLINE.toSeconds() + 5) + " s after it started") + " without a result line", "", log);
            }
            JsonNode r = p.result().get();
            if (r.path("outcome").asText().equals("timeout")) {
                return new Outcome(Kind.ERROR, "peer " + p.name() + " reached its deadline: " + r.path("reason").asText(), "", log);
            }
        }
        JsonNode ra = a.result().orElseThrow();
        JsonNode rb = b.result().orElseThrow();
        boolean both = ra.path("outcome").asText().equals("connected") && rb.path("outcome").asText().equals("connected");
        String said = "A: " + ra.path("outcome").asText() + " (" + ra.path("reason").asText() + "); B: "
                + rb.path("outcome").asText() + " (" + rb.path("reason").asText() + ")";
        String pair = both ? "A " + IcePeerProcess.pair(ra) + ", B " + IcePeerProcess.pair(rb) : "";
        return new Outcome(both ? Kind.CONNECTED : Kind.NOT_CONNECTED, said, pair, log);
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
