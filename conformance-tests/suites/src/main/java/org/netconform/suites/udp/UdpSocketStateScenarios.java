package org.netconform.suites.udp;

import static org.netconform.suites.udp.UdpWorld.ARRIVES;
import static org.netconform.suites.udp.UdpWorld.QUIET;
import static org.netconform.suites.udp.UdpWorld.bytes;
import static org.netconform.suites.udp.UdpWorld.show;
import static org.netconform.suites.udp.UdpWorld.to;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpStackAdapter;

/** Named scenarios for disconnect, binding and the peer address. */
public class UdpSocketStateScenarios {

    @ConformanceTest
    @Requirement("UDP-DISC-1")
    @RequiresCapability(UdpStackAdapter.DISCONNECT)
    void disconnectForgetsThePeer(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            UdpEndpoint s = w.socket();
            Check.equal("connect", UdpOutcome.OK, s.connect(to(peer)).outcome());
            UdpResult<Void> d = s.disconnect();
            Optional<UdpAddress> remote = s.remoteAddress();
            Check.that("disconnect OK, then no remote address", "disconnect " + d + ", remote address " + remote,
                    d.outcome() == UdpOutcome.OK && Optional.empty().equals(remote));
        }
    }

    @ConformanceTest
    @Requirement("UDP-DISC-2")
    @RequiresCapability(UdpStackAdapter.DISCONNECT)
    void afterDisconnectSendNeedsAnAddress(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            UdpEndpoint other = w.helper();
            Check.equal("connect", UdpOutcome.OK, s.connect(to(peer)).outcome());
            Check.equal("disconnect", UdpOutcome.OK, s.disconnect().outcome());
            UdpResult<Integer> send = s.send(bytes("x"));
            UdpResult<Datagram> atOldPeer = peer.receive(QUIET);
            UdpResult<Integer> sendTo = s.sendTo(to(other), bytes("y"));
            UdpResult<Datagram> atOther = other.receive(ARRIVES);
            Check.that("after the disconnect a send without an address fails and reaches nobody; a send-to OK reaches its "
                    + "addressee (\"y\")", "send " + send + " (old peer got " + show(atOldPeer) + "); send-to " + sendTo
                    + " -> " + show(atOther),
                    send.outcome() != UdpOutcome.OK && atOldPeer.outcome() == UdpOutcome.WOULD_BLOCK
                            && sendTo.outcome() == UdpOutcome.OK && show(atOther).startsWith("\"y\""));
        }
    }

    @ConformanceTest
    @Requirement("UDP-DISC-3")
    @RequiresCapability(UdpStackAdapter.DISCONNECT)
    void explicitlyBoundSocketReceivesFromAnyoneAgain(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.boundExplicitly();
            UdpAddress at = to(s);
            UdpEndpoint peer = w.helper();
            UdpEndpoint stranger = w.helper();
            Check.equal("connect", UdpOutcome.OK, s.connect(to(peer)).outcome());
            Check.equal("disconnect", UdpOutcome.OK, s.disconnect().outcome());
            stranger.sendTo(at, bytes("stranger"));
            UdpResult<Datagram> got = s.receive(ARRIVES);
            Check.that("bound " + at + "; after connect and disconnect a datagram from a stranger is received",
                    "local " + s.localAddress() + ", received " + show(got), show(got).equals("\"stranger\" from " + to(stranger)));
        }
    }

    @ConformanceTest
    @Requirement("UDP-DISC-4")
    @RequiresCapability(UdpStackAdapter.DISCONNECT)
    void disconnectingAnUnconnectedSocketSucceeds(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.boundExplicitly();
            UdpAddress before = s.localAddress().orElseThrow();
            UdpResult<Void> d = s.disconnect();
            Optional<UdpAddress> local = s.localAddress();
            Optional<UdpAddress> remote = s.remoteAddress();
            Check.that("bound " + before + "; the disconnect of an unconnected socket OK, no remote address, the local address "
                    + "kept", "disconnect " + d + "; local " + local + ", remote " + remote,
                    d.outcome() == UdpOutcome.OK && Optional.empty().equals(remote) && Optional.of(before).equals(local));
        }
    }

    @ConformanceTest
    @Requirement("UDP-BIND-1")
    void connectBindsImplicitly(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            UdpEndpoint s = w.socket();
            Check.equal("connect", UdpOutcome.OK, s.connect(to(peer)).outcome());
            Optional<UdpAddress> local = s.localAddress();
            Check.that("a local address with a port after connect", local, local.isPresent() && local.get().port() != 0);
            s.send(bytes("out"));
            UdpResult<Datagram> out = peer.receive(ARRIVES);
            Check.that("the peer receives the send from port " + local.get().port(), show(out),
                    out.isOk() && out.value().source().port() == local.get().port());
            peer.sendTo(UdpAddress.of(UdpWorld.LOOPBACK, local.get().port()), bytes("in"));
            Check.equal("bound implicitly to " + local.get() + " by the connect: what the socket receives from its peer",
                    "\"in\" from " + to(peer), show(s.receive(ARRIVES)));
        }
    }

    @ConformanceTest
    @Requirement("UDP-BIND-2")
    void sendToBindsImplicitly(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            UdpEndpoint s = w.socket();
            UdpResult<Integer> sent = s.sendTo(to(peer), bytes("x"));
            UdpResult<Datagram> got = peer.receive(ARRIVES);
            Optional<UdpAddress> local = s.localAddress();
            Check.that("received, from a non-zero source port that is the sender's local port",
                    "send-to " + sent + "; received " + show(got) + "; local " + local,
                    got.isOk() && got.value().source().port() != 0
                            && Optional.of(got.value().source().port()).equals(local.map(UdpAddress::port)));
        }
    }

    @ConformanceTest
    @Requirement("UDP-BIND-3")
    void ephemeralPortsAreDistinct(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                UdpEndpoint s = i % 2 == 0 ? w.bound() : w.boundWildcard();
                ports.add(s.localAddress().orElseThrow(() -> new AssertionError("no local address after bind")).port());
            }
            Check.that("6 ephemeral ports, none 0, all distinct", "ports " + ports,
                    !ports.contains(0) && new HashSet<>(ports).size() == ports.size());
        }
    }

    @ConformanceTest
    @Requirement("UDP-BIND-4")
    void bindingATakenAddressFails(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint first = w.bound();
            UdpResult<Void> same = w.socket().bind(to(first));
            UdpEndpoint wildcard = w.boundWildcard();
            UdpResult<Void> specific = w.socket().bind(UdpAddress.of(UdpWorld.LOOPBACK, to(wildcard).port()));
            Check.that("ADDRESS_IN_USE twice: the same address and port, and 127.0.0.1 with a port bound on 0.0.0.0",
                    "same address " + same + "; 127.0.0.1 under a wildcard bind " + specific,
                    same.outcome() == UdpOutcome.ADDRESS_IN_USE && specific.outcome() == UdpOutcome.ADDRESS_IN_USE);
        }
    }

    @ConformanceTest
    @Requirement("UDP-BIND-5")
    void bindingTwiceFails(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpAddress before = s.localAddress().orElseThrow();
            UdpResult<Void> again = s.bind(UdpAddress.of(UdpWorld.LOOPBACK, 0));
            Optional<UdpAddress> local = s.localAddress();
            Check.that("a second bind fails and leaves the local address " + before, "second bind " + again + "; local " + local,
                    again.outcome() != UdpOutcome.OK && Optional.of(before).equals(local));
        }
    }

    @ConformanceTest
    @Requirement("UDP-BIND-6")
    void boundAddressSelectsDatagrams(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint specific = w.bound();
            UdpEndpoint wildcard = w.boundWildcard();
            UdpEndpoint sender = w.helper();
            int p = to(specific).port();
            int q = to(wildcard).port();
            // a helper of its own: the port on 127.0.0.2 is closed, and its ICMP answer is none of the sender's business
            w.helper().sendTo(UdpAddress.of(UdpWorld.LOOPBACK_2, p), bytes("to .2"));
            UdpResult<Datagram> specificSees = specific.receive(QUIET);
            List<String> wildcardSees = new ArrayList<>();
            for (String ip : List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")) {
                sender.sendTo(UdpAddress.of(ip, q), bytes(ip));
                UdpResult<Datagram> r = wildcard.receive(ARRIVES);
                wildcardSees.add(r.isOk() ? r.value().text() : r.outcome().name());
            }
            Check.that("bound to 127.0.0.1: nothing for 127.0.0.2; bound to 0.0.0.0: what comes for 127.0.0.1, .2 and .3",
                    "bound 127.0.0.1 receives " + show(specificSees) + " for 127.0.0.2; wildcard receives " + wildcardSees,
                    specificSees.outcome() == UdpOutcome.WOULD_BLOCK
                            && wildcardSees.equals(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")));
        }
    }

    @ConformanceTest
    @Requirement("UDP-PEER-1")
    void neverConnectedHasNoPeer(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint unbound = w.socket();
            UdpEndpoint bound = w.bound();
            Optional<UdpAddress> unboundPeer = unbound.remoteAddress();
            Optional<UdpAddress> boundPeer = bound.remoteAddress();
            Check.that("no remote address, unbound or bound", "unbound " + unboundPeer + ", bound " + boundPeer,
                    Optional.empty().equals(unboundPeer) && Optional.empty().equals(boundPeer));
        }
    }

    @ConformanceTest
    @Requirement("UDP-PEER-2")
    void peerReadsBackExactly(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint one = w.helper();
            UdpEndpoint two = w.helper(UdpWorld.LOOPBACK_2);
            UdpEndpoint s = w.socket();
            UdpEndpoint t = w.bound();
            s.connect(to(one));
            t.connect(to(two));
            Optional<UdpAddress> sPeer = s.remoteAddress();
            Optional<UdpAddress> tPeer = t.remoteAddress();
            Check.that("each peer reads back as connected", sPeer + " for " + to(one) + ", " + tPeer + " for " + to(two),
                    Optional.of(to(one)).equals(sPeer) && Optional.of(to(two)).equals(tPeer));
        }
    }

    @ConformanceTest
    @Requirement("UDP-PEER-3")
    void localPortIsStableWhileConnected(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint p = w.helper();
            UdpEndpoint q = w.helper();
            UdpEndpoint s = w.socket();
            Check.equal("connect", UdpOutcome.OK, s.connect(to(p)).outcome());
            int port = s.localAddress().orElseThrow(() -> new AssertionError("no local address")).port();
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                s.send(bytes("n" + i));
                UdpResult<Datagram> r = p.receive(ARRIVES);
                Check.that("the peer receives send " + i, show(r), r.isOk());
                seen.add(r.value().source().port());
            }
            UdpResult<Void> again = s.connect(to(q));
            String after = "a second connect is refused (" + again + ", UDP-INFO-4): nothing more to check";
            if (again.isOk()) {
                s.send(bytes("q"));
                UdpResult<Datagram> r = q.receive(ARRIVES);
                Check.that("the new peer receives the send", show(r), r.isOk());
                seen.add(r.value().source().port());
                Optional<Integer> localPort = s.localAddress().map(UdpAddress::port);
                after = "after connecting to another peer: local port " + localPort;
                Check.equal("local port after connecting to another peer", Optional.of(port), localPort);
            }
            Check.that("every send from local port " + port, "source ports seen " + seen + "; " + after,
                    seen.equals(Set.of(port)));
        }
    }
}
