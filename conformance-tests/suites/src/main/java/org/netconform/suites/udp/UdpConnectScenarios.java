package org.netconform.suites.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.suites.udp.UdpWorld.ARRIVES;
import static org.netconform.suites.udp.UdpWorld.QUIET;
import static org.netconform.suites.udp.UdpWorld.bytes;
import static org.netconform.suites.udp.UdpWorld.show;
import static org.netconform.suites.udp.UdpWorld.to;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.Assumptions;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.harness.Values;
import org.netconform.spi.udp.UdpStackAdapter;

/** Named scenarios for connect, the default destination and the peer filter (spec/udp-connect.md). */
public class UdpConnectScenarios {

    /** The source a receiver sees matches a local address; a wildcard local address matches by port (UDP-INFO-6). */
    static void assertSourceIs(UdpAddress source, UdpAddress local) {
        if (local.isWildcard()) {
            assertThat(source.port()).as("source port (local address %s)", local).isEqualTo(local.port());
        } else {
            assertThat(source).as("source (local address %s)", local).isEqualTo(local);
        }
    }

    @ConformanceTest
    @Requirement("UDP-CONNECT-1")
    void connectSendsNothing(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            UdpEndpoint s = w.socket();
            UdpResult<Void> c = s.connect(to(peer));
            UdpResult<Datagram> got = peer.receive(QUIET);
            Observation.expected("connect OK; the peer receives nothing");
            Observation.observed("connect " + c + "; the peer receives " + show(got));
            assertThat(c.outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            assertThat(got.outcome()).as("what the peer received because of the connect").isEqualTo(UdpOutcome.WOULD_BLOCK);
        }
    }

