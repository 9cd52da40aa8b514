package org.netconform.suites.udp;

import static org.netconform.suites.udp.UdpWorld.ARRIVES;
import static org.netconform.suites.udp.UdpWorld.QUIET;
import static org.netconform.suites.udp.UdpWorld.bytes;
import static org.netconform.suites.udp.UdpWorld.show;
import static org.netconform.suites.udp.UdpWorld.to;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpStackAdapter;

/**
 * Implementation-defined behaviour: each test records what the target does (the report's INFO table)
 * in words that read the same for every target, and judges nothing.
 */
public class UdpInfoScenarios {

    @ConformanceTest
    @Requirement("UDP-INFO-1")
    void datagramsQueuedBeforeConnect(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            UdpEndpoint stranger = w.helper();
            stranger.sendTo(to(s), bytes("stranger"));
            peer.sendTo(to(s), bytes("peer"));
            w.settle();
            UdpResult<Void> c = s.connect(to(peer));
            List<String> queued = new ArrayList<>();
            for (UdpResult<Datagram> r : UdpWorld.drain(s)) {
                queued.add(r.isOk() ? r.value().text() : r.outcome().name());
            }
            String verdict = queued.isEmpty() ? "all discarded by the connect"
                    : queued.equals(List.of("stranger", "peer")) ? "all delivered, the stranger's too"
                    : queued.equals(List.of("peer")) ? "only the peer's delivered" : "received " + queued;
            Check.record("datagrams from the peer and a stranger queued before the connect", verdict + " (connect " + c + ")");
        }
    }

    @ConformanceTest
    @Requirement("UDP-INFO-2")
    void sendToAnotherAddressWhileConnected(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            UdpEndpoint other = w.helper();
            s.connect(to(peer));
            UdpResult<Integer> r = s.sendTo(to(other), bytes("x"));
            UdpResult<Datagram> atOther = other.receive(r.isOk() ? ARRIVES : QUIET);
            UdpResult<Datagram> atPeer = peer.receive(QUIET);
            String where = atOther.isOk() ? "delivered to that address" : atPeer.isOk() ? "delivered to the peer instead"
                    : "not delivered";
            Check.record("a send-to another address on a connected socket", r.outcome() + ", " + where);
        }
    }

    @ConformanceTest
    @Requirement("UDP-INFO-3")
    @RequiresCapability(UdpStackAdapter.DISCONNECT)
    void localPortAfterDisconnect(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            List<String> cases = new ArrayList<>();
            UdpEndpoint implicit = w.socket();
            implicit.connect(to(peer));
            cases.add("port from connect: " + fate(implicit.localAddress(), implicit));
            UdpEndpoint ephemeral = w.bound();
            Optional<UdpAddress> before = ephemeral.localAddress();
            ephemeral.connect(to(peer));
            cases.add("bind port 0, connected: " + fate(before, ephemeral));
            UdpEndpoint unconnected = w.bound();
            cases.add("bind port 0, never connected: " + fate(unconnected.localAddress(), unconnected));
            UdpEndpoint wildcard = w.boundWildcard();
            Optional<UdpAddress> wildBefore = wildcard.localAddress();
            wildcard.connect(to(peer));
            cases.add("bind 0.0.0.0 port 0, connected: " + fate(wildBefore, wildcard));
            Check.record("the local port after a disconnect", String.join("; ", cases));
        }
    }

    /** What a disconnect does to a local address: kept, lost or changed (ports named by role, not number). */
    private static String fate(Optional<UdpAddress> before, UdpEndpoint s) {
        Optional<UdpAddress> duringOrBefore = s.localAddress();
        UdpResult<Void> d = s.disconnect();
        Optional<UdpAddress> after = s.localAddress();
        if (!d.isOk()) {
            return "disconnect " + d;
        }
        if (after.isEmpty() || after.get().port() == 0) {
            return "port lost";
        }
        int port = after.get().port();
        String ip = after.get().ipString();
        if (before.isPresent() && before.get().port() == port) {
            return "port kept, address " + ip + (before.get().equals(after.get()) ? " (as before the connect)" : "");
        }
        if (duringOrBefore.isPresent() && duringOrBefore.get().port() == port) {
            return "port kept, address " + ip;
        }
        return "a new port, address " + ip;
    }

    @ConformanceTest
    @Requirement("UDP-INFO-4")
    void connectWhileConnected(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint s = w.socket();
            UdpEndpoint p = w.helper();
            UdpEndpoint q = w.helper();
            s.connect(to(p));
            UdpResult<Void> again = s.connect(to(q));
            Optional<UdpAddress> remote = s.remoteAddress();
            String peer = remote.equals(Optional.of(to(q))) ? "the new peer" : remote.equals(Optional.of(to(p)))
                    ? "the old peer" : String.valueOf(remote);
            UdpResult<Integer> send = s.send(bytes("after"));
            Check.record("a connect to another peer on a connected socket",
                    again.outcome() + ", peer is " + peer + "; a send then: " + send.outcome());
        }
    }

    @ConformanceTest
    @Requirement("UDP-INFO-5")
    void errorOfSendWithoutAddress(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint boundSocket = w.bound();
            UdpEndpoint unbound = w.socket();
            UdpResult<Integer> a = boundSocket.send(bytes("x"));
            UdpResult<Integer> b = unbound.send(bytes("x"));
            Check.record("a send without an address on an unconnected socket, bound and unbound", "bound: " + a.outcome()
                    + "; unbound: " + b.outcome() + " and " + (unbound.localAddress().isPresent() ? "bound afterwards" : "still unbound"));
        }
    }

    @ConformanceTest
    @Requirement("UDP-INFO-6")
    void localAddressAfterConnect(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint peer = w.helper();
            UdpEndpoint wildcard = w.boundWildcard();
            wildcard.connect(to(peer));
            UdpEndpoint unbound = w.socket();
            unbound.connect(to(peer));
            Check.record("the local address after a connect", "bound to 0.0.0.0: "
                    + wildcard.localAddress().map(UdpAddress::ipString).orElse("none")
                    + "; unbound: " + unbound.localAddress().map(UdpAddress::ipString).orElse("none"));
        }
    }

    @ConformanceTest
    @Requirement("UDP-INFO-7")
    @RequiresCapability(UdpStackAdapter.REUSE_ADDRESS)
    void whichReuseAddressSocketReceives(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            List<UdpEndpoint> pair = UdpReuseScenarios.group(w, UdpOption.REUSE_ADDRESS, 2);
            UdpEndpoint sender = w.helper();
            for (int i = 0; i < 4; i++) {
                sender.sendTo(to(pair.get(0)), bytes("d" + i));
            }
            Map<Integer, List<String>> got = UdpReuseScenarios.collect(pair);
            Check.record("which of two SO_REUSEADDR sockets on one port receives 4 datagrams",
                    "bound first: " + got.get(0).size() + " of 4, bound last: " + got.get(1).size() + " of 4");
        }
    }

    @ConformanceTest
    @Requirement("UDP-INFO-8")
    void sendThatReportsTheError(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint s = w.socket();
            s.connect(nobody);
            s.send(bytes("provoke"));
            w.settle();
            UdpEndpoint late = w.helperAt(nobody);
            UdpResult<Integer> reporting = s.send(bytes("second"));
            UdpResult<Datagram> atPeer = late.receive(QUIET);
            UdpResult<Datagram> next = s.receive(QUIET);
            Check.record("the send after a port unreachable error", "the next send: " + reporting.outcome() + ", its datagram "
                    + (atPeer.isOk() ? "transmitted" : "not transmitted") + "; then receive " + show(next));
        }
    }
}
