package org.netconform.suites.udp;

import static org.netconform.suites.udp.UdpWorld.ARRIVES;
import static org.netconform.suites.udp.UdpWorld.QUIET;
import static org.netconform.suites.udp.UdpWorld.bytes;
import static org.netconform.suites.udp.UdpWorld.show;
import static org.netconform.suites.udp.UdpWorld.to;

import java.util.Optional;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpStackAdapter;

/**
 * Named scenarios for ICMP port unreachable delivery. A closed port is one a helper bound and closed;
 * the suite provokes few ICMP answers (Linux keeps a global ICMP budget even on loopback).
 */
public class UdpIcmpScenarios {

    @ConformanceTest
    @Requirement("UDP-ICMP-1")
    void connectedSocketIsToldOfPortUnreachable(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint s = w.socket();
            Check.equal("connect", UdpOutcome.OK, s.connect(nobody).outcome());
            UdpResult<Integer> sent = s.send(bytes("x"));
            UdpResult<Datagram> next = s.receive(ARRIVES);
            Check.that("send OK, then the next receive reports PORT_UNREACHABLE", "send " + sent + ", then receive " + show(next),
                    sent.outcome() == UdpOutcome.OK && next.outcome() == UdpOutcome.PORT_UNREACHABLE);
        }
    }

    @ConformanceTest
    @Requirement("UDP-ICMP-2")
    void portUnreachableIsReportedOnce(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint s = w.socket();
            Check.equal("connect", UdpOutcome.OK, s.connect(nobody).outcome());
            s.send(bytes("x"));
            UdpResult<Datagram> first = s.receive(ARRIVES);
            UdpResult<Datagram> second = s.receive(QUIET);
            UdpResult<Integer> thenSend = s.send(bytes("y")); // provokes another one
            UdpResult<Datagram> third = s.receive(ARRIVES);
            Check.that("PORT_UNREACHABLE, then WOULD_BLOCK; a new datagram provokes a new one (the send OK)",
                    "receive " + show(first) + ", receive " + show(second) + ", send " + thenSend + ", receive " + show(third),
                    first.outcome() == UdpOutcome.PORT_UNREACHABLE && second.outcome() == UdpOutcome.WOULD_BLOCK
                            && thenSend.outcome() == UdpOutcome.OK && third.outcome() == UdpOutcome.PORT_UNREACHABLE);
        }
    }

    @ConformanceTest
    @Requirement("UDP-ICMP-3")
    void unconnectedSocketIsNotTold(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint s = w.bound();
            UdpEndpoint peer = w.helper();
            UdpResult<Integer> first = s.sendTo(nobody, bytes("x"));
            w.settle();
            UdpResult<Integer> next = s.sendTo(to(peer), bytes("y"));
            UdpResult<Datagram> delivered = peer.receive(ARRIVES);
            s.sendTo(nobody, bytes("z"));
            w.settle();
            UdpResult<Datagram> received = s.receive(QUIET);
            Check.that("send-to OK (and delivered) after the ICMP; receive WOULD_BLOCK",
                    "send-to closed " + first + ", send-to peer " + next + " (" + show(delivered) + "), receive " + show(received),
                    next.outcome() == UdpOutcome.OK && delivered.isOk() && received.outcome() == UdpOutcome.WOULD_BLOCK);
        }
    }

    @ConformanceTest
    @Requirement("UDP-ICMP-4")
    void theErrorLeavesTheSocketConnected(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint s = w.socket();
            Check.equal("connect", UdpOutcome.OK, s.connect(nobody).outcome());
            s.send(bytes("x"));
            UdpResult<Datagram> error = s.receive(ARRIVES);
            Check.equal("the error (UDP-ICMP-1)", UdpOutcome.PORT_UNREACHABLE, error.outcome());
            Check.equal("peer after the error", Optional.of(nobody), s.remoteAddress());
            UdpEndpoint late = w.helperAt(nobody); // a socket appears at the peer's address
            UdpResult<Integer> sent = s.send(bytes("again"));
            UdpResult<Datagram> atPeer = late.receive(ARRIVES);
            late.sendTo(to(s), bytes("back"));
            UdpResult<Datagram> back = s.receive(ARRIVES);
            Check.that("still connected after the error: a send OK reaches the peer (\"again\"), and \"back\" from " + nobody
                    + " is received", "after the error: send " + sent + " -> " + show(atPeer) + "; receive " + show(back),
                    sent.outcome() == UdpOutcome.OK && show(atPeer).startsWith("\"again\"")
                            && show(back).equals("\"back\" from " + nobody));
        }
    }

    @ConformanceTest
    @Requirement("UDP-ICMP-5")
    void onlyTheSenderIsTold(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint live = w.helper();
            UdpEndpoint culprit = w.socket();
            UdpEndpoint connected = w.socket();
            UdpEndpoint unconnected = w.bound();
            Check.equal("connect to the closed port", UdpOutcome.OK, culprit.connect(nobody).outcome());
            Check.equal("connect to a live peer", UdpOutcome.OK, connected.connect(to(live)).outcome());
            culprit.send(bytes("x"));
            w.settle();
            UdpResult<Datagram> connectedSees = connected.receive(QUIET);
            UdpResult<Integer> connectedSends = connected.send(bytes("fine"));
            UdpResult<Datagram> unconnectedSees = unconnected.receive(QUIET);
            UdpResult<Datagram> culpritSees = culprit.receive(ARRIVES);
            Check.that("only the culprit sees PORT_UNREACHABLE (a socket connected elsewhere still sends OK)",
                    "culprit " + show(culpritSees) + "; connected elsewhere " + show(connectedSees) + " / send " + connectedSends
                            + "; unconnected " + show(unconnectedSees),
                    connectedSees.outcome() == UdpOutcome.WOULD_BLOCK && connectedSends.outcome() == UdpOutcome.OK
                            && unconnectedSees.outcome() == UdpOutcome.WOULD_BLOCK
                            && culpritSees.outcome() == UdpOutcome.PORT_UNREACHABLE);
        }
    }
}
