package org.netconform.adapters.usermodenat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

/**
 * A NAT lab of three namespaces around a user-mode NAT:
 *
 * <pre>
 *  inside (198.51.100.10 .11 .12)  ==user-mode NAT==  router (203.0.113.1)  --veth wan--  outside (203.0.113.100 .101 .200)
 *   one namespace, all inside        tap device;          the NAT's sockets live here       the server's two addresses and
 *   hosts on the NAT's interface     the NAT runs here    (no forwarding: ip_forward 0)      the other host, default route
 *                                                                                            via 203.0.113.1
 * </pre>
 *
 * The inside hosts share one namespace because a user-mode NAT serves one namespace (one tap); what the
 * NAT sees, datagrams from three source addresses, is the same as from three hosts on one LAN. An agent
 * in the inside and in the outside namespace opens the sockets the operations name.
 */
final class NamespaceNatLab implements NatLab {
    /** Beyond an operation's own waiting, how long an agent may take to answer it. */
    static final Duration SLACK = Duration.ofSeconds(5);
    private static final AtomicLong NONCES = new AtomicLong();

    /** How long the lab waits: a datagram, an ICMP error, a TCP handshake. */
    record Waits(Duration delivery, Duration icmp, Duration tcp) {
    }

    private final NatTopology topology;
    private final LabNames names;
    private final Path dir;
    private final UserModeNat.Running nat;
    private final StdioShim insideAgent;
    private final StdioShim outsideAgent;
    private final Waits waits;
    private boolean failed;
    private boolean closed;

    private NamespaceNatLab(NatTopology topology, LabNames names, Path dir, UserModeNat.Running nat,
                            StdioShim insideAgent, StdioShim outsideAgent, Waits waits) {
        this.topology = topology;
        this.names = names;
        this.dir = dir;
        this.nat = nat;
        this.insideAgent = insideAgent;
        this.outsideAgent = outsideAgent;
        this.waits = waits;
    }

