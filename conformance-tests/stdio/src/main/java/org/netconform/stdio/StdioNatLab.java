package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

/**
 * A {@link NatLab} whose NAT lives in a program of its own: one process per lab, started with
 * {@code hello}, opened with {@code nat.open}, ended with {@code nat.close} and {@code shutdown}.
 * Endpoints are checked here against the topology (a wrong one is the caller's
 * {@link IllegalArgumentException}); anything the program does wrong, and any error it answers, is a
 * {@link NatLabException} (ERROR, never a verdict on the NAT). Operations whose capability the program
 * did not declare in its hello throw {@link UnsupportedOperationException}: a suite asks for them only
 * after checking the capability.
 */
final class StdioNatLab implements NatLab {
    private final ShimProcess process;
    private final String name;
    private final NatTopology topology;
    private final Set<String> capabilities;
    private final Duration deliveryWait;
    /** Beyond an operation's own waiting, how long the program may take to answer it. */
    private final Duration slack;

    private StdioNatLab(ShimProcess process, String name, NatTopology topology, Set<String> capabilities,
                        Duration deliveryWait, Duration slack) {
        this.process = process;
        this.name = name;
        this.topology = topology;
        this.capabilities = capabilities;
        this.deliveryWait = deliveryWait;
        this.slack = slack;
    }

    /**
     * Starts a program for the lab and checks that it opened the lab the adapter promised: the declared
     * capabilities (the session's hello check), the same topology, real time. Closes it if anything is wrong.
     */
    static StdioNatLab open(Session session, StdioNatAdapter adapter, NatLabOptions options) {
        String name = session.spec().id();
        ShimProcess process;
        try {
            process = session.startOwn();
        } catch (StdioFault f) {
            throw new NatLabException(f.getMessage(), f);
        }
        try {
            JsonNode declared = process.hello().path("areas").path("nat");
            Set<String> offered = new HashSet<>();
            declared.path("capabilities").forEach(c -> offered.add(c.asText()));
            StdioNatLab lab = new StdioNatLab(process, name, adapter.topology(), offered,
                    adapter.deliveryWait(declared), session.spec().requestTimeout());
            ObjectNode args = Json.object();
            options.udpIdleTimeout().ifPresent(d -> args.put("udpIdleTimeoutMs", d.toMillis()));
            options.tcpTransitoryTimeout().ifPresent(d -> args.put("tcpTransitoryTimeoutMs", d.toMillis()));
            options.tcpEstablishedTimeout().ifPresent(d -> args.put("tcpEstablishedTimeoutMs", d.toMillis()));
            JsonNode opened = lab.call("nat.open", args, Duration.ZERO);
            NatTopology got = topologyOf(opened.path("topology"));
            if (!got.equals(lab.topology)) {
                throw new NatLabException(name + ": the program opened a lab with topology " + got
                        + ", the adapter declares " + lab.topology);
            }
            if (opened.path("virtualTime").asBoolean(false)) {
                throw new NatLabException(name + ": the program's lab runs in virtual time; this adapter drives real time only");
            }
            return lab;
        } catch (RuntimeException e) {
            process.close();
            Session.deleteIfEmpty(process.log());
            throw e;
        }
    }

