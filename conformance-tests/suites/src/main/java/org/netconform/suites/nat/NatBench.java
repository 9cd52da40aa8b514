package org.netconform.suites.nat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;
import org.opentest4j.TestAbortedException;

/**
 * One fresh lab with the endpoints the spec's tables name (X1, X2 inside; S1 and S2, the server's two
 * addresses, at ports a = 3478 and b = 3479; O, the other outside host) and a supply of inside ports
 * no earlier step of this lab used, so a probe never meets state another probe left (RFC 5780 §4.1).
 * Every operation goes to the execution's wire log, so the report shows the sequence that decided.
 */
final class NatBench implements AutoCloseable {
    static final int A = 3478;
    static final int B = 3479;
    /** An outside port with no socket: the outside host answers it with ICMP port unreachable. */
    static final int CLOSED = 3999;
    static final int O_PORT = 5000;
    /** An outside port used only by a simultaneous open, so it is never also a listener. */
    static final int SIMOPEN_PORT = 3480;

    private final NatLab lab;
    private final NatTopology topology;
    private final Optional<Integer> quota;
    private int nextHigh = 40_000;
    private int nextLow = 600;

    private NatBench(NatLab lab, Optional<Integer> quota) {
        this.lab = lab;
        this.topology = lab.topology();
        this.quota = quota;
    }

    static NatBench open(NatAdapter nat) {
        return open(nat, NatLabOptions.defaults());
    }

    static NatBench open(NatAdapter nat, NatLabOptions options) {
        // the first lab of a run sets off the long real-time waits of every target, to run beside the checks
        NatLongWaits.startAll();
        NatLab lab = nat.open(options);
        NatEvidence.line("-- new lab" + (options.overridesTimers() ? " with " + NatTimers.show(options) : "")
                + (lab.virtualTime() ? " (virtual time)" : " (real time)"));
        return new NatBench(lab, nat.capabilities().contains(NatAdapter.QUOTA) ? nat.portQuota() : Optional.empty());
    }

    /** For the model comparison, which opens its labs itself. */
    static NatBench of(NatLab lab) {
        return new NatBench(lab, Optional.empty());
    }

    /** The external ports one inside host may hold, when the adapter declares a quota. */
    Optional<Integer> quota() {
        return quota;
    }

    NatLab lab() {
        return lab;
    }

    NatTopology topology() {
        return topology;
    }

    boolean virtualTime() {
        return lab.virtualTime();
    }

    // ---- endpoints

    NatEndpoint x1(int port) {
        return inside(0, port);
    }

    NatEndpoint x2(int port) {
        return inside(1, port);
    }

    NatEndpoint inside(int host, int port) {
        return NatEndpoint.of(topology.insideHosts().get(host), port);
    }

    NatEndpoint s1a() {
        return NatEndpoint.of(topology.primaryServer(), A);
    }

    NatEndpoint s1b() {
        return NatEndpoint.of(topology.primaryServer(), B);
    }

    NatEndpoint s2a() {
        return NatEndpoint.of(topology.alternateServer(), A);
    }

    NatEndpoint s2b() {
        return NatEndpoint.of(topology.alternateServer(), B);
    }

    /**
     * The server's four endpoints (S1:a, S2:a, S1:b, S2:b), for checks that make many mappings and send
     * them to these in turn: a NAT whose ports are counted per destination (a small SNAT range) has room
     * for a few per destination, not for all towards one.
     */
    List<NatEndpoint> serverEndpoints() {
        return List.of(s1a(), s2a(), s1b(), s2b());
    }

    NatEndpoint o() {
        return NatEndpoint.of(topology.otherOutsideHost(), O_PORT);
    }

    NatEndpoint closed(String outsideAddress) {
        return NatEndpoint.of(outsideAddress, CLOSED);
    }

    /** An inside port in 1024-65535 that this lab has not used yet. */
    int fresh() {
        return nextHigh++;
    }

    /** A fresh port of the given parity. */
    int fresh(boolean even) {
        if ((nextHigh % 2 == 0) != even) {
            nextHigh++;
        }
        return nextHigh++;
    }

    /** A fresh inside port in 0-1023 (600 upwards: clear of the ports services commonly use). */
    int freshLow() {
        return nextLow++;
    }