    /** Builds the namespaces, starts the NAT and the agents; on any failure removes what it made and throws. */
    static NamespaceNatLab open(UserModeNat userModeNat, NatTopology topology, Path baseDir, Waits waits) {
        StaleLabSweeper.sweepOnce();
        LabNames names = LabNames.next();
        Path dir = baseDir.resolve(names.base());
        List<String> made = new ArrayList<>();
        UserModeNat.Running nat = null;
        StdioShim insideAgent = null;
        StdioShim outsideAgent = null;
        try {
            Files.createDirectories(dir);
            for (String ns : List.of(names.router(), names.outside(), names.inside())) {
                Namespaces.add(ns);
                made.add(ns);
            }
            wire(names, topology);
            nat = userModeNat.start(names.router(), names.inside(), topology.insideHosts(), dir);
            // two JVMs start at once: the lab's opening costs one start, not two
            CompletableFuture<StdioShim> in = CompletableFuture.supplyAsync(() -> Agents.start(names.inside(), dir.resolve("agent-inside.log")));
            CompletableFuture<StdioShim> out = CompletableFuture.supplyAsync(() -> Agents.start(names.outside(), dir.resolve("agent-outside.log")));
            try {
                insideAgent = in.join();
            } finally {
                outsideAgent = joinQuietly(out);
            }
            if (outsideAgent == null) {
                out.join(); // rethrows why
            }
            return new NamespaceNatLab(topology, names, dir, nat, insideAgent, outsideAgent, waits);
        } catch (IOException | RuntimeException e) {
            for (StdioShim agent : new StdioShim[] {insideAgent, outsideAgent}) {
                if (agent != null) {
                    agent.close();
                }
            }
            if (nat != null) {
                nat.close();
            }
            made.forEach(Namespaces::delete);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof NatLabException n) {
                throw new NatLabException(userModeNat.id() + " lab " + names.base() + " did not open (logs in " + dir + "): "
                        + n.getMessage(), n);
            }
            throw new NatLabException(userModeNat.id() + " lab " + names.base() + " did not open: " + cause, cause);
        }
    }

    private static StdioShim joinQuietly(CompletableFuture<StdioShim> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    /** The router's one veth to the outside namespace, and the addresses on both ends. */
    private static void wire(LabNames names, NatTopology t) {
        String router = names.router();
        String outside = names.outside();
        Commands.run("ip", "link", "add", "wan", "netns", router, "type", "veth", "peer", "name", "wan", "netns", outside);
        Namespaces.ip(router, "addr", "add", t.externalAddresses().get(0) + "/24", "dev", "wan");
        Namespaces.ip(router, "link", "set", "wan", "up");
        // pasta copies its template interface from the default route; nothing is routed by the router itself
        Namespaces.ip(router, "route", "add", "default", "dev", "wan");
        List<String> outsideAddresses = new ArrayList<>(t.serverAddresses());
        outsideAddresses.add(t.otherOutsideHost());
        for (String a : outsideAddresses) {
            Namespaces.ip(outside, "addr", "add", a + "/24", "dev", "wan");
        }
        Namespaces.ip(outside, "link", "set", "wan", "up");
        // a datagram for a private inside address goes to the router, which has no route for it (the Internet)
        Namespaces.ip(outside, "route", "add", "default", "via", t.externalAddresses().get(0), "dev", "wan");
    }

    @Override
    public NatTopology topology() {
        return topology;
    }

    @Override
    public boolean virtualTime() {
        return false;
    }

    /** The lab's namespaces, for tests that check they are gone after close. */
    List<String> namespaces() {
        return List.of(names.router(), names.outside(), names.inside());
    }

    long natPid() {
        return nat.pid();
    }

    // ---- UDP ----

    @Override
    public synchronized Optional<Delivery> udp(NatEndpoint from, NatEndpoint to) {
        requireSource(from);
        requireDestination(to);
        StdioShim receiver = receiverOf(to);
        if (!isExternal(to)) {
            call(receiver, "udp.bind", args().put("at", to.toString()), Duration.ZERO);
        }
        String nonce = "netconform " + names.base() + " " + NONCES.incrementAndGet();
        call(agentOf(from), "udp.send", args().put("from", from.toString()).put("to", to.toString()).put("payload", nonce), Duration.ZERO);
        JsonNode r = call(receiver, "udp.receive", args().put("payload", nonce).put("waitMs", waits.delivery().toMillis()), waits.delivery());
        if (!r.path("received").asBoolean()) {
            // a NAT that delivers to the wrong side is still a delivery: ask the other agent too, without waiting
            StdioShim other = receiver == insideAgent ? outsideAgent : insideAgent;
            r = call(other, "udp.receive", args().put("payload", nonce).put("waitMs", 0), Duration.ZERO);
            if (!r.path("received").asBoolean()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Delivery(NatEndpoint.parse(r.path("at").asText()), NatEndpoint.parse(r.path("source").asText())));
    }

    @Override
    public synchronized boolean udpToClosedPort(NatEndpoint from, NatEndpoint to) {
        requireSource(from);
        requireDestination(to);
        return call(agentOf(from), "udp.closedPort", args().put("from", from.toString()).put("to", to.toString())
                .put("waitMs", waits.icmp().toMillis()), waits.icmp()).path("icmp").asBoolean();
    }

    // ---- TCP ----

    @Override
    public synchronized void tcpListen(NatEndpoint at) {
        requireSource(at);
        call(agentOf(at), "tcp.listen", args().put("at", at.toString()), Duration.ZERO);
    }

    @Override
    public synchronized TcpOutcome tcpConnect(NatEndpoint from, NatEndpoint to) {
        requireSource(from);
        requireDestination(to);
        if (!isExternal(to)) {
            tcpListen(to);
        }
        StdioShim connector = agentOf(from);
        ObjectNode fromTo = args().put("from", from.toString()).put("to", to.toString()).put("waitMs", waits.tcp().toMillis());
        call(connector, "tcp.start", fromTo, Duration.ZERO);
        JsonNode r = call(connector, "tcp.result", fromTo, waits.tcp().plusSeconds(1));
        TcpOutcome.Kind kind = kindOf(r);
        if (kind != TcpOutcome.Kind.ESTABLISHED) {
            return TcpOutcome.of(kind);
        }
        // the accepting side: the listener at a host's endpoint, or whichever inside listener the NAT chose
        ObjectNode which = args().put("waitMs", waits.delivery().toMillis());
        if (!isExternal(to)) {
            which.put("at", to.toString());
        }
        JsonNode a = call(receiverOf(to), "tcp.accepted", which, waits.delivery());
        if (!a.path("accepted").asBoolean()) {
            throw lost(new NatLabException("a connection from " + from + " to " + to
                    + " was established, but no listener of the lab accepted it"));
        }
        return TcpOutcome.established(new Delivery(NatEndpoint.parse(a.path("at").asText()), NatEndpoint.parse(a.path("source").asText())));
    }

    @Override
    public synchronized TcpOutcome tcpSimultaneousOpen(NatEndpoint inside, NatEndpoint outside, NatEndpoint insideMapping) {
        requireSource(inside);
        requireSource(outside);
        requireDestination(insideMapping);
        ObjectNode out = args().put("from", inside.toString()).put("to", outside.toString()).put("waitMs", waits.tcp().toMillis());
        ObjectNode in = args().put("from", outside.toString()).put("to", insideMapping.toString()).put("waitMs", waits.tcp().toMillis());
        call(agentOf(inside), "tcp.start", out, Duration.ZERO);
        call(agentOf(outside), "tcp.start", in, Duration.ZERO);
        JsonNode insideSaw = call(agentOf(inside), "tcp.result", out, waits.tcp().plusSeconds(1));
        JsonNode outsideSaw = call(agentOf(outside), "tcp.result", in, waits.tcp().plusSeconds(1));
        TcpOutcome.Kind kind = kindOf(insideSaw);
        if (kind != TcpOutcome.Kind.ESTABLISHED) {
            return TcpOutcome.of(kind);
        }
        if (kindOf(outsideSaw) != TcpOutcome.Kind.ESTABLISHED) {
            // the inside end connected to something that is not the outside end's socket: say what it reached
            throw lost(new NatLabException("simultaneous open: " + inside + " established, " + outside + " saw "
                    + outsideSaw.path("outcome").asText() + " (" + outsideSaw.path("detail").asText() + ")"));
        }
        return TcpOutcome.established(new Delivery(outside, NatEndpoint.parse(outsideSaw.path("remote").asText())));
    }

    @Override
    public synchronized void tcpClose(NatEndpoint from, NatEndpoint to, boolean reset) {
        requireSource(from);
        call(agentOf(from), "tcp.close", args().put("from", from.toString()).put("to", to.toString()).put("reset", reset), Duration.ZERO);
    }

    private TcpOutcome.Kind kindOf(JsonNode result) {
        String outcome = result.path("outcome").asText();
        try {
            return TcpOutcome.Kind.valueOf(outcome);
        } catch (IllegalArgumentException e) {
            throw lost(new NatLabException("a connect ended in " + outcome + ": " + result.path("detail").asText()));
        }
    }

    // ---- time and table ----

    @Override
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + duration);
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatLabException("interrupted while letting time pass", e);
        }
    }

    /** A user-mode NAT's table is its own sockets in the router namespace: {@code ss} lists them. */
    @Override
    public String describeTable() {
        try {
            String udp = Commands.run("ip", "netns", "exec", names.router(), "ss", "-uanp");
            String tcp = Commands.run("ip", "netns", "exec", names.router(), "ss", "-tanp");
            return "the NAT's sockets in " + names.router() + " (ss -uanp; ss -tanp):\n" + udp + "\n" + tcp;
        } catch (NatLabException e) {
            return "(no table: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        insideAgent.close();
        outsideAgent.close();
        nat.close();
        Stream.of(names.inside(), names.outside(), names.router()).forEach(Namespaces::delete);
        if (!failed) {
            deleteTree(dir);
        }
    }

    // ---- helpers ----

    private NatLabException lost(NatLabException e) {
        failed = true;
        return e;
    }

    private static ObjectNode args() {
        return StdioShim.JSON.createObjectNode();
    }

    private JsonNode call(StdioShim agent, String op, ObjectNode args, Duration waiting) {
        if (closed) {
            throw new NatLabException("the lab " + names.base() + " is closed");
        }
        try {
            return agent.call(op, args, waiting.plus(SLACK));
        } catch (StdioShim.ShimError e) {
            throw lost(new NatLabException(e.getMessage() + " (logs in " + dir + ")", e));
        } catch (NatLabException e) {
            failed = true;
            throw e;
        }
    }

    private boolean isInside(String address) {
        return topology.insideHosts().contains(address);
    }

    private boolean isOutside(String address) {
        return topology.serverAddresses().contains(address) || topology.otherOutsideHost().equals(address);
    }

    private boolean isExternal(NatEndpoint e) {
        return topology.externalAddresses().contains(e.address());
    }

    private StdioShim agentOf(NatEndpoint e) {
        return isInside(e.address()) ? insideAgent : outsideAgent;
    }

    /** Who receives what is sent to {@code to}: its host, or for the NAT's external address the inside. */
    private StdioShim receiverOf(NatEndpoint to) {
        return isExternal(to) ? insideAgent : agentOf(to);
    }

    private void requireSource(NatEndpoint e) {
        if (!(isInside(e.address()) || isOutside(e.address())) || e.port() == 0) {
            throw new IllegalArgumentException(e + " is no socket a host of this lab can bind");
        }
    }

    private void requireDestination(NatEndpoint e) {
        if (!(isInside(e.address()) || isOutside(e.address()) || isExternal(e)) || e.port() == 0) {
            throw new IllegalArgumentException(e + " is neither a host's endpoint nor the NAT's external address");
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // logs left behind are harmless
        }
    }
}