    @ConformanceTest
    @Requirement("UDP-CONNECT-2")
    void connectToAPortWithNoSocketSucceeds(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint s = w.socket();
            UdpResult<Void> c = s.connect(nobody);
            Observation.observed("connect to " + nobody + " (no socket): " + c + ", peer " + s.remoteAddress());
            assertThat(c.outcome()).as("connect to a port with no socket").isEqualTo(UdpOutcome.OK);
            assertThat(s.remoteAddress()).as("peer").contains(nobody);
            assertThat(s.receive(QUIET).outcome()).as("a receive right after the connect (nothing was sent)")
                    .isEqualTo(UdpOutcome.WOULD_BLOCK);
        }
    }

    @ConformanceTest
    @Requirement("UDP-CONNECT-3")
    void latestConnectWins(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint b = w.helper();
            UdpEndpoint c = w.helper();
            assertThat(s.connect(to(b)).outcome()).as("connect to the first peer").isEqualTo(UdpOutcome.OK);
            UdpResult<Void> again = s.connect(to(c));
            String how = "directly";
            if (again.outcome() == UdpOutcome.ALREADY_CONNECTED) {
                // a refused direct connect is UDP-INFO-4 (and what it does to the socket is recorded there):
                // check the other path, on a fresh socket
                Assumptions.assumeThat(w.can(UdpStackAdapter.DISCONNECT))
                        .as("the target refuses a second connect (UDP-INFO-4) and cannot disconnect").isTrue();
                s = w.bound();
                assertThat(s.connect(to(b)).outcome()).as("connect to the first peer").isEqualTo(UdpOutcome.OK);
                assertThat(s.disconnect().outcome()).as("disconnect").isEqualTo(UdpOutcome.OK);
                again = s.connect(to(c));
                how = "after a disconnect (a direct connect is refused, UDP-INFO-4)";
            }
            assertThat(again.outcome()).as("connect to the second peer " + how).isEqualTo(UdpOutcome.OK);
            assertThat(s.send(bytes("to-new")).outcome()).as("send").isEqualTo(UdpOutcome.OK);
            UdpResult<Datagram> atNew = c.receive(ARRIVES);
            UdpResult<Datagram> atOld = b.receive(QUIET);
            b.sendTo(to(s), bytes("from-old"));
            c.sendTo(to(s), bytes("from-new"));
            List<UdpResult<Datagram>> got = UdpWorld.drain(s);
            Observation.expected("reconnected " + how + "; the send reaches the new peer; only \"from-new\" is received");
            Observation.observed("new peer got " + show(atNew) + ", old peer got " + show(atOld) + "; received "
                    + got.stream().map(UdpWorld::show).toList());
            assertThat(show(atNew)).as("what the new peer received").startsWith("\"to-new\"");
            assertThat(atOld.outcome()).as("what the old peer received").isEqualTo(UdpOutcome.WOULD_BLOCK);
            assertThat(got.stream().map(UdpWorld::show).toList()).as("received after the reconnect")
                    .containsExactly("\"from-new\" from " + to(c));
        }
    }

    @ConformanceTest
    @Requirement("UDP-SEND-1")
    void sendWithoutAddressGoesToThePeer(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            UdpEndpoint s = w.socket();
            assertThat(s.connect(to(peer)).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            UdpResult<Integer> sent = s.send(bytes("hi"));
            UdpResult<Datagram> got = peer.receive(ARRIVES);
            Observation.observed("send " + sent + "; peer received " + show(got) + "; local address " + s.localAddress());
            assertThat(sent).as("send").isEqualTo(UdpResult.ok(2));
            assertThat(show(got)).as("what the peer received").startsWith("\"hi\"");
            assertSourceIs(got.value().source(), s.localAddress().orElseThrow());
        }
    }

    @ConformanceTest
    @Requirement("UDP-SEND-2")
    void sendWithoutAddressUnconnectedIsRefused(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint watcher = w.helper();
            UdpResult<Integer> sent = s.send(bytes("x"));
            Observation.expected("an error");
            Observation.observed(sent.toString());
            assertThat(sent.outcome()).as("send without an address on an unconnected socket").isNotEqualTo(UdpOutcome.OK);
            assertThat(watcher.receive(QUIET).outcome()).as("anything received anywhere").isEqualTo(UdpOutcome.WOULD_BLOCK);
        }
    }

    @ConformanceTest
    @Requirement("UDP-SEND-3")
    void sendToDeliversWithTheLocalAddressAsSource(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            UdpResult<Integer> sent = s.sendTo(to(peer), bytes("x"));
            UdpResult<Datagram> got = peer.receive(ARRIVES);
            Observation.observed("send-to " + sent + "; received " + show(got));
            assertThat(sent).as("send-to").isEqualTo(UdpResult.ok(1));
            assertThat(show(got)).isEqualTo("\"x\" from " + to(s));
        }
    }

    @ConformanceTest
    @Requirement("UDP-SEND-4")
    void payloadsArriveWholeBothWays(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            Random random = new Random(4);
            List<byte[]> payloads = new ArrayList<>();
            for (int size : new int[] {0, 1, 2048, 2049, 8192, 65_507}) {
                byte[] p = new byte[size];
                random.nextBytes(p);
                payloads.add(p);
            }
            List<String> problems = new ArrayList<>();
            for (byte[] p : payloads) {
                // the target sends, the helper receives; then the other way round
                UdpResult<Integer> out = s.sendTo(to(peer), p);
                UdpResult<Datagram> got = peer.receive(out.isOk() ? ARRIVES : QUIET);
                check(problems, "target sends " + p.length + " octets: " + out, p, got);
                peer.sendTo(to(s), p);
                check(problems, "target receives " + p.length + " octets", p, s.receive(ARRIVES));
            }
            // one receive, one datagram: two sent back to back come apart
            peer.sendTo(to(s), bytes("one"));
            peer.sendTo(to(s), bytes("two"));
            check(problems, "first of two", bytes("one"), s.receive(ARRIVES));
            check(problems, "second of two", bytes("two"), s.receive(ARRIVES));
            Observation.expected("sizes 0, 1, 2048, 2049, 8192, 65507 sent and received exactly, each way");
            Observation.observed(problems.isEmpty() ? "all exact" : String.join("; ", problems));
            assertThat(problems).as("payloads not delivered whole").isEmpty();
        }
    }

    private static void check(List<String> problems, String what, byte[] sent, UdpResult<Datagram> got) {
        if (!got.isOk()) {
            problems.add(what + ": " + got.outcome());
        } else if (!java.util.Arrays.equals(got.value().payload(), sent)) {
            byte[] p = got.value().payload();
            problems.add(what + ": got " + p.length + " octets" + (p.length <= 8 ? " " + Values.hex(p) : ""));
        }
    }

    @ConformanceTest
    @Requirement("UDP-FILTER-1")
    void connectedSocketIgnoresStrangers(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            UdpEndpoint otherPort = w.helper();
            // same port as the peer, other address: only the address differs
            UdpEndpoint otherAddress = w.helperAt(UdpAddress.of(UdpWorld.LOOPBACK_2, to(peer).port()));
            assertThat(s.connect(to(peer)).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            otherPort.sendTo(to(s), bytes("other port"));
            otherAddress.sendTo(to(s), bytes("other address"));
            peer.sendTo(to(s), bytes("peer"));
            List<String> got = UdpWorld.drain(s).stream().map(UdpWorld::show).toList();
            Observation.expected("only \"peer\"");
            Observation.observed(got.toString());
            assertThat(got).as("received by a socket connected to " + to(peer))
                    .containsExactly("\"peer\" from " + to(peer));
        }
    }

    @ConformanceTest
    @Requirement("UDP-FILTER-2")
    void connectedSocketReceivesItsPeerInOrder(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            assertThat(s.connect(to(peer)).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                peer.sendTo(to(s), bytes("d" + i));
                expected.add("\"d" + i + "\" from " + to(peer));
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                got.add(show(s.receive(ARRIVES)));
            }
            Observation.observed(got.toString());
            assertThat(got).containsExactlyElementsOf(expected);
        }
    }

    @ConformanceTest
    @Requirement("UDP-FILTER-3")
    void filteredDatagramIsAnsweredAsPortUnreachable(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            UdpEndpoint stranger = w.helper();
            assertThat(s.connect(to(peer)).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            assertThat(stranger.connect(to(s)).outcome()).as("the stranger connects to the socket").isEqualTo(UdpOutcome.OK);
            stranger.send(bytes("stranger"));
            UdpResult<Datagram> strangerSees = stranger.receive(ARRIVES);
            UdpResult<Datagram> socketSees = s.receive(QUIET);
            Observation.expected("the connected stranger sees PORT_UNREACHABLE; the socket receives nothing");
            Observation.observed("stranger: " + show(strangerSees) + "; socket: " + show(socketSees));
            assertThat(socketSees.outcome()).as("what the connected socket received").isEqualTo(UdpOutcome.WOULD_BLOCK);
            assertThat(strangerSees.outcome()).as("what the stranger sees next").isEqualTo(UdpOutcome.PORT_UNREACHABLE);
        }
    }
}
