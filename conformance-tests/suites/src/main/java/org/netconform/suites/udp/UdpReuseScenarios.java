package org.netconform.suites.udp;

import static org.netconform.suites.udp.UdpWorld.bytes;
import static org.netconform.suites.udp.UdpWorld.to;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

/** Named scenarios for SO_REUSEPORT and SO_REUSEADDR. */
public class UdpReuseScenarios {

    /** A group of sockets with this option sharing one 127.0.0.1 address and ephemeral port. */
    static List<UdpEndpoint> group(UdpWorld w, UdpOption option, int size) {
        List<UdpEndpoint> members = new ArrayList<>();
        UdpEndpoint first = w.bound(w.socket(Set.of(option)), UdpAddress.of(UdpWorld.LOOPBACK, 0));
        members.add(first);
        for (int i = 1; i < size; i++) {
            members.add(w.bound(w.socket(Set.of(option)), to(first)));
        }
        return members;
    }

    /** Receives until quiet on every member: the texts each got, by member index. */
    static Map<Integer, List<String>> collect(List<UdpEndpoint> members) {
        Map<Integer, List<String>> got = new TreeMap<>();
        for (int i = 0; i < members.size(); i++) {
            List<String> texts = new ArrayList<>();
            for (UdpResult<Datagram> r : UdpWorld.drain(members.get(i))) {
                texts.add(r.isOk() ? r.value().text() : r.outcome().name());
            }
            got.put(i, texts);
        }
        return got;
    }

    @ConformanceTest
    @Requirement("UDP-REUSE-1")
    @RequiresCapability(UdpStackAdapter.REUSE_PORT)
    void reusePortSocketsShareAPort(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint a = w.bound(w.socket(Set.of(UdpOption.REUSE_PORT)), UdpAddress.of(UdpWorld.LOOPBACK, 0));
            UdpResult<Void> b = w.socket(Set.of(UdpOption.REUSE_PORT)).bind(to(a));
            Check.equal("a second SO_REUSEPORT bind to " + to(a), UdpOutcome.OK, b.outcome());
        }
    }

    @ConformanceTest
    @Requirement("UDP-REUSE-2")
    @RequiresCapability(UdpStackAdapter.REUSE_PORT)
    void reusePortNeedsTheFirstSocketToo(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint a = w.bound();
            UdpResult<Void> b = w.socket(Set.of(UdpOption.REUSE_PORT)).bind(to(a));
            Check.equal("an SO_REUSEPORT bind over a plain socket", UdpOutcome.ADDRESS_IN_USE, b.outcome());
        }
    }

    @ConformanceTest
    @Requirement("UDP-REUSE-3")
    @RequiresCapability(UdpStackAdapter.REUSE_PORT)
    void oneSourceAlwaysReachesTheSameMember(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            List<UdpEndpoint> members = group(w, UdpOption.REUSE_PORT, 3);
            List<UdpEndpoint> sources = List.of(w.helper(), w.helper(), w.helper());
            List<String> spread = new ArrayList<>();
            for (int s = 0; s < sources.size(); s++) {
                for (int i = 0; i < 8; i++) {
                    sources.get(s).sendTo(to(members.get(0)), bytes("s" + s));
                }
            }
            Map<Integer, List<String>> got = collect(members);
            for (int s = 0; s < sources.size(); s++) {
                String tag = "s" + s;
                long membersReached = got.values().stream().filter(l -> l.contains(tag)).count();
                spread.add(tag + " reached " + membersReached + " member(s)");
            }
            Check.that("each source reaches one member", spread + "; per member " + got,
                    spread.stream().allMatch(t -> t.endsWith(" 1 member(s)")));
        }
    }

    @ConformanceTest
    @Requirement("UDP-REUSE-4")
    @RequiresCapability(UdpStackAdapter.REUSE_PORT)
    void eachDatagramReachesExactlyOneMember(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            List<UdpEndpoint> members = group(w, UdpOption.REUSE_PORT, 3);
            List<String> sent = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                UdpEndpoint h = w.helper();
                for (int i = 0; i < 3; i++) {
                    String tag = "h" + s + "-" + i;
                    h.sendTo(to(members.get(0)), bytes(tag));
                    sent.add(tag);
                }
            }
            Map<Integer, List<String>> got = collect(members);
            List<String> all = got.values().stream().flatMap(List::stream).sorted().toList();
            Check.that("every datagram received, each by one member", "per member " + got,
                    all.equals(sent.stream().sorted().toList()));
        }
    }

    @ConformanceTest
    @Requirement("UDP-REUSE-5")
    @RequiresCapability(UdpStackAdapter.REUSE_PORT)
    void connectedMemberGetsItsPeersTraffic(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            List<UdpEndpoint> members = group(w, UdpOption.REUSE_PORT, 3);
            UdpEndpoint peer = w.helper();
            Check.equal("member 1 connects", UdpOutcome.OK, members.get(1).connect(to(peer)).outcome());
            for (int i = 0; i < 8; i++) {
                peer.sendTo(to(members.get(0)), bytes("p" + i));
            }
            Map<Integer, List<String>> got = collect(members);
            Check.that("member 1 (connected to the peer) gets p0..p7, the others nothing", "per member " + got,
                    got.get(1).equals(List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7")) && got.get(0).isEmpty()
                            && got.get(2).isEmpty());
        }
    }

    @ConformanceTest
    @Requirement("UDP-REUSE-6")
    @RequiresCapability(UdpStackAdapter.REUSE_ADDRESS)
    void reuseAddressSocketsShareAPort(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpEndpoint a = w.bound(w.socket(Set.of(UdpOption.REUSE_ADDRESS)), UdpAddress.of(UdpWorld.LOOPBACK, 0));
            UdpResult<Void> b = w.socket(Set.of(UdpOption.REUSE_ADDRESS)).bind(to(a));
            Check.equal("a second SO_REUSEADDR bind to " + to(a), UdpOutcome.OK, b.outcome());
        }
    }
}