    boolean isExternal(NatEndpoint e) {
        return topology.externalAddresses().contains(e.address());
    }

    // ---- operations, each logged

    Optional<Delivery> udp(NatEndpoint from, NatEndpoint to) {
        Optional<Delivery> d = lab.udp(from, to);
        NatEvidence.line("udp " + from + " -> " + to + ": " + show(d));
        return d;
    }

    /** Sends from inside to an outside endpoint: the mapping its receiver saw, or empty when nothing arrived there. */
    Optional<NatEndpoint> map(NatEndpoint from, NatEndpoint to) {
        return udp(from, to).filter(d -> d.receivedAt().equals(to)).map(Delivery::seenSource);
    }

    /**
     * As {@link #map}, for a step a check builds on rather than judges: when the datagram does not cross
     * at all, the check cannot be decided (basic translation is NAT-XLATE-1's business) and is UNSUPPORTED.
     */
    NatEndpoint mapOrAbort(NatEndpoint from, NatEndpoint to) {
        return map(from, to).orElseThrow(() -> new TestAbortedException(
                "cannot decide: the datagram " + from + " -> " + to + " did not cross the NAT (see NAT-XLATE-1)"));
    }

    /** Sends from outside to an external endpoint: true when it reached exactly {@code inside}. */
    boolean reaches(NatEndpoint from, NatEndpoint external, NatEndpoint inside) {
        return udp(from, external).map(d -> d.receivedAt().equals(inside)).orElse(false);
    }

    boolean udpToClosedPort(NatEndpoint from, NatEndpoint to) {
        boolean told = lab.udpToClosedPort(from, to);
        NatEvidence.line("udp " + from + " -> " + to + " (closed): " + (told ? "port unreachable reached the sender"
                : "no ICMP error reached the sender"));
        return told;
    }

    TcpOutcome tcp(NatEndpoint from, NatEndpoint to) {
        TcpOutcome t = lab.tcpConnect(from, to);
        NatEvidence.line("tcp " + from + " -> " + to + ": " + show(t));
        return t;
    }

    /** A TCP connection from inside that a check builds on: its external endpoint, or UNSUPPORTED. */
    NatEndpoint tcpMapOrAbort(NatEndpoint from, NatEndpoint to) {
        TcpOutcome t = tcp(from, to);
        return t.delivery().filter(d -> t.kind() == TcpOutcome.Kind.ESTABLISHED).map(Delivery::seenSource)
                .orElseThrow(() -> new TestAbortedException("cannot decide: the connection " + from + " -> " + to
                        + " was not established (" + t.kind() + "; see NAT-TCP-2)"));
    }

    void listen(NatEndpoint at) {
        lab.tcpListen(at);
        NatEvidence.line("tcp listen " + at);
    }

    TcpOutcome simultaneousOpen(NatEndpoint inside, NatEndpoint outside, NatEndpoint insideMapping) {
        TcpOutcome t = lab.tcpSimultaneousOpen(inside, outside, insideMapping);
        NatEvidence.line("tcp simultaneous open " + inside + " <-> " + outside + " (via " + insideMapping + "): "
                + show(t));
        return t;
    }

    void close(NatEndpoint from, NatEndpoint to, boolean reset) {
        lab.tcpClose(from, to, reset);
        NatEvidence.line("tcp close " + from + " -> " + to + (reset ? " (RST)" : " (FIN)"));
    }

    void idle(Duration d) {
        lab.advance(d);
        NatEvidence.line("wait " + NatTimers.show(d));
    }

    @Override
    public void close() {
        String table = lab.describeTable();
        if (table != null && !table.isBlank()) {
            NatEvidence.line("NAT table at the end:\n" + table.strip());
        }
        lab.close();
    }

    // ---- rendering

    static String show(Optional<Delivery> d) {
        return d.map(NatBench::show).orElse("nothing arrived");
    }

    static String show(Delivery d) {
        return "at " + d.receivedAt() + " from " + d.seenSource();
    }

    static String show(TcpOutcome t) {
        return t.kind() == TcpOutcome.Kind.ESTABLISHED ? "ESTABLISHED " + t.delivery().map(NatBench::show).orElse("")
                : t.kind().name();
    }

    static String ports(List<NatEndpoint> endpoints) {
        return endpoints.stream().map(NatEndpoint::toString).toList().toString();
    }
}
