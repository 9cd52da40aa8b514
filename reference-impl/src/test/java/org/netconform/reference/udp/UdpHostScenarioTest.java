package org.netconform.reference.udp;

import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.spi.udp.UdpOutcome.ADDRESS_IN_USE;
import static org.netconform.spi.udp.UdpOutcome.INVALID;
import static org.netconform.spi.udp.UdpOutcome.NOT_CONNECTED;
import static org.netconform.spi.udp.UdpOutcome.OK;
import static org.netconform.spi.udp.UdpOutcome.PORT_UNREACHABLE;
import static org.netconform.spi.udp.UdpOutcome.WOULD_BLOCK;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.netconform.reference.udp.UdpHost.ModelSocket;

/** One named scenario per requirement of spec/udp-connect.md, run on the reference model. */
class UdpHostScenarioTest {
    private static final Duration T = Duration.ofMillis(100);
    private static final UdpAddress A = UdpAddress.loopback(5001);
    private static final UdpAddress B = UdpAddress.loopback(5002);
    private static final UdpAddress C = UdpAddress.loopback(5003);
    private static final UdpAddress CLOSED_PORT = UdpAddress.loopback(5999);

    private final UdpHost host = new UdpHost(42);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private ModelSocket bound(UdpAddress at) {
        ModelSocket s = host.open();
        assertThat(s.bind(at).outcome()).isEqualTo(OK);
        return s;
    }

    private static String text(UdpResult<Datagram> r) {
        return r.orElseThrow().text();
    }

    private static UdpAddress source(UdpResult<Datagram> r) {
        return r.orElseThrow().source();
    }

