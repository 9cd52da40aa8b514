package org.netconform.reference.udp;

import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.netconform.reference.udp.UdpHost.ModelSocket;

/**
 * Random operation sequences on the model: nothing throws, and the invariants the spec promises
 * hold after every step (UDP-FILTER-1, UDP-ICMP-2, UDP-ICMP-3, UDP-PEER-*, UDP-BIND-4).
 */
class UdpHostPropertiesTest {

    enum Kind { OPEN, REUSE_ADDR, REUSE_PORT, BIND, BIND_EPHEMERAL, CONNECT, DISCONNECT, SEND, SEND_TO, RECEIVE, CLOSE }

    /** One step: what to do, on which socket, with which target address. */
    record Op(Kind kind, int socket, int target) {
    }

    /** A few fixed loopback addresses, plus "the local address of socket k" for targets >= FIXED.size(). */
    private static final List<UdpAddress> FIXED = List.of(
            UdpAddress.loopback(5001), UdpAddress.loopback(5002), UdpAddress.of("127.0.0.2", 5001),
            UdpAddress.wildcard(5003), UdpAddress.loopback(5999));

    @Provide
    Arbitrary<Op> ops() {
        return Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, FIXED.size() + 4)).as(Op::new);
    }

    @Property(tries = 500)
    void randomSequencesKeepTheInvariants(@ForAll("seeds") long seed, @ForAll @Size(max = 80) List<@From("ops") Op> ops) {
        UdpHost host = new UdpHost(seed);
        List<ModelSocket> sockets = new ArrayList<>();
        Map<Integer, Integer> sentAtStep = new HashMap<>();
        Map<ModelSocket, Integer> connectedAtStep = new HashMap<>();
        Map<ModelSocket, Integer> icmpAtLastReport = new HashMap<>();
        Map<ModelSocket, Boolean> everConnected = new HashMap<>();
        int seq = 0;

        for (int step = 0; step < ops.size(); step++) {
            Op op = ops.get(step);
            if (op.kind() == Kind.OPEN || sockets.isEmpty()) {
                sockets.add(host.open());
                continue;
            }
            ModelSocket s = sockets.get(op.socket() % sockets.size());
            UdpAddress target = target(op.target(), sockets);
            UdpResult<?> result;
            switch (op.kind()) {
                case REUSE_ADDR -> result = s.setOption(UdpOption.REUSE_ADDRESS, true);
                case REUSE_PORT -> result = s.setOption(UdpOption.REUSE_PORT, true);
                case BIND -> result = s.bind(target);
                case BIND_EPHEMERAL -> result = s.bind(target.withPort(0));
                case CONNECT -> {
                    result = s.connect(target);
                    if (result.isOk()) {
                        connectedAtStep.put(s, step);
                        everConnected.put(s, true);
                    }
                }
                case DISCONNECT -> result = s.disconnect();
                case SEND, SEND_TO -> {
                    byte[] payload = ByteBuffer.allocate(4).putInt(++seq).array();
                    sentAtStep.put(seq, step);
                    result = op.kind() == Kind.SEND ? s.send(payload) : s.sendTo(target, payload);
                }
                case RECEIVE -> {
                    Optional<UdpAddress> peer = s.remoteAddress();
                    UdpResult<Datagram> r = s.receive(Duration.ZERO);
                    result = r;
                    if (r.isOk() && peer.isPresent()) {
                        int sentStep = sentAtStep.get(ByteBuffer.wrap(r.value().payload()).getInt());
                        if (sentStep > connectedAtStep.get(s)) {
                            assertThat(r.value().source()).as("UDP-FILTER-1 at step %d", step).isEqualTo(peer.get());
                        }
                    }
                }
                case CLOSE -> result = s.close();
                default -> throw new AssertionError(op);
            }
            if (result.outcome() == UdpOutcome.PORT_UNREACHABLE) {
                assertThat(everConnected.getOrDefault(s, false)).as("UDP-ICMP-3: only connected sockets get ICMP errors").isTrue();
                int icmpNow = host.icmpPortUnreachableCount();
                Integer before = icmpAtLastReport.put(s, icmpNow);
                if (before != null) {
                    assertThat(icmpNow).as("UDP-ICMP-2: a second report needs a new ICMP error").isGreaterThan(before);
                }
            }
            assertInvariants(host);
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static UdpAddress target(int index, List<ModelSocket> sockets) {
        if (index < FIXED.size()) {
            return FIXED.get(index);
        }
        ModelSocket s = sockets.get((index - FIXED.size()) % sockets.size());
        return s.localAddress().map(a -> a.isWildcard() ? a.withIp(UdpAddress.LOOPBACK_IP) : a)
                .orElse(UdpAddress.loopback(5002));
    }

    private static void assertInvariants(UdpHost host) {
        List<ModelSocket> open = host.sockets().stream().filter(s -> s.state() != SocketState.CLOSED).toList();
        for (ModelSocket s : host.sockets()) {
            switch (s.state()) {
                case UNBOUND, CLOSED -> {
                    assertThat(s.localAddress()).isEmpty();
                    assertThat(s.remoteAddress()).isEmpty();
                }
                case BOUND -> {
                    assertThat(s.localAddress()).isPresent();
                    assertThat(s.remoteAddress()).isEmpty();
                }
                case CONNECTED -> {
                    assertThat(s.localAddress()).get().satisfies(a -> assertThat(a.isWildcard()).isFalse());
                    assertThat(s.remoteAddress()).isPresent();
                }
                default -> throw new AssertionError(s);
            }
            if (s.state() == SocketState.CLOSED) {
                assertThat(s.pendingError()).isEmpty();
                assertThat(s.queuedCount()).isZero();
            }
        }
        // UDP-BIND-4: two open sockets on overlapping addresses and one port both allowed reuse.
        for (int i = 0; i < open.size(); i++) {
            for (int j = i + 1; j < open.size(); j++) {
                Optional<UdpAddress> a = open.get(i).localAddress();
                Optional<UdpAddress> b = open.get(j).localAddress();
                if (a.isPresent() && b.isPresent() && a.get().port() == b.get().port()
                        && (a.get().isWildcard() || b.get().isWildcard() || a.get().ip() == b.get().ip())) {
                    boolean reuse = (open.get(i).option(UdpOption.REUSE_ADDRESS) && open.get(j).option(UdpOption.REUSE_ADDRESS))
                            || (open.get(i).option(UdpOption.REUSE_PORT) && open.get(j).option(UdpOption.REUSE_PORT));
                    assertThat(reuse).as("UDP-BIND-4: %s and %s share a port", open.get(i), open.get(j)).isTrue();
                }
            }
        }
    }
}
