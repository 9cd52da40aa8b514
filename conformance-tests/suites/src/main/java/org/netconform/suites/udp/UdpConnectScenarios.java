package org.netconform.suites.udp;

import static org.netconform.suites.udp.UdpWorld.ARRIVES;
import static org.netconform.suites.udp.UdpWorld.QUIET;
import static org.netconform.suites.udp.UdpWorld.bytes;
import static org.netconform.suites.udp.UdpWorld.show;
import static org.netconform.suites.udp.UdpWorld.to;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.api.Assumptions;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
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

    /** Whether the source a receiver sees matches a local address; a wildcard local address matches by port (UDP-INFO-6). */
    static boolean sourceIs(UdpAddress source, UdpAddress local) {
        return local.isWildcard() ? source.port() == local.port() : local.equals(source);
    }

    @ConformanceTest
    @Requirement("UDP-CONNECT-1")
    void connectSendsNothing(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            UdpEndpoint s = w.socket();
            UdpResult<Void> c = s.connect(to(peer));
            UdpResult<Datagram> got = peer.receive(QUIET);
            Check.that("connect OK; the peer receives nothing", "connect " + c + "; the peer receives " + show(got),
                    c.outcome() == UdpOutcome.OK && got.outcome() == UdpOutcome.WOULD_BLOCK);
        }
    }

    @ConformanceTest
    @Requirement("UDP-CONNECT-2")
    void connectToAPortWithNoSocketSucceeds(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint s = w.socket();
            UdpResult<Void> c = s.connect(nobody);
            Optional<UdpAddress> peer = s.remoteAddress();
            String connected = "connect to " + nobody + " (no socket): " + c + ", peer " + peer;
            Check.that("connect OK, the peer set to " + nobody, connected,
                    c.outcome() == UdpOutcome.OK && Optional.of(nobody).equals(peer));
            UdpResult<Datagram> next = s.receive(QUIET);
            Check.that("then nothing to receive (nothing was sent)", connected + "; then receive " + show(next),
                    next.outcome() == UdpOutcome.WOULD_BLOCK);
        }
    }

    @ConformanceTest
    @Requirement("UDP-CONNECT-3")
    void latestConnectWins(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint b = w.helper();
            UdpEndpoint c = w.helper();
            Check.equal("connect to the first peer", UdpOutcome.OK, s.connect(to(b)).outcome());
            UdpResult<Void> again = s.connect(to(c));
            String how = "directly";
            if (again.outcome() == UdpOutcome.ALREADY_CONNECTED) {
                // a refused direct connect is UDP-INFO-4 (and what it does to the socket is recorded there):
                // check the other path, on a fresh socket
                Assumptions.assumeThat(w.can(UdpStackAdapter.DISCONNECT))
                        .as("the target refuses a second connect (UDP-INFO-4) and cannot disconnect").isTrue();
                s = w.bound();
                Check.equal("connect to the first peer", UdpOutcome.OK, s.connect(to(b)).outcome());
                Check.equal("disconnect", UdpOutcome.OK, s.disconnect().outcome());
                again = s.connect(to(c));
                how = "after a disconnect (a direct connect is refused, UDP-INFO-4)";
            }
            Check.equal("connect to the second peer " + how, UdpOutcome.OK, again.outcome());
            Check.equal("send", UdpOutcome.OK, s.send(bytes("to-new")).outcome());
            UdpResult<Datagram> atNew = c.receive(ARRIVES);
            UdpResult<Datagram> atOld = b.receive(QUIET);
            b.sendTo(to(s), bytes("from-old"));
            c.sendTo(to(s), bytes("from-new"));
            List<UdpResult<Datagram>> got = UdpWorld.drain(s);
            List<String> received = got.stream().map(UdpWorld::show).toList();
            Check.that("reconnected " + how + "; the send reaches the new peer; only \"from-new\" is received",
                    "new peer got " + show(atNew) + ", old peer got " + show(atOld) + "; received " + received,
                    show(atNew).startsWith("\"to-new\"") && atOld.outcome() == UdpOutcome.WOULD_BLOCK
                            && received.equals(List.of("\"from-new\" from " + to(c))));
        }
    }

    @ConformanceTest
    @Requirement("UDP-SEND-1")
    void sendWithoutAddressGoesToThePeer(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            UdpEndpoint s = w.socket();
            Check.equal("connect", UdpOutcome.OK, s.connect(to(peer)).outcome());
            UdpResult<Integer> sent = s.send(bytes("hi"));
            UdpResult<Datagram> got = peer.receive(ARRIVES);
            Check.that("send OK(2); the peer receives \"hi\" from the socket's local address (its port, when bound to 0.0.0.0)",
                    "send " + sent + "; peer received " + show(got) + "; local address " + s.localAddress(),
                    UdpResult.ok(2).equals(sent) && show(got).startsWith("\"hi\"")
                            && sourceIs(got.value().source(), s.localAddress().orElseThrow()));
        }
    }

    @ConformanceTest
    @Requirement("UDP-SEND-2")
    void sendWithoutAddressUnconnectedIsRefused(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint watcher = w.helper();
            UdpResult<Integer> sent = s.send(bytes("x"));
            Check.that("send without an address on an unconnected socket: an error", sent, sent.outcome() != UdpOutcome.OK);
            UdpResult<Datagram> anywhere = watcher.receive(QUIET);
            Check.that("then nothing received anywhere", "send " + sent + "; a watcher receives " + show(anywhere),
                    anywhere.outcome() == UdpOutcome.WOULD_BLOCK);
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
            Check.that("send-to OK(1); the peer receives \"x\" from " + to(s), "send-to " + sent + "; received " + show(got),
                    UdpResult.ok(1).equals(sent) && show(got).equals("\"x\" from " + to(s)));
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
            Check.all("sizes 0, 1, 2048, 2049, 8192, 65507 sent and received exactly, each way; two datagrams sent back to "
                    + "back received apart", problems, "all exact");
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
            Check.equal("connect", UdpOutcome.OK, s.connect(to(peer)).outcome());
            otherPort.sendTo(to(s), bytes("other port"));
            otherAddress.sendTo(to(s), bytes("other address"));
            peer.sendTo(to(s), bytes("peer"));
            List<String> got = UdpWorld.drain(s).stream().map(UdpWorld::show).toList();
            Check.equal("received by a socket connected to " + to(peer) + " from it, another port and another address",
                    List.of("\"peer\" from " + to(peer)), got);
        }
    }

    @ConformanceTest
    @Requirement("UDP-FILTER-2")
    void connectedSocketReceivesItsPeerInOrder(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            Check.equal("connect", UdpOutcome.OK, s.connect(to(peer)).outcome());
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                peer.sendTo(to(s), bytes("d" + i));
                expected.add("\"d" + i + "\" from " + to(peer));
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                got.add(show(s.receive(ARRIVES)));
            }
            Check.equal("received from the peer, in order", expected, got);
        }
    }

    @ConformanceTest
    @Requirement("UDP-FILTER-3")
    void filteredDatagramIsAnsweredAsPortUnreachable(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            UdpEndpoint stranger = w.helper();
            Check.equal("connect", UdpOutcome.OK, s.connect(to(peer)).outcome());
            Check.equal("the stranger connects to the socket", UdpOutcome.OK, stranger.connect(to(s)).outcome());
            stranger.send(bytes("stranger"));
            UdpResult<Datagram> strangerSees = stranger.receive(ARRIVES);
            UdpResult<Datagram> socketSees = s.receive(QUIET);
            Check.that("the connected stranger sees PORT_UNREACHABLE; the socket receives nothing",
                    "stranger: " + show(strangerSees) + "; socket: " + show(socketSees),
                    socketSees.outcome() == UdpOutcome.WOULD_BLOCK && strangerSees.outcome() == UdpOutcome.PORT_UNREACHABLE);
        }
    }
}
