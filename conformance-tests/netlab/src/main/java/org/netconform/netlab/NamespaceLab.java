package org.netconform.netlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.netlab.agent.AgentProcess;
import org.netconform.netlab.agent.RequestRefused;
import org.netconform.netlab.env.Environment;
import org.netconform.netlab.env.EnvironmentPool;
import org.netconform.netlab.env.LabHost;

/**
 * One NAT lab: real packets between network namespaces through the router's kernel NAT, in real time.
 * Open one with {@link NetLab#open}. Sockets are opened on first use and stay open until
 * {@link #close()}; every send carries a fresh nonce, so a delivery is attributed to the send that
 * caused it. A lab is used by one thread at a time.
 */
public final class NamespaceLab implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NamespaceLab.class.getName());
    /** Added to an operation's own wait for an agent's answer: a loaded machine, a GC pause. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    /**
     * How long the inside SYN of a simultaneous open gets to cross the NAT before the outside side
     * connects: a veth hop takes microseconds, an agent's request turnaround well under a millisecond.
     */
    private static final long SYN_CROSSING_MILLIS = 20;

    private final Environment env;
    private final LabSettings settings;
    private final String description;
    private final Set<Endpoint> udpOpen = ConcurrentHashMap.newKeySet();
    private final Set<Endpoint> listening = ConcurrentHashMap.newKeySet();
    private final AtomicLong sends = new AtomicLong();
    private volatile boolean closed;

    NamespaceLab(Environment env, LabSettings settings, String description) {
        this.env = env;
        this.settings = settings;
        this.description = description;
    }

    public LabLayout layout() {
        return env.layout();
    }

    /** The run-specific name prefix of this lab's namespaces, links and tables ({@code nc??????-}). */
    public String prefix() {
        return env.names().prefix();
    }

    public String description() {
        return description;
    }

    /** The process id of the agent acting for the host with {@code address}: for tests that kill one. */
    long agentPid(String address) {
        return env.agentFor(address).pid();
    }

    /** Sends one datagram; where it arrived and the source seen there, or empty when nothing arrived. */
    public Optional<Arrival> udp(Endpoint from, Endpoint to) {
        AgentProcess sender = hostAgent(from, "from");
        List<AgentProcess> receivers;
        AgentProcess destination = env.agentFor(to.address());
        if (destination != null) {
            requirePort(to);
            openUdp(destination, to);
            receivers = List.of(destination);
        } else if (layout().isExternal(to.address())) {
            requirePort(to);
            // through the NAT (inbound or hairpinned) it can reach any inside socket that is open
            receivers = insideAgentsWith(udpOpen);
        } else {
            throw notInLab(to, "to");
        }
        String nonce = nonce();
        Map<String, Object> sent = call(sender, "udpSend", fields("local", from, "to", to, "nonce", nonce), Duration.ZERO);
        if (!Boolean.TRUE.equals(sent.get("sent"))) {
            LOG.log(System.Logger.Level.DEBUG, "udp " + from + " -> " + to + " not sent: " + sent.get("error"));
            return Optional.empty();
        }
        // the sending socket is open now and can receive what comes back through the NAT
        udpOpen.add(from);
        return firstArrival(receivers, "udpAwait", nonce);
    }

    /**
     * Sends from {@code from} to {@code to}, where no socket is open, on {@code from}'s socket connected
     * for the moment; true when the ICMP port unreachable the destination host answers reached it.
     */
    public boolean udpToClosedPort(Endpoint from, Endpoint to) {
        AgentProcess sender = hostAgent(from, "from");
        if (env.agentFor(to.address()) == null && !layout().isExternal(to.address())) {
            throw notInLab(to, "to");
        }
        Map<String, Object> r = call(sender, "udpProbeClosed",
                fields("local", from, "to", to, "nonce", nonce(), "waitMs", settings.deliveryWait().toMillis()),
                settings.deliveryWait());
        udpOpen.add(from);
        return Boolean.TRUE.equals(r.get("icmp"));
    }

    /** A listener at a host's endpoint, with SO_REUSEADDR and SO_REUSEPORT. */
    public void tcpListen(Endpoint at) {
        AgentProcess a = hostAgent(at, "at");
        if (listening.add(at)) {
            call(a, "tcpListen", fields("local", at), Duration.ZERO);
        }
    }

    /**
     * Connects from a bound port. A host's endpoint as destination listens (opened on first use); the
     * NAT's external address reaches only listeners opened with {@link #tcpListen}.
     */
    public TcpResult tcpConnect(Endpoint from, Endpoint to) {
        AgentProcess connector = hostAgent(from, "from");
        List<AgentProcess> acceptors;
        AgentProcess destination = env.agentFor(to.address());
        if (destination != null) {
            requirePort(to);
            tcpListen(to);
            acceptors = List.of(destination);
        } else if (layout().isExternal(to.address())) {
            requirePort(to);
            acceptors = insideAgentsWith(listening);
        } else {
            throw notInLab(to, "to");
        }
        env.markTcpUsed();
        String nonce = nonce();
        Map<String, Object> r = call(connector, "tcpConnect",
                fields("local", from, "to", to, "nonce", nonce, "waitMs", settings.tcpWait().toMillis()), settings.tcpWait());
        return outcome(r, from, to, acceptors, nonce);
    }

    /**
     * A TCP simultaneous open through the NAT: {@code inside} connects to {@code outside} and
     * {@code outside} to {@code insideMapping}, both from bound ports. The two SYNs must cross: the
     * inside one is sent first and held back at the outside host (an nft rule in that host's namespace,
     * not in the router) until the outside one has gone out, so the NAT sees a SYN each way, as when two
     * peers punch a hole at the same moment, and neither end's kernel answers the other's SYN with a RST
     * for want of a socket. The result is what the inside end saw.
     */
    public TcpResult tcpSimultaneousOpen(Endpoint inside, Endpoint outside, Endpoint insideMapping) {
        AgentProcess in = hostAgent(inside, "inside");
        AgentProcess out = hostAgent(outside, "outside");
        LabHost outsideHost = env.hostFor(outside.address());
        if (!env.hostFor(inside.address()).inside() || outsideHost.inside()) {
            throw new IllegalArgumentException("a simultaneous open is between an inside host and an outside host, not "
                    + inside + " and " + outside);
        }
        requirePort(insideMapping);
        env.markTcpUsed();
        String nonce = nonce();
        long wait = settings.tcpWait().toMillis();
        Map<String, Object> inResult;
        env.holdSyn(outsideHost, outside.address(), outside.port());
        try {
            long handle = (Long) call(in, "tcpConnectStart", fields("local", inside, "to", outside), Duration.ZERO).get("handle");
            sleep(SYN_CROSSING_MILLIS);
            CompletableFuture<Map<String, Object>> outCall = out.send("tcpConnect",
                    fields("local", outside, "to", insideMapping, "nonce", nonce(), "waitMs", wait));
            inResult = call(in, "tcpConnectFinish", fields("handle", handle, "nonce", nonce, "waitMs", wait), settings.tcpWait());
            Map<String, Object> outResult = wait(out, outCall, "tcpConnect", settings.tcpWait());
            LOG.log(System.Logger.Level.DEBUG, "simultaneous open " + inside + " <-> " + outside + " via " + insideMapping
                    + ": inside " + inResult.get("result") + ", outside " + outResult.get("result"));
        } finally {
            env.releaseSyn(outsideHost);
        }
        return outcome(inResult, inside, outside, List.of(out), nonce);
    }

    /** Ends the connection made from {@code from} to {@code to}: FIN, or RST when {@code reset}. */
    public void tcpClose(Endpoint from, Endpoint to, boolean reset) {
        AgentProcess a = hostAgent(from, "from");
        Map<String, Object> r = call(a, "tcpClose", fields("local", from, "to", to, "reset", reset), Duration.ZERO);
        if (!Boolean.TRUE.equals(r.get("closed"))) {
            LOG.log(System.Logger.Level.DEBUG, "tcpClose: no open connection from " + from + " to " + to);
        }
    }

    /** Real time: sleeps. */
    public void advance(Duration duration) {
        sleep(duration.toMillis());
    }

    /** The router's {@code conntrack -L}. */
    public String conntrackTable() {
        requireOpen();
        return env.conntrackTable();
    }

    /** Closes every socket of the lab; the namespaces go back to the pool or are removed. Never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            EnvironmentPool.release(env, settings);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing lab " + prefix() + ": " + e);
            env.destroy();
        }
    }

    private TcpResult outcome(Map<String, Object> r, Endpoint from, Endpoint to, List<AgentProcess> acceptors, String nonce) {
        String result = String.valueOf(r.get("result"));
        return switch (result) {
            case "established" -> TcpResult.established(firstArrival(acceptors, "tcpAwait", nonce)
                    .orElseThrow(() -> new LabException("TCP " + from + " -> " + to
                            + " was established but no socket of the lab received its first line")));
            case "reset" -> TcpResult.of(TcpResult.Kind.RESET);
            case "icmp" -> TcpResult.of(TcpResult.Kind.ICMP_UNREACHABLE);
            case "timeout", "noroute" -> TcpResult.of(TcpResult.Kind.NO_ANSWER);
            default -> throw new LabException("unknown TCP result " + result + " (" + r.get("detail") + ")");
        };
    }

    /** Asks each candidate at once whether the nonce arrived there; the first that saw it answers. */
    private Optional<Arrival> firstArrival(List<AgentProcess> candidates, String op, String nonce) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> ask = fields("nonce", nonce, "waitMs", settings.deliveryWait().toMillis());
        CompletableFuture<Optional<Arrival>> first = new CompletableFuture<>();
        List<CompletableFuture<Map<String, Object>>> calls = new ArrayList<>();
        List<CompletableFuture<Void>> handled = new ArrayList<>();
        for (AgentProcess a : candidates) {
            CompletableFuture<Map<String, Object>> c = a.send(op, ask);
            calls.add(c);
            handled.add(c.thenAccept(r -> {
                if (Boolean.TRUE.equals(r.get("ok")) && Boolean.TRUE.equals(r.get("found"))) {
                    first.complete(Optional.of(new Arrival(Endpoint.parse((String) r.get("receivedAt")),
                            Endpoint.parse((String) r.get("source")))));
                }
            }));
        }
        // after every answer was looked at (not merely received), nothing found means empty
        CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> first.complete(Optional.empty()));
        Optional<Arrival> found;
        try {
            found = first.get(settings.deliveryWait().plus(SLACK).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            found = Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
        if (found.isEmpty()) {
            // nothing found: make sure that is the answer and not a failed agent
            for (int i = 0; i < calls.size(); i++) {
                wait(candidates.get(i), calls.get(i), op, settings.deliveryWait());
            }
        }
        return found;
    }

    private List<AgentProcess> insideAgentsWith(Set<Endpoint> sockets) {
        List<AgentProcess> out = new ArrayList<>();
        for (Endpoint e : sockets) {
            AgentProcess a = env.agentFor(e.address());
            if (layout().isInsideHost(e.address()) && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private void openUdp(AgentProcess a, Endpoint at) {
        if (udpOpen.add(at)) {
            call(a, "udpOpen", fields("local", at), Duration.ZERO);
        }
    }

    private AgentProcess hostAgent(Endpoint e, String role) {
        requireOpen();
        AgentProcess a = env.agentFor(e.address());
        if (a == null) {
            throw notInLab(e, role);
        }
        requirePort(e);
        return a;
    }

    private IllegalArgumentException notInLab(Endpoint e, String role) {
        return new IllegalArgumentException(role + " " + e + " is not a host of this lab nor (as a destination) the NAT's "
                + "external address; inside " + layout().insideHosts() + ", server " + layout().serverAddresses()
                + ", other " + layout().otherOutsideHost() + ", external " + layout().externalAddresses());
    }

    private static void requirePort(Endpoint e) {
        if (e.port() == 0) {
            throw new IllegalArgumentException("a lab endpoint names its port: " + e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new LabException("the lab " + prefix() + " is closed");
        }
    }

    private Map<String, Object> call(AgentProcess a, String op, Map<String, Object> fields, Duration wait) {
        return wait(a, a.send(op, fields), op, wait);
    }

    private Map<String, Object> wait(AgentProcess a, CompletableFuture<Map<String, Object>> f, String op, Duration wait) {
        try {
            return a.get(f, wait.plus(SLACK), op);
        } catch (RequestRefused e) {
            throw e;
        } catch (LabException e) {
            // a dead or silent agent: the lab's state is unknown, the environment must not serve another lab
            env.markBroken();
            throw e;
        }
    }

    private String nonce() {
        return env.names().id() + "-" + sends.incrementAndGet() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof Endpoint || v instanceof String ? v.toString() : v);
        }
        return m;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}
