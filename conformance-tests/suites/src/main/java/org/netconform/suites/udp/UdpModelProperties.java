package org.netconform.suites.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.reference.udp.UdpHost;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpStackAdapter;

/**
 * Random operation sequences run against the target and the reference model side by side; every
 * observation (results, datagrams with their senders named by role, errors, the peer) must agree. A
 * disagreement shrinks to the shortest sequence, which the report shows.
 *
 * <p>Where real stacks legitimately differ (UDP-INFO-*), the sequences are restricted or normalised,
 * so the comparison only judges what the spec pins down:
 * <ul>
 * <li>the subject socket is bound explicitly to 127.0.0.1 and a non-zero port first, so a disconnect
 *     keeps its port and address everywhere (UDP-DISC-3, UDP-DISC-4; what happens to other ports is
 *     UDP-INFO-3, to a wildcard address UDP-INFO-6);</li>
 * <li>a connect is preceded by draining the receive queue on both sides, the drained datagrams
 *     compared (what a connect does to queued datagrams is UDP-INFO-1);</li>
 * <li>a connect while connected is skipped (UDP-INFO-4), as is a send-to an address other than the
 *     peer while connected (UDP-INFO-2);</li>
 * <li>a send without an address on an unconnected socket compares only that it is refused (which
 *     error is UDP-INFO-5);</li>
 * <li>a send to a closed peer is followed at once by a receive on both sides, so a pending port
 *     unreachable is reported by a receive everywhere (whether a send would report it and still
 *     transmit is UDP-INFO-8).</li>
 * </ul>
 */
@ConformanceProperties
public class UdpModelProperties {
    private static final int MODEL_PORT = 40_000;

    /** One step of a sequence. */
    public enum Step {
        CONNECT_PEER("connect to the peer"),
        CONNECT_CLOSED("connect to a closed port"),
        DISCONNECT("disconnect"),
        SEND("send"),
        SEND_TO_PEER("send-to the peer"),
        SEND_TO_CLOSED("send-to a closed port"),
        PEER_SENDS("the peer sends"),
        STRANGER_SENDS("a stranger sends"),
        RECEIVE("receive");

        private final String text;

        Step(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    // Fixed seeds: a conformance run must give the same verdict every time, so a baseline can hold;
    // -Djqwik.seeds.whenfixed=... does not apply here, change the seed to explore other sequences.
    @Property(tries = 12, shrinking = ShrinkingMode.BOUNDED, seed = "20261124")
    @Requirement({"UDP-FILTER-1", "UDP-FILTER-2", "UDP-SEND-1", "UDP-SEND-3", "UDP-DISC-2", "UDP-DISC-3"})
    void peerFilterAndDefaultDestinationAgreeWithTheModel(UdpStackAdapter udp,
                                                          @ForAll("filterSequences") List<Step> steps) {
        run(udp, steps);
    }

    @Property(tries = 10, shrinking = ShrinkingMode.BOUNDED, seed = "20261125")
    @Requirement({"UDP-ICMP-1", "UDP-ICMP-2", "UDP-ICMP-4"})
    void portUnreachableDeliveryAgreesWithTheModel(UdpStackAdapter udp, @ForAll("icmpSequences") List<Step> steps) {
        run(udp, steps);
    }

    @Provide
    Arbitrary<List<Step>> filterSequences() {
        return Arbitraries.of(Step.CONNECT_PEER, Step.DISCONNECT, Step.SEND, Step.SEND_TO_PEER, Step.PEER_SENDS,
                Step.STRANGER_SENDS, Step.RECEIVE).list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Step>> icmpSequences() {
        return Arbitraries.of(Step.CONNECT_PEER, Step.CONNECT_CLOSED, Step.DISCONNECT, Step.SEND, Step.SEND_TO_PEER,
                Step.SEND_TO_CLOSED, Step.RECEIVE).list().ofMinSize(1).ofMaxSize(8);
    }

    /** One side of the comparison: the subject socket and its helpers, with role names for addresses. */
    private static final class Side {
        final UdpWorld world;
        final UdpEndpoint subject;
        final UdpEndpoint peer;
        final UdpEndpoint stranger;
        final UdpAddress closed;
        final boolean model;

        Side(UdpWorld world, boolean model) {
            this.world = world;
            this.model = model;
            this.peer = world.helper();
            this.stranger = world.helper();
            this.closed = world.closedPort();
            if (model) {
                subject = world.socket();
                world.bound(subject, UdpAddress.loopback(MODEL_PORT));
            } else {
                subject = world.boundExplicitly();
            }
        }

        String role(UdpAddress a) {
            if (a == null) {
                return "none";
            }
            if (a.equals(UdpWorld.to(peer))) {
                return "peer";
            }
            if (a.equals(UdpWorld.to(stranger))) {
                return "stranger";
            }
            if (a.equals(closed)) {
                return "closed port";
            }
            return "other " + a;
        }

        String show(UdpResult<Datagram> r) {
            return r.isOk() ? "\"" + r.value().text() + "\" from " + role(r.value().source()) : r.outcome().name();
        }

        String receive() {
            return show(subject.receive(model ? UdpWorld.QUIET : UdpWorld.QUIET));
        }

        List<String> drain() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                UdpResult<Datagram> r = subject.receive(UdpWorld.QUIET);
                if (r.outcome() == UdpOutcome.WOULD_BLOCK) {
                    break;
                }
                out.add(show(r));
            }
            return out;
        }

        String peerRole() {
            return subject.remoteAddress().map(this::role).orElse("none");
        }
    }