    private static NatTopology topologyOf(JsonNode t) {
        try {
            return new NatTopology(texts(t.path("insideHosts")), texts(t.path("serverAddresses")),
                    t.path("otherOutsideHost").asText(), texts(t.path("externalAddresses")));
        } catch (IllegalArgumentException e) {
            throw new NatLabException("the program's topology is not a NAT topology: " + t + " (" + e.getMessage() + ")");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A call whose failure, whatever its kind, means the lab cannot answer: NatLabException. */
    private JsonNode call(String op, ObjectNode args, Duration waiting) {
        String broken = process.broken();
        if (broken != null) {
            throw new NatLabException(name + ": unusable since " + broken);
        }
        try {
            return process.call(op, args, waiting.plus(slack));
        } catch (StdioRefusal r) {
            // the lab is the harness's instrument: even the NAT's own refusal leaves no verdict to draw
            throw new NatLabException(name + ": " + op + " failed: " + r.getMessage(), r);
        } catch (StdioFault f) {
            throw new NatLabException(f.getMessage(), f);
        }
    }

    /** The program's process id, for tests that kill it. */
    long pid() {
        return process.pid();
    }

    @Override
    public NatTopology topology() {
        return topology;
    }

    @Override
    public boolean virtualTime() {
        return false;
    }

    @Override
    public Optional<Delivery> udp(NatEndpoint from, NatEndpoint to) {
        requireSource(from);
        requireDestination(to);
        JsonNode r = call("nat.udp", sending(from, to), deliveryWait);
        if (!r.path("delivered").isBoolean()) {
            throw new NatLabException(name + ": nat.udp answered without 'delivered': " + Json.excerpt(r.toString()));
        }
        if (!r.get("delivered").asBoolean()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Delivery(NatEndpoint.parse(r.path("receivedAt").asText()),
                    NatEndpoint.parse(r.path("seenSource").asText())));
        } catch (IllegalArgumentException e) {
            throw new NatLabException(name + ": nat.udp answered with endpoints that do not parse: "
                    + Json.excerpt(r.toString()), e);
        }
    }

    @Override
    public boolean udpToClosedPort(NatEndpoint from, NatEndpoint to) {
        requireCapability(NatAdapter.ICMP);
        requireSource(from);
        requireDestination(to);
        return call("nat.udpToClosedPort", sending(from, to), deliveryWait).path("icmpReceived").asBoolean();
    }

    private ObjectNode sending(NatEndpoint from, NatEndpoint to) {
        return Json.object().put("from", from.toString()).put("to", to.toString()).put("waitMs", deliveryWait.toMillis());
    }

    @Override
    public TcpOutcome tcpConnect(NatEndpoint from, NatEndpoint to) {
        throw tcpUnsupported();
    }

    @Override
    public void tcpListen(NatEndpoint at) {
        throw tcpUnsupported();
    }

    @Override
    public TcpOutcome tcpSimultaneousOpen(NatEndpoint inside, NatEndpoint outside, NatEndpoint insideMapping) {
        throw tcpUnsupported();
    }

    @Override
    public void tcpClose(NatEndpoint from, NatEndpoint to, boolean reset) {
        throw tcpUnsupported();
    }

    /** Version 1 reserves the TCP operations; a program that declares tcp anyway gets no calls for it. */
    private UnsupportedOperationException tcpUnsupported() {
        requireCapability(NatAdapter.TCP);
        return new UnsupportedOperationException("TCP over the stdio protocol is not specified yet (docs/stdio-protocol.md)");
    }

    @Override
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + duration);
        }
        call("nat.advance", Json.object().put("ms", duration.toMillis()), duration);
    }

    @Override
    public String describeTable() {
        try {
            return call("nat.table", null, Duration.ZERO).path("text").asText();
        } catch (NatLabException e) {
            return "(no table: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (process.alive()) {
                process.call("nat.close", null, slack);
            }
        } catch (RuntimeException e) {
            // shutting the program down below ends the lab with it
        } finally {
            process.close();
            Session.deleteIfEmpty(process.log());
        }
    }

    private void requireCapability(String capability) {
        if (!capabilities.contains(capability)) {
            throw new UnsupportedOperationException("this NAT lab does not offer " + capability);
        }
    }

    /** A datagram leaves from a socket on a host: an inside or outside host's address, never the NAT's. */
    private void requireSource(NatEndpoint from) {
        if (!isHost(from.address()) || from.port() == 0) {
            throw new IllegalArgumentException(from + " is no socket a host of this lab can bind (hosts: "
                    + topology.insideHosts() + ", " + topology.serverAddresses() + ", " + topology.otherOutsideHost() + ")");
        }
    }

    private void requireDestination(NatEndpoint to) {
        if ((!isHost(to.address()) && !topology.externalAddresses().contains(to.address())) || to.port() == 0) {
            throw new IllegalArgumentException(to + " is neither a host's endpoint nor the NAT's external address");
        }
    }

    private boolean isHost(String address) {
        return topology.insideHosts().contains(address) || topology.serverAddresses().contains(address)
                || topology.otherOutsideHost().equals(address);
    }
}