    @Nested
    class Connect {
        @Test
        @DisplayName("UDP-CONNECT-1 connect sends nothing")
        void connectSendsNothing() {
            ModelSocket peer = bound(B);
            ModelSocket s = host.open();
            assertThat(s.connect(B).isOk()).isTrue();
            assertThat(peer.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            assertThat(host.icmpPortUnreachableCount()).isZero();
        }

        @Test
        @DisplayName("UDP-CONNECT-2 connect to an address with no socket succeeds")
        void connectToNobodySucceeds() {
            ModelSocket s = host.open();
            assertThat(s.connect(CLOSED_PORT).outcome()).isEqualTo(OK);
            assertThat(s.pendingError()).isEmpty();
            assertThat(s.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
        }

        @Test
        @DisplayName("UDP-CONNECT-3 connecting again switches destination and filter")
        void reconnectSwitches() {
            ModelSocket s = bound(A);
            ModelSocket b = bound(B);
            ModelSocket c = bound(C);
            s.connect(B);
            s.connect(C);
            s.send(b("to-c"));
            assertThat(text(c.receive(T))).isEqualTo("to-c");
            assertThat(b.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            b.sendTo(A, b("old peer"));
            c.sendTo(A, b("new peer"));
            UdpResult<Datagram> r = s.receive(T);
            assertThat(text(r)).isEqualTo("new peer");
            assertThat(s.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
        }
    }

    @Nested
    class Send {
        @Test
        @DisplayName("UDP-SEND-1 send without address goes to the peer from the local address")
        void sendWhenConnected() {
            ModelSocket peer = bound(B);
            ModelSocket s = host.open();
            s.connect(B);
            assertThat(s.send(b("hi"))).isEqualTo(UdpResult.ok(2));
            UdpResult<Datagram> r = peer.receive(T);
            assertThat(text(r)).isEqualTo("hi");
            assertThat(source(r)).isEqualTo(s.localAddress().orElseThrow());
        }

        @Test
        @DisplayName("UDP-SEND-2 send without address when unconnected is refused and emits nothing")
        void sendWhenUnconnectedRefused() {
            ModelSocket peer = bound(B);
            ModelSocket s = bound(A);
            assertThat(s.send(b("x")).outcome()).isEqualTo(NOT_CONNECTED);
            assertThat(peer.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            assertThat(host.icmpPortUnreachableCount()).isZero();
        }

        @Test
        @DisplayName("UDP-SEND-3 send-to on an unconnected socket delivers with the local address as source")
        void sendToUnconnected() {
            ModelSocket peer = bound(B);
            ModelSocket s = bound(A);
            assertThat(s.sendTo(B, b("x")).outcome()).isEqualTo(OK);
            assertThat(peer.receive(T).orElseThrow()).isEqualTo(new Datagram(A, b("x")));
        }

        @Test
        @DisplayName("UDP-SEND-4 payloads arrive whole, one datagram per receive, empty included")
        void datagramBoundaries() {
            ModelSocket peer = bound(B);
            ModelSocket s = bound(A);
            byte[] big = new byte[UdpHost.MAX_PAYLOAD];
            big[0] = 1;
            big[big.length - 1] = 2;
            s.sendTo(B, b("one"));
            s.sendTo(B, new byte[0]);
            s.sendTo(B, big);
            assertThat(text(peer.receive(T))).isEqualTo("one");
            assertThat(peer.receive(T).orElseThrow().length()).isZero();
            assertThat(peer.receive(T).orElseThrow().payload()).isEqualTo(big);
            assertThat(peer.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            assertThat(s.sendTo(B, new byte[UdpHost.MAX_PAYLOAD + 1]).outcome()).isEqualTo(UdpOutcome.MESSAGE_TOO_LONG);
        }
    }

    @Nested
    class Filter {
        @Test
        @DisplayName("UDP-FILTER-1 after connect only the peer's datagrams are received")
        void nonPeersFiltered() {
            ModelSocket s = bound(A);
            ModelSocket peer = bound(B);
            ModelSocket otherPort = bound(C);
            ModelSocket otherIp = bound(UdpAddress.of("127.0.0.2", B.port()));
            s.connect(B);
            otherPort.sendTo(A, b("other port"));
            otherIp.sendTo(A, b("other ip"));
            peer.sendTo(A, b("peer"));
            assertThat(text(s.receive(T))).isEqualTo("peer");
            assertThat(s.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
        }

        @Test
        @DisplayName("UDP-FILTER-2 the peer's datagrams arrive in order with the peer as source")
        void peerReceivedInOrder() {
            ModelSocket s = host.open();
            ModelSocket peer = bound(B);
            s.connect(B);
            UdpAddress local = s.localAddress().orElseThrow();
            for (int i = 0; i < 5; i++) {
                peer.sendTo(local, b("m" + i));
            }
            for (int i = 0; i < 5; i++) {
                UdpResult<Datagram> r = s.receive(T);
                assertThat(source(r)).isEqualTo(B);
                assertThat(text(r)).isEqualTo("m" + i);
            }
        }

        @Test
        @DisplayName("UDP-FILTER-3 a filtered datagram is answered with port unreachable")
        void filteredDatagramIsUnreachable() {
            ModelSocket s = bound(A);
            s.connect(B);
            ModelSocket stranger = host.open();
            stranger.connect(A);
            assertThat(stranger.send(b("knock")).outcome()).isEqualTo(OK);
            assertThat(host.icmpPortUnreachableCount()).isEqualTo(1);
            assertThat(stranger.receive(T).outcome()).isEqualTo(PORT_UNREACHABLE);
            assertThat(s.queuedCount()).isZero();
        }
    }

    @Nested
    class Icmp {
        @Test
        @DisplayName("UDP-ICMP-1 port unreachable is reported to the connected sender on a later call")
        void reportedLater() {
            ModelSocket s = host.open();
            s.connect(CLOSED_PORT);
            assertThat(s.send(b("x")).outcome()).isEqualTo(OK);
            assertThat(s.receive(T).outcome()).isEqualTo(PORT_UNREACHABLE);
        }

        @Test
        @DisplayName("UDP-ICMP-1 the later call may be a send")
        void reportedOnSend() {
            ModelSocket s = host.open();
            s.connect(CLOSED_PORT);
            s.send(b("x"));
            assertThat(s.send(b("y")).outcome()).isEqualTo(PORT_UNREACHABLE);
        }

        @Test
        @DisplayName("UDP-ICMP-2 the error is reported once")
        void reportedOnce() {
            ModelSocket s = host.open();
            s.connect(CLOSED_PORT);
            s.send(b("x"));
            assertThat(s.receive(T).outcome()).isEqualTo(PORT_UNREACHABLE);
            assertThat(s.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            assertThat(s.pendingError()).isEmpty();
            s.send(b("again"));
            assertThat(s.receive(T).outcome()).isEqualTo(PORT_UNREACHABLE);
            assertThat(s.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
        }

        @Test
        @DisplayName("UDP-ICMP-3 an unconnected sender is not told")
        void unconnectedNotTold() {
            ModelSocket s = bound(A);
            assertThat(s.sendTo(CLOSED_PORT, b("x")).outcome()).isEqualTo(OK);
            assertThat(host.icmpPortUnreachableCount()).isEqualTo(1);
            assertThat(s.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            assertThat(s.sendTo(CLOSED_PORT, b("y")).outcome()).isEqualTo(OK);
        }

        @Test
        @DisplayName("UDP-ICMP-4 the error leaves the socket connected and usable")
        void socketSurvivesError() {
            ModelSocket s = host.open();
            s.connect(B);
            s.send(b("nobody yet"));
            assertThat(s.receive(T).outcome()).isEqualTo(PORT_UNREACHABLE);
            assertThat(s.remoteAddress()).contains(B);
            ModelSocket peer = bound(B);
            assertThat(s.send(b("now")).outcome()).isEqualTo(OK);
            assertThat(text(peer.receive(T))).isEqualTo("now");
            peer.sendTo(s.localAddress().orElseThrow(), b("back"));
            assertThat(text(s.receive(T))).isEqualTo("back");
        }

        @Test
        @DisplayName("UDP-ICMP-5 only the socket that caused the error sees it")
        void onlyTheCulprit() {
            ModelSocket peer = bound(B);
            ModelSocket culprit = host.open();
            culprit.connect(CLOSED_PORT);
            ModelSocket live = host.open();
            live.connect(B);
            ModelSocket unconnected = bound(A);
            culprit.send(b("x"));
            live.send(b("y"));
            assertThat(culprit.receive(T).outcome()).isEqualTo(PORT_UNREACHABLE);
            assertThat(live.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            assertThat(unconnected.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            assertThat(text(peer.receive(T))).isEqualTo("y");
        }
    }

    @Nested
    class Disconnect {
        @Test
        @DisplayName("UDP-DISC-1 after disconnect there is no peer")
        void peerForgotten() {
            ModelSocket s = bound(A);
            s.connect(B);
            assertThat(s.disconnect().outcome()).isEqualTo(OK);
            assertThat(s.remoteAddress()).isEmpty();
        }

        @Test
        @DisplayName("UDP-DISC-2 after disconnect send is refused again, send-to works")
        void sendRefusedAgain() {
            ModelSocket peer = bound(B);
            ModelSocket s = bound(A);
            s.connect(B);
            s.disconnect();
            assertThat(s.send(b("x")).outcome()).isEqualTo(NOT_CONNECTED);
            assertThat(s.sendTo(B, b("y")).outcome()).isEqualTo(OK);
            assertThat(text(peer.receive(T))).isEqualTo("y");
            assertThat(peer.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
        }

        @Test
        @DisplayName("UDP-DISC-3 an explicitly bound socket receives from anyone after disconnect")
        void anySourceAgain() {
            ModelSocket s = bound(A);
            ModelSocket b = bound(B);
            ModelSocket c = bound(C);
            s.connect(B);
            s.disconnect();
            assertThat(s.localAddress()).contains(A);
            c.sendTo(A, b("from c"));
            b.sendTo(A, b("from b"));
            assertThat(text(s.receive(T))).isEqualTo("from c");
            assertThat(text(s.receive(T))).isEqualTo("from b");
        }

        @Test
        @DisplayName("UDP-DISC-4 disconnecting an unconnected socket is harmless")
        void disconnectUnconnected() {
            ModelSocket s = bound(A);
            assertThat(s.disconnect().outcome()).isEqualTo(OK);
            assertThat(s.localAddress()).contains(A);
            assertThat(s.remoteAddress()).isEmpty();
            ModelSocket fresh = host.open();
            assertThat(fresh.disconnect().outcome()).isEqualTo(OK);
            assertThat(fresh.state()).isEqualTo(SocketState.UNBOUND);
        }
    }

    @Nested
    class Bind {
        @Test
        @DisplayName("UDP-BIND-1 connect binds implicitly")
        void connectBinds() {
            ModelSocket peer = bound(B);
            ModelSocket s = host.open();
            assertThat(s.localAddress()).isEmpty();
            s.connect(B);
            UdpAddress local = s.localAddress().orElseThrow();
            assertThat(local.port()).isNotZero();
            assertThat(s.portAssignment().orElseThrow().origin()).isEqualTo(PortOrigin.CONNECT);
            s.send(b("x"));
            assertThat(source(peer.receive(T)).port()).isEqualTo(local.port());
            peer.sendTo(local, b("y"));
            assertThat(text(s.receive(T))).isEqualTo("y");
        }

        @Test
        @DisplayName("UDP-BIND-2 send-to binds implicitly")
        void sendToBinds() {
            ModelSocket peer = bound(B);
            ModelSocket s = host.open();
            s.sendTo(B, b("x"));
            int seen = source(peer.receive(T)).port();
            assertThat(seen).isNotZero().isEqualTo(s.localAddress().orElseThrow().port());
            assertThat(s.portAssignment().orElseThrow().origin()).isEqualTo(PortOrigin.SEND);
        }

        @Test
        @DisplayName("UDP-BIND-3 binding port 0 assigns distinct free ports")
        void ephemeralDistinct() {
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                ModelSocket s = bound(UdpAddress.loopback(0));
                int p = s.localAddress().orElseThrow().port();
                assertThat(p).isBetween(32768, 60999);
                assertThat(ports.add(p)).isTrue();
            }
        }

        @Test
        @DisplayName("UDP-BIND-3 ephemeral allocation is deterministic per seed and skips ports in use")
        void ephemeralDeterministic() {
            UdpHost h1 = new UdpHost(7);
            UdpHost h2 = new UdpHost(7);
            List<Integer> p1 = new ArrayList<>();
            List<Integer> p2 = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                UdpEndpoint e1 = h1.open();
                e1.bind(UdpAddress.wildcard(0));
                p1.add(e1.localAddress().orElseThrow().port());
                UdpEndpoint e2 = h2.open();
                e2.bind(UdpAddress.wildcard(0));
                p2.add(e2.localAddress().orElseThrow().port());
            }
            assertThat(p1).isEqualTo(p2).doesNotHaveDuplicates();
            UdpHost tiny = new UdpHost(UdpHost.Settings.defaults().withEphemeralRange(40000, 40001));
            tiny.open().bind(UdpAddress.loopback(40000));
            assertThat(tiny.open().bind(UdpAddress.loopback(0)).outcome()).isEqualTo(OK);
            assertThat(tiny.open().bind(UdpAddress.loopback(0)).outcome()).isEqualTo(UdpOutcome.ADDRESS_NOT_AVAILABLE);
        }

        @Test
        @DisplayName("UDP-BIND-4 binding an address in use fails")
        void addressInUse() {
            bound(A);
            assertThat(host.open().bind(A).outcome()).isEqualTo(ADDRESS_IN_USE);
            assertThat(host.open().bind(UdpAddress.wildcard(A.port())).outcome()).isEqualTo(ADDRESS_IN_USE);
            assertThat(host.open().bind(UdpAddress.of("127.0.0.2", A.port())).outcome()).isEqualTo(OK);
        }

        @Test
        @DisplayName("UDP-BIND-5 binding twice fails and keeps the address")
        void bindTwice() {
            ModelSocket s = bound(A);
            assertThat(s.bind(B).outcome()).isEqualTo(INVALID);
            assertThat(s.localAddress()).contains(A);
        }

        @Test
        @DisplayName("UDP-BIND-6 a specific address filters, the wildcard accepts every loopback address")
        void specificVersusWildcard() {
            ModelSocket specific = bound(A);
            ModelSocket any = bound(UdpAddress.wildcard(5010));
            ModelSocket sender = bound(C);
            UdpAddress aOn2 = UdpAddress.of("127.0.0.2", A.port());
            sender.sendTo(aOn2, b("x"));
            assertThat(specific.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            sender.sendTo(UdpAddress.of("127.0.0.2", 5010), b("y"));
            sender.sendTo(UdpAddress.of("127.1.2.3", 5010), b("z"));
            assertThat(text(any.receive(T))).isEqualTo("y");
            assertThat(text(any.receive(T))).isEqualTo("z");
        }
    }

    @Nested
    class Peer {
        @Test
        @DisplayName("UDP-PEER-1 never connected: no remote address")
        void noPeer() {
            assertThat(host.open().remoteAddress()).isEmpty();
            assertThat(bound(A).remoteAddress()).isEmpty();
        }

        @Test
        @DisplayName("UDP-PEER-2 the remote address reads back exactly")
        void peerReadsBack() {
            ModelSocket s = host.open();
            UdpAddress peer = UdpAddress.of("127.0.0.9", 6000);
            s.connect(peer);
            assertThat(s.remoteAddress()).contains(peer);
        }

        @Test
        @DisplayName("UDP-PEER-3 the local port is stable while connected, also across reconnects")
        void localPortStable() {
            ModelSocket b = bound(B);
            ModelSocket c = bound(C);
            ModelSocket s = host.open();
            s.connect(B);
            int port = s.localAddress().orElseThrow().port();
            s.send(b("1"));
            s.connect(C);
            s.send(b("2"));
            assertThat(s.localAddress().orElseThrow().port()).isEqualTo(port);
            assertThat(source(b.receive(T)).port()).isEqualTo(port);
            assertThat(source(c.receive(T)).port()).isEqualTo(port);
        }
    }

    @Nested
    class Reuse {
        private ModelSocket reusePort(UdpAddress at) {
            ModelSocket s = host.open(Set.of(UdpOption.REUSE_PORT));
            assertThat(s.bind(at).outcome()).isEqualTo(OK);
            return s;
        }

        @Test
        @DisplayName("UDP-REUSE-1 SO_REUSEPORT on both lets two sockets share a port")
        void reusePortShares() {
            reusePort(A);
            reusePort(A);
            assertThat(host.open().bind(A).outcome()).isEqualTo(ADDRESS_IN_USE);
        }

        @Test
        @DisplayName("UDP-REUSE-2 SO_REUSEPORT must be set on the first socket too")
        void firstMustHaveIt() {
            bound(A);
            ModelSocket late = host.open(Set.of(UdpOption.REUSE_PORT));
            assertThat(late.bind(A).outcome()).isEqualTo(ADDRESS_IN_USE);
        }

        @Test
        @DisplayName("UDP-REUSE-3 one source always reaches the same member")
        void stickyPerSource() {
            List<ModelSocket> group = List.of(reusePort(A), reusePort(A), reusePort(A), reusePort(A));
            Set<ModelSocket> usedOverall = new HashSet<>();
            for (int src = 0; src < 16; src++) {
                ModelSocket sender = bound(UdpAddress.loopback(7000 + src));
                for (int i = 0; i < 5; i++) {
                    sender.sendTo(A, b("d" + i));
                }
                List<ModelSocket> got = group.stream().filter(g -> g.queuedCount() > 0).toList();
                assertThat(got).hasSize(1);
                assertThat(got.get(0).queuedCount()).isEqualTo(5);
                usedOverall.add(got.get(0));
                got.get(0).close();
                group = group.stream().map(g -> g == got.get(0) ? reusePort(A) : g).toList();
            }
            assertThat(usedOverall).hasSizeGreaterThan(1);
        }

        @Test
        @DisplayName("UDP-REUSE-4 each datagram reaches exactly one member")
        void exactlyOne() {
            List<ModelSocket> group = List.of(reusePort(A), reusePort(A), reusePort(A));
            for (int src = 0; src < 30; src++) {
                bound(UdpAddress.loopback(8000 + src)).sendTo(A, b("x"));
            }
            assertThat(group.stream().mapToInt(ModelSocket::queuedCount).sum()).isEqualTo(30);
            assertThat(group).allSatisfy(g -> assertThat(g.queuedCount()).isPositive());
        }

        @Test
        @DisplayName("UDP-REUSE-5 a connected member gets all its peer's traffic")
        void connectedMemberWins() {
            List<ModelSocket> group = List.of(reusePort(A), reusePort(A), reusePort(A));
            ModelSocket peer = bound(B);
            group.get(1).connect(B);
            for (int i = 0; i < 10; i++) {
                peer.sendTo(A, b("p" + i));
            }
            assertThat(group.get(1).queuedCount()).isEqualTo(10);
            assertThat(group.get(0).queuedCount() + group.get(2).queuedCount()).isZero();
        }

        @Test
        @DisplayName("UDP-REUSE-6 SO_REUSEADDR on both lets two sockets share a port")
        void reuseAddrShares() {
            ModelSocket first = host.open(Set.of(UdpOption.REUSE_ADDRESS));
            ModelSocket second = host.open(Set.of(UdpOption.REUSE_ADDRESS));
            assertThat(first.bind(A).outcome()).isEqualTo(OK);
            assertThat(second.bind(A).outcome()).isEqualTo(OK);
            assertThat(host.open().bind(A).outcome()).isEqualTo(ADDRESS_IN_USE);
        }
    }

    @Nested
    class Info {
        @Test
        @DisplayName("UDP-INFO-1 model: datagrams queued before connect are still delivered")
        void queuedBeforeConnectKept() {
            ModelSocket s = bound(A);
            bound(C).sendTo(A, b("early, non-peer"));
            s.connect(B);
            assertThat(text(s.receive(T))).isEqualTo("early, non-peer");
        }

        @Test
        @DisplayName("UDP-INFO-2 model: send-to another address while connected is delivered")
        void sendToWhileConnected() {
            ModelSocket c = bound(C);
            ModelSocket s = host.open();
            s.connect(B);
            assertThat(s.sendTo(C, b("x")).outcome()).isEqualTo(OK);
            assertThat(source(c.receive(T))).isEqualTo(s.localAddress().orElseThrow());
        }

        @Test
        @DisplayName("UDP-INFO-3 model: disconnect loses an implicit port and keeps an explicit one")
        void portAfterDisconnect() {
            ModelSocket implicit = host.open();
            implicit.connect(B);
            UdpAddress was = implicit.localAddress().orElseThrow();
            implicit.disconnect();
            assertThat(implicit.localAddress()).isEmpty();
            assertThat(implicit.state()).isEqualTo(SocketState.UNBOUND);
            bound(C).sendTo(was, b("to the lost port"));
            assertThat(host.icmpPortUnreachableCount()).isEqualTo(1);

            ModelSocket ephemeralBind = bound(UdpAddress.wildcard(0));
            ephemeralBind.disconnect();
            assertThat(ephemeralBind.localAddress()).as("bind to port 0 is not an explicit port").isEmpty();

            ModelSocket explicitWildcard = bound(UdpAddress.wildcard(5020));
            explicitWildcard.connect(B);
            assertThat(explicitWildcard.localAddress()).contains(UdpAddress.loopback(5020));
            explicitWildcard.disconnect();
            assertThat(explicitWildcard.localAddress()).contains(UdpAddress.wildcard(5020));
        }

        @Test
        @DisplayName("UDP-INFO-4 model: connect while connected switches")
        void connectWhileConnected() {
            ModelSocket s = host.open();
            s.connect(B);
            assertThat(s.connect(C).outcome()).isEqualTo(OK);
            assertThat(s.remoteAddress()).contains(C);
        }

        @Test
        @DisplayName("UDP-INFO-5 model: send unconnected is NOT_CONNECTED, after binding implicitly")
        void sendUnconnectedError() {
            ModelSocket s = host.open();
            assertThat(s.send(b("x")).outcome()).isEqualTo(NOT_CONNECTED);
            assertThat(s.portAssignment().orElseThrow().origin()).isEqualTo(PortOrigin.SEND);
        }

        @Test
        @DisplayName("UDP-INFO-6 model: connect picks 127.0.0.1 as the local address")
        void localAddressAfterConnect() {
            ModelSocket s = bound(UdpAddress.wildcard(0));
            s.connect(UdpAddress.of("127.0.0.2", 6000));
            assertThat(s.localAddress().orElseThrow().ip()).isEqualTo(UdpAddress.LOOPBACK_IP);
        }

        @Test
        @DisplayName("UDP-INFO-7 model: with SO_REUSEADDR the socket bound last receives")
        void reuseAddrLastWins() {
            ModelSocket first = host.open(Set.of(UdpOption.REUSE_ADDRESS));
            ModelSocket second = host.open(Set.of(UdpOption.REUSE_ADDRESS));
            first.bind(A);
            second.bind(A);
            bound(C).sendTo(A, b("x"));
            assertThat(second.queuedCount()).isEqualTo(1);
            assertThat(first.queuedCount()).isZero();
        }

        @Test
        @DisplayName("UDP-INFO-8 model: the send that reports the error does not transmit")
        void reportingSendDoesNotTransmit() {
            ModelSocket s = host.open();
            s.connect(B);
            s.send(b("lost"));
            ModelSocket peer = bound(B);
            assertThat(s.send(b("not sent")).outcome()).isEqualTo(PORT_UNREACHABLE);
            assertThat(peer.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
            assertThat(s.send(b("sent")).outcome()).isEqualTo(OK);
            assertThat(text(peer.receive(T))).isEqualTo("sent");
        }
    }

    @Test
    @DisplayName("model detail: a pending error survives a disconnect (as on Linux)")
    void pendingErrorSurvivesDisconnect() {
        ModelSocket s = host.open();
        s.connect(CLOSED_PORT);
        s.send(b("x"));
        s.disconnect();
        assertThat(s.receive(T).outcome()).isEqualTo(PORT_UNREACHABLE);
        assertThat(s.receive(T).outcome()).isEqualTo(WOULD_BLOCK);
    }

    @Test
    @DisplayName("port roles: a correspondence maps the model's ports onto a real stack's")
    void portCorrespondence() {
        PortCorrespondence pc = new PortCorrespondence();
        assertThat(pc.addresses(UdpAddress.loopback(33000), UdpAddress.loopback(45123))).isTrue();
        assertThat(pc.addresses(UdpAddress.loopback(33000), UdpAddress.loopback(45123))).isTrue();
        assertThat(pc.addresses(UdpAddress.loopback(33000), UdpAddress.loopback(45124))).isFalse();
        assertThat(pc.addresses(UdpAddress.loopback(33001), UdpAddress.loopback(45123))).isFalse();
        assertThat(pc.addresses(UdpAddress.loopback(33001), UdpAddress.of("127.0.0.2", 45125))).isFalse();
        assertThat(pc.results(UdpResult.ok(new Datagram(UdpAddress.loopback(33000), b("x"))),
                UdpResult.ok(new Datagram(UdpAddress.loopback(45123), b("x"))))).isTrue();
        assertThat(pc.results(UdpResult.error(WOULD_BLOCK), UdpResult.error(PORT_UNREACHABLE))).isFalse();
        assertThat(pc.toReal(UdpAddress.loopback(33000))).isEqualTo(UdpAddress.loopback(45123));
        ModelSocket s = host.open();
        s.connect(B);
        PortAssignment a = host.assignmentOf(s.localAddress().orElseThrow().port()).orElseThrow();
        assertThat(a.role()).isEqualTo("s1/CONNECT#1");
    }
}