    /** A stack view for the model side: the reference model, hosting its own helpers. */
    private static final UdpStackAdapter MODEL = new UdpStackAdapter() {
        @Override
        public org.netconform.spi.udp.UdpStack stack() {
            return new UdpHost(1);
        }

        @Override
        public boolean inProcess() {
            return true;
        }
    };

    private static void run(UdpStackAdapter udp, List<Step> steps) {
        boolean canDisconnect = udp.capabilities().contains(UdpStackAdapter.DISCONNECT);
        try (UdpWorld realWorld = new UdpWorld(udp); UdpWorld modelWorld = new UdpWorld(MODEL)) {
            Side real = new Side(realWorld, udp.inProcess());
            Side model = new Side(modelWorld, true);
            List<String> log = new ArrayList<>();
            int n = 0;
            for (Step step : steps) {
                n++;
                String m;
                String r;
                boolean connected = model.subject.remoteAddress().isPresent();
                boolean toPeer = model.peerRole().equals("peer");
                switch (step) {
                    case CONNECT_PEER, CONNECT_CLOSED -> {
                        if (connected) {
                            log.add(n + ". " + step + ": skipped, already connected (UDP-INFO-4)");
                            continue;
                        }
                        compare(log, n, "drain before connect (UDP-INFO-1)", model.drain().toString(),
                                real.drain().toString());
                        boolean closed = step == Step.CONNECT_CLOSED;
                        m = model.subject.connect(closed ? model.closed : UdpWorld.to(model.peer)).outcome() + ", peer "
                                + model.peerRole();
                        r = real.subject.connect(closed ? real.closed : UdpWorld.to(real.peer)).outcome() + ", peer "
                                + real.peerRole();
                    }
                    case DISCONNECT -> {
                        if (!canDisconnect) {
                            log.add(n + ". " + step + ": skipped, no disconnect");
                            continue;
                        }
                        m = model.subject.disconnect().outcome() + ", peer " + model.peerRole() + ", local "
                                + model.subject.localAddress().map(a -> a.ipString()).orElse("none");
                        r = real.subject.disconnect().outcome() + ", peer " + real.peerRole() + ", local "
                                + real.subject.localAddress().map(a -> a.ipString()).orElse("none");
                    }
                    case SEND -> {
                        byte[] p = UdpWorld.bytes("s" + n);
                        UdpResult<Integer> ms = model.subject.send(p);
                        UdpResult<Integer> rs = real.subject.send(p);
                        if (!connected) {
                            m = ms.isOk() ? "sent" : "refused";
                            r = rs.isOk() ? "sent" : "refused";
                        } else {
                            m = ms.toString();
                            r = rs.toString();
                        }
                        m += ", peer got " + model.peer.receive(UdpWorld.QUIET).isOk();
                        r += ", peer got " + real.peer.receive(connected && toPeer ? UdpWorld.ARRIVES : UdpWorld.QUIET).isOk();
                        if (connected && !toPeer) {
                            realWorld.settle();
                            m += "; then receive " + model.receive();
                            r += "; then receive " + real.receive();
                        }
                    }
                    case SEND_TO_PEER -> {
                        if (connected && !toPeer) {
                            log.add(n + ". " + step + ": skipped, connected elsewhere (UDP-INFO-2)");
                            continue;
                        }
                        byte[] p = UdpWorld.bytes("t" + n);
                        m = model.subject.sendTo(UdpWorld.to(model.peer), p) + ", peer got "
                                + model.show(model.peer.receive(UdpWorld.QUIET)).replace("\"t" + n + "\" from other ", "it from ");
                        r = real.subject.sendTo(UdpWorld.to(real.peer), p) + ", peer got "
                                + real.show(real.peer.receive(UdpWorld.ARRIVES)).replace("\"t" + n + "\" from other ", "it from ");
                        m = m.replaceAll("from \\S+:\\d+", "from the subject");
                        r = r.replaceAll("from \\S+:\\d+", "from the subject");
                    }
                    case SEND_TO_CLOSED -> {
                        if (connected) {
                            log.add(n + ". " + step + ": skipped, connected (UDP-INFO-2)");
                            continue;
                        }
                        m = model.subject.sendTo(model.closed, UdpWorld.bytes("c" + n)).toString();
                        r = real.subject.sendTo(real.closed, UdpWorld.bytes("c" + n)).toString();
                        realWorld.settle();
                    }
                    case PEER_SENDS, STRANGER_SENDS -> {
                        boolean fromPeer = step == Step.PEER_SENDS;
                        byte[] p = UdpWorld.bytes((fromPeer ? "p" : "x") + n);
                        m = (fromPeer ? model.peer : model.stranger).sendTo(UdpWorld.to(model.subject), p).outcome().name();
                        r = (fromPeer ? real.peer : real.stranger).sendTo(UdpWorld.to(real.subject), p).outcome().name();
                    }
                    case RECEIVE -> {
                        m = model.receive();
                        r = real.show(real.subject.receive(m.equals("WOULD_BLOCK") ? UdpWorld.QUIET : UdpWorld.ARRIVES));
                    }
                    default -> throw new IllegalStateException(step.name());
                }
                compare(log, n, step.toString(), m, r);
            }
            compare(log, n + 1, "drain at the end", model.drain().toString(), real.drain().toString());
        }
    }

    private static void compare(List<String> log, int n, String what, String model, String real) {
        log.add(n + ". " + what + ": model " + model + (model.equals(real) ? "" : " | target " + real));
        assertThat(real).as("step %s\n%s", what, String.join("\n", log)).isEqualTo(model);
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
