package org.netconform.suites.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.suites.nat.NatClassification.Filtering;
import org.netconform.suites.nat.NatClassification.Mapping;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.TcpOutcome;
import org.opentest4j.TestAbortedException;

/** TCP through the NAT (nat.md "TCP"). Every check needs the adapter's {@code tcp} capability. */
// checks and targets run side by side: each check opens labs of its own, and findings are learned once
// (NatFacts); most of a real NAT's time is waiting for datagrams that do not come
@Execution(ExecutionMode.CONCURRENT)
public class NatTcpScenarios {
    private static final Duration ESTABLISHED_MINIMUM = Duration.ofHours(2).plusMinutes(4);
    private static final Duration TRANSITORY_MINIMUM = Duration.ofMinutes(4);

    @ConformanceTest
    @Requirement("NAT-TCP-1")
    @RequiresCapability(NatAdapter.TCP)
    void oneExternalEndpointForEveryDestination(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            NatEndpoint first = b.tcpMapOrAbort(x, b.s1a());
            TcpOutcome second = b.tcp(x, b.s2b());
            Check.equal("the external endpoint of X1:x's connection to S2:b, while the one to S1:a is open",
                    "ESTABLISHED at " + b.s2b() + " from " + first, NatBench.show(second));
        }
    }

    @ConformanceTest
    @Requirement("NAT-TCP-2")
    @RequiresCapability(NatAdapter.TCP)
    void connectCloseAndConnectAgain(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            List<String> seen = new ArrayList<>();
            boolean ok = true;
            NatEndpoint[] destinations = {b.s1a(), b.s2a(), b.s1b()};
            for (int i = 0; i < destinations.length; i++) {
                TcpOutcome t = b.tcp(x, destinations[i]);
                seen.add(destinations[i] + ": " + NatBench.show(t));
                ok &= t.kind() == TcpOutcome.Kind.ESTABLISHED && t.delivery().map(d -> b.isExternal(d.seenSource()))
                        .orElse(false);
                if (i < 2) {
                    // the first ends with a FIN exchange, the second with a RST; each to a new destination, so
                    // the inside host's TIME_WAIT for the old 4-tuple never matters
                    b.close(x, destinations[i], i == 1);
                }
            }
            Check.that("each connection from X1:x (after a FIN close, then after a RST) established through an"
                    + " external endpoint", seen, ok);
        }
    }

    @ConformanceTest
    @Requirement("NAT-TCP-3")
    @RequiresCapability(NatAdapter.TCP)
    void simultaneousOpenCompletes(NatAdapter nat) {
        if (NatClassifier.tcp(nat).mapping() != Mapping.EIM) {
            throw new TestAbortedException("the TCP mapping is not endpoint-independent (NAT-TCP-1), so the outside"
                    + " end cannot know which external endpoint to send its SYN to");
        }
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            NatEndpoint m = b.tcpMapOrAbort(x, b.s1a());
            NatEndpoint peer = NatEndpoint.of(b.topology().alternateServer(), NatBench.SIMOPEN_PORT);
            TcpOutcome t = b.simultaneousOpen(x, peer, m);
            Check.equal("X1:x and " + peer + " connecting to each other at once (the peer to " + m + ")",
                    TcpOutcome.Kind.ESTABLISHED, t.kind());
        }
    }

    @ConformanceTest
    @Requirement("NAT-TCP-4")
    @RequiresCapability(NatAdapter.TCP)
    void twoHostsWithOnePortAreNotOverloaded(NatAdapter nat) {
        try (NatBench b = NatBench.open(nat)) {
            int p = b.fresh();
            TcpOutcome t1 = b.tcp(b.x1(p), b.s1a());
            TcpOutcome t2 = b.tcp(b.x2(p), b.s1a());
            boolean ok = t1.kind() == TcpOutcome.Kind.ESTABLISHED && t2.kind() == TcpOutcome.Kind.ESTABLISHED
                    && !t1.delivery().orElseThrow().seenSource().equals(t2.delivery().orElseThrow().seenSource());
            Check.that("both X1:" + p + " and X2:" + p + " connected to S1:a at once, through different external"
                    + " endpoints", List.of(NatBench.show(t1), NatBench.show(t2)), ok);
        }
    }

    /**
     * RFC 5382 §4.3 exempts SYNs meant for the NAT itself when it is also an end host, so the judged SYN
     * goes to an existing mapping the filter does not admit: that one can only be meant for an inside
     * host. Under EIF every mapping admits O, so only a SYN to an unmapped port is left, and an answer to
     * it may be the NAT speaking for itself: then the check cannot decide.
     */
    @ConformanceTest
    @Requirement("NAT-TCP-5")
    @RequiresCapability(NatAdapter.TCP)
    void unsolicitedSynsAreNotAnswered(NatAdapter nat) {
        Filtering filtering = NatClassifier.tcp(nat).filtering();
        try (NatBench b = NatBench.open(nat)) {
            if (filtering != Filtering.EIF) {
                NatEndpoint m = b.tcpMapOrAbort(b.x1(b.fresh()), b.s1a());
                Check.equal("what O sees within the lab's wait after a SYN to X1's mapping " + m
                        + ", which the " + filtering + " filter does not admit", TcpOutcome.Kind.NO_ANSWER,
                        b.tcp(b.o(), m).kind());
                return;
            }
            NatEndpoint unmapped = NatEndpoint.of(b.topology().externalAddresses().get(0), b.fresh());
            TcpOutcome.Kind k = b.tcp(b.o(), unmapped).kind();
            if (k != TcpOutcome.Kind.NO_ANSWER) {
                throw new TestAbortedException("under EIF the only unsolicited SYN is one to an unmapped port, "
                        + unmapped + ", and the " + k + " it got may be the NAT answering for itself (RFC 5382 §4.3)");
            }
            Check.equal("what O sees within the lab's wait after a SYN to the unmapped " + unmapped,
                    TcpOutcome.Kind.NO_ANSWER, k);
        }
    }

    @ConformanceTest
    @Requirement("NAT-TCP-6")
    @RequiresCapability(NatAdapter.TCP)
    void idleEstablishedConnectionKeepsItsMapping(NatAdapter nat) {
        idleMappingSurvives(nat, ESTABLISHED_MINIMUM, false);
    }

    @ConformanceTest
    @Requirement("NAT-TCP-7")
    @RequiresCapability(NatAdapter.TCP)
    void idleClosingConnectionKeepsItsMapping(NatAdapter nat) {
        idleMappingSurvives(nat, TRANSITORY_MINIMUM, true);
    }

    @ConformanceTest
    @Requirement("NAT-TCP-8")
    @RequiresCapability(NatAdapter.TCP)
    void tcpFilteringIsEndpointIndependentOrAddressDependent(NatAdapter nat) {
        Filtering f = NatClassifier.tcp(nat).filtering();
        Check.that("EIF or ADF", f, f == Filtering.EIF || f == Filtering.ADF);
    }

    /**
     * The lab cannot send on an open connection, so a session's survival is asked through its mapping:
     * after the idle time, S1:b (admitted under EIF and ADF) connects to the mapping, where X1 listens.
     */
    private static void idleMappingSurvives(NatAdapter nat, Duration minimum, boolean closing) {
        Filtering filtering = NatClassifier.tcp(nat).filtering();
        if (filtering != Filtering.EIF && filtering != Filtering.ADF) {
            throw new TestAbortedException("the TCP filtering is " + filtering + ": only the peer of the idle connection"
                    + " is admitted, and its own connection occupies that 4-tuple, so the mapping cannot be probed");
        }
        Duration justUnder = minimum.minusSeconds(1);
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            NatEndpoint m = b.tcpMapOrAbort(x, b.s1a());
            if (closing) {
                b.close(x, b.s1a(), false);
            }
            b.listen(x);
            Duration waited = NatTimers.boundedIdle(b, justUnder);
            TcpOutcome probe = b.tcp(b.s1b(), m);
            boolean alive = NatClassifier.admitted(probe, x);
            if (alive && waited.compareTo(justUnder) < 0) {
                throw NatTimers.notWaitedOut("the TCP mapping", waited, minimum);
            }
            Check.that("after " + NatTimers.show(justUnder) + " idle" + (closing ? " since the FIN exchange" : "")
                    + ", S1:b's connection to " + m + " reaches X1's listener", NatBench.show(probe), alive);
        }
    }
}
