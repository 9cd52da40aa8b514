package org.netconform.suites.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.suites.udp.UdpWorld.ARRIVES;
import static org.netconform.suites.udp.UdpWorld.QUIET;
import static org.netconform.suites.udp.UdpWorld.bytes;
import static org.netconform.suites.udp.UdpWorld.show;
import static org.netconform.suites.udp.UdpWorld.to;

import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Observation;
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
            assertThat(s.connect(nobody).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            UdpResult<Integer> sent = s.send(bytes("x"));
            UdpResult<Datagram> next = s.receive(ARRIVES);
            Observation.expected("send OK, then the next receive reports PORT_UNREACHABLE");
            Observation.observed("send " + sent + ", then receive " + show(next));
            assertThat(sent.outcome()).as("the send that provokes the error").isEqualTo(UdpOutcome.OK);
            assertThat(next.outcome()).as("the next receive").isEqualTo(UdpOutcome.PORT_UNREACHABLE);
        }
    }

    @ConformanceTest
    @Requirement("UDP-ICMP-2")
    void portUnreachableIsReportedOnce(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint s = w.socket();
            assertThat(s.connect(nobody).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            s.send(bytes("x"));
            UdpResult<Datagram> first = s.receive(ARRIVES);
            UdpResult<Datagram> second = s.receive(QUIET);
            UdpResult<Integer> thenSend = s.send(bytes("y")); // provokes another one
            UdpResult<Datagram> third = s.receive(ARRIVES);
            Observation.expected("PORT_UNREACHABLE, then WOULD_BLOCK; a new datagram provokes a new one");
            Observation.observed("receive " + show(first) + ", receive " + show(second) + ", send " + thenSend
                    + ", receive " + show(third));
            assertThat(first.outcome()).as("first receive").isEqualTo(UdpOutcome.PORT_UNREACHABLE);
            assertThat(second.outcome()).as("second receive (the error was reported)").isEqualTo(UdpOutcome.WOULD_BLOCK);
            assertThat(thenSend.outcome()).as("send after the error was cleared").isEqualTo(UdpOutcome.OK);
            assertThat(third.outcome()).as("receive after another datagram to the closed port")
                    .isEqualTo(UdpOutcome.PORT_UNREACHABLE);
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
            Observation.expected("send-to OK after the ICMP; receive WOULD_BLOCK");
            Observation.observed("send-to closed " + first + ", send-to peer " + next + " (" + show(delivered)
                    + "), receive " + show(received));
            assertThat(next.outcome()).as("send-to after a datagram to a closed port").isEqualTo(UdpOutcome.OK);
            assertThat(delivered.isOk()).as("the send-to was delivered").isTrue();
            assertThat(received.outcome()).as("receive after a datagram to a closed port").isEqualTo(UdpOutcome.WOULD_BLOCK);
        }
    }

    @ConformanceTest
    @Requirement("UDP-ICMP-4")
    void theErrorLeavesTheSocketConnected(UdpStackAdapter udp) {
        try (UdpWorld w = new UdpWorld(udp)) {
            UdpAddress nobody = w.closedPort();
            UdpEndpoint s = w.socket();
            assertThat(s.connect(nobody).outcome()).as("connect").isEqualTo(UdpOutcome.OK);
            s.send(bytes("x"));
            UdpResult<Datagram> error = s.receive(ARRIVES);
            assertThat(error.outcome()).as("the error (UDP-ICMP-1)").isEqualTo(UdpOutcome.PORT_UNREACHABLE);
            assertThat(s.remoteAddress()).as("peer after the error").contains(nobody);
            UdpEndpoint late = w.helperAt(nobody); // a socket appears at the peer's address
            UdpResult<Integer> sent = s.send(bytes("again"));
            UdpResult<Datagram> atPeer = late.receive(ARRIVES);
            late.sendTo(to(s), bytes("back"));
            UdpResult<Datagram> back = s.receive(ARRIVES);
            Observation.observed("after the error: send " + sent + " -> " + show(atPeer) + "; receive " + show(back));
            assertThat(sent.outcome()).as("send after the error").isEqualTo(UdpOutcome.OK);
            assertThat(show(atPeer)).as("what the peer received").startsWith("\"again\"");
            assertThat(show(back)).as("what the socket received from the peer").isEqualTo("\"back\" from " + nobody);
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
            assertThat(culprit.connect(nobody).outcome()).as("connect to the closed port").isEqualTo(UdpOutcome.OK);
            assertThat(connected.connect(to(live)).outcome()).as("connect to a live peer").isEqualTo(UdpOutcome.OK);
            culprit.send(bytes("x"));
            w.settle();
            UdpResult<Datagram> connectedSees = connected.receive(QUIET);
            UdpResult<Integer> connectedSends = connected.send(bytes("fine"));
            UdpResult<Datagram> unconnectedSees = unconnected.receive(QUIET);
            UdpResult<Datagram> culpritSees = culprit.receive(ARRIVES);
            Observation.expected("only the culprit sees PORT_UNREACHABLE");
            Observation.observed("culprit " + show(culpritSees) + "; connected elsewhere " + show(connectedSees)
                    + " / send " + connectedSends + "; unconnected " + show(unconnectedSees));
            assertThat(connectedSees.outcome()).as("a socket connected to a live peer").isEqualTo(UdpOutcome.WOULD_BLOCK);
            assertThat(connectedSends.outcome()).as("its send").isEqualTo(UdpOutcome.OK);
            assertThat(unconnectedSees.outcome()).as("an unconnected socket").isEqualTo(UdpOutcome.WOULD_BLOCK);
            assertThat(culpritSees.outcome()).as("the socket that sent to the closed port").isEqualTo(UdpOutcome.PORT_UNREACHABLE);
        }
    }
}
