package org.netconform.suites.udp;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Observation;
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
            assertThat(s.connect(to(peer)).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            UdpResult<Void> d = s.disconnect();
            Optional<UdpAddress> remote = s.remoteAddress();
            Observation.observed("disconnect " + d + ", remote address " + remote);
            assertThat(d.outcome()).as("disconnect").isEqualTo(UdpOutcome.OK);
            assertThat(remote).as("remote address after disconnect").isEmpty();
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
            assertThat(s.connect(to(peer)).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            assertThat(s.disconnect().outcome()).as("disconnect").isEqualTo(UdpOutcome.OK);
            UdpResult<Integer> send = s.send(bytes("x"));
            UdpResult<Datagram> atOldPeer = peer.receive(QUIET);
            UdpResult<Integer> sendTo = s.sendTo(to(other), bytes("y"));
            UdpResult<Datagram> atOther = other.receive(ARRIVES);
            Observation.observed("send " + send + " (old peer got " + show(atOldPeer) + "); send-to " + sendTo
                    + " -> " + show(atOther));
            assertThat(send.outcome()).as("send without an address after disconnect").isNotEqualTo(UdpOutcome.OK);
            assertThat(atOldPeer.outcome()).as("what the old peer received").isEqualTo(UdpOutcome.WOULD_BLOCK);
            assertThat(sendTo.outcome()).as("send-to after disconnect").isEqualTo(UdpOutcome.OK);
            assertThat(show(atOther)).as("what the addressee received").startsWith("\"y\"");
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
            assertThat(s.connect(to(peer)).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            assertThat(s.disconnect().outcome()).as("disconnect").isEqualTo(UdpOutcome.OK);
            stranger.sendTo(at, bytes("stranger"));
            UdpResult<Datagram> got = s.receive(ARRIVES);
            Observation.observed("bound " + at + "; after connect and disconnect: local " + s.localAddress()
                    + ", received " + show(got));
            assertThat(show(got)).as("datagram from a stranger to " + at).isEqualTo("\"stranger\" from " + to(stranger));
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
            Observation.observed("bound " + before + "; disconnect " + d + "; local " + s.localAddress() + ", remote "
                    + s.remoteAddress());
            assertThat(d.outcome()).as("disconnect of an unconnected socket").isEqualTo(UdpOutcome.OK);
            assertThat(s.remoteAddress()).as("remote address").isEmpty();
            assertThat(s.localAddress()).as("local address of an explicitly bound socket").contains(before);
        }
    }

    @ConformanceTest
    @Requirement("UDP-BIND-1")
    void connectBindsImplicitly(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            UdpEndpoint s = w.socket();
            assertThat(s.connect(to(peer)).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            Optional<UdpAddress> local = s.localAddress();
            Observation.observed("local address after connect: " + local);
            assertThat(local).as("local address after connect").isPresent();
            assertThat(local.get().port()).as("local port").isNotZero();
            s.send(bytes("out"));
            UdpResult<Datagram> out = peer.receive(ARRIVES);
            assertThat(out.isOk()).as("the peer received the send").isTrue();
            assertThat(out.value().source().port()).as("source port the peer sees").isEqualTo(local.get().port());
            peer.sendTo(UdpAddress.of(UdpWorld.LOOPBACK, local.get().port()), bytes("in"));
            assertThat(show(s.receive(ARRIVES))).as("what the socket receives from its peer").isEqualTo("\"in\" from " + to(peer));
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
            Observation.observed("send-to " + sent + "; received " + show(got) + "; local " + local);
            assertThat(got.isOk()).as("received").isTrue();
            assertThat(got.value().source().port()).as("source port").isNotZero();
            assertThat(local.map(UdpAddress::port)).as("the sender's local port").contains(got.value().source().port());
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
            Observation.observed("ports " + ports);
            assertThat(ports).as("ephemeral ports").doesNotContain(0).doesNotHaveDuplicates();
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
            Observation.expected("ADDRESS_IN_USE twice");
            Observation.observed("same address " + same + "; 127.0.0.1 under a wildcard bind " + specific);
            assertThat(same.outcome()).as("bind to an address and port in use").isEqualTo(UdpOutcome.ADDRESS_IN_USE);
            assertThat(specific.outcome()).as("bind 127.0.0.1 to a port bound on the wildcard address")
                    .isEqualTo(UdpOutcome.ADDRESS_IN_USE);
        }
    }

    @ConformanceTest
    @Requirement("UDP-BIND-5")
    void bindingTwiceFails(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpAddress before = s.localAddress().orElseThrow();
            UdpResult<Void> again = s.bind(UdpAddress.of(UdpWorld.LOOPBACK, 0));
            Observation.observed("second bind " + again + "; local " + s.localAddress());
            assertThat(again.outcome()).as("second bind").isNotEqualTo(UdpOutcome.OK);
            assertThat(s.localAddress()).as("local address after the refused bind").contains(before);
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
            Observation.observed("bound 127.0.0.1 receives " + show(specificSees) + " for 127.0.0.2; wildcard receives "
                    + wildcardSees);
            assertThat(specificSees.outcome()).as("socket bound to 127.0.0.1, datagram to 127.0.0.2")
                    .isEqualTo(UdpOutcome.WOULD_BLOCK);
            assertThat(wildcardSees).as("socket bound to 0.0.0.0").containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        }
    }

    @ConformanceTest
    @Requirement("UDP-PEER-1")
    void neverConnectedHasNoPeer(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint unbound = w.socket();
            UdpEndpoint bound = w.bound();
            Observation.observed("unbound " + unbound.remoteAddress() + ", bound " + bound.remoteAddress());
            assertThat(unbound.remoteAddress()).as("remote address, unbound").isEmpty();
            assertThat(bound.remoteAddress()).as("remote address, bound").isEmpty();
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
            Observation.observed(s.remoteAddress() + " for " + to(one) + ", " + t.remoteAddress() + " for " + to(two));
            assertThat(s.remoteAddress()).as("peer").contains(to(one));
            assertThat(t.remoteAddress()).as("peer").contains(to(two));
        }
    }

    @ConformanceTest
    @Requirement("UDP-PEER-3")
    void localPortIsStableWhileConnected(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint p = w.helper();
            UdpEndpoint q = w.helper();
            UdpEndpoint s = w.socket();
            assertThat(s.connect(to(p)).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            int port = s.localAddress().orElseThrow(() -> new AssertionError("no local address")).port();
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                s.send(bytes("n" + i));
                UdpResult<Datagram> r = p.receive(ARRIVES);
                assertThat(r.isOk()).as("the peer received send %d", i).isTrue();
                seen.add(r.value().source().port());
            }
            UdpResult<Void> again = s.connect(to(q));
            String after = "a second connect is refused (" + again + ", UDP-INFO-4): nothing more to check";
            if (again.isOk()) {
                s.send(bytes("q"));
                UdpResult<Datagram> r = q.receive(ARRIVES);
                assertThat(r.isOk()).as("the new peer received").isTrue();
                seen.add(r.value().source().port());
                after = "after connecting to another peer: local port " + s.localAddress().map(UdpAddress::port);
                assertThat(s.localAddress().map(UdpAddress::port)).as("local port after connecting to another peer")
                        .contains(port);
            }
            Observation.observed("local port " + port + ", source ports seen " + seen + "; " + after);
            assertThat(seen).as("source ports of the sends").containsExactly(port);
        }
    }
}
