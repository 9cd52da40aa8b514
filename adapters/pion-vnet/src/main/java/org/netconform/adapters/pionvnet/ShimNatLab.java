package org.netconform.adapters.pionvnet;

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
 * A {@link NatLab} whose NAT lives in a stdio shim: one shim process per lab, opened with {@code nat.open}
 * and ended with {@code nat.close} and {@code shutdown}. Endpoints are checked here against the topology
 * (a wrong one is the caller's {@link IllegalArgumentException}); anything the shim does wrong is a
 * {@link NatLabException}. Operations whose capability the shim did not declare in its hello throw
 * {@link UnsupportedOperationException}: a suite asks for them only after checking the capability.
 */
final class ShimNatLab implements NatLab {
    /** Beyond an operation's own waiting, how long the shim may take to answer it. */
    static final Duration SLACK = Duration.ofSeconds(5);

    private final StdioShim shim;
    private final NatTopology topology;
    private final Set<String> capabilities;
    private final Duration deliveryWait;

    private ShimNatLab(StdioShim shim, NatTopology topology, Set<String> capabilities, Duration deliveryWait) {
        this.shim = shim;
        this.topology = topology;
        this.capabilities = capabilities;
        this.deliveryWait = deliveryWait;
    }

    /**
     * Opens a lab in a started shim and checks that it is the lab the adapter promised: the same topology
     * and at least the declared capabilities. Closes the shim if anything is wrong.
     */
    static ShimNatLab open(StdioShim shim, NatTopology expected, Set<String> declared, NatLabOptions options,
                           Duration deliveryWait) {
        try {
            Set<String> offered = new HashSet<>();
            shim.hello().path("areas").path("nat").path("capabilities").forEach(c -> offered.add(c.asText()));
            if (!offered.containsAll(declared)) {
                throw new NatLabException("the shim offers capabilities " + offered + ", the adapter declares " + declared);
            }
            ObjectNode args = StdioShim.JSON.createObjectNode();
            options.udpIdleTimeout().ifPresent(d -> args.put("udpIdleTimeoutMs", d.toMillis()));
            options.tcpTransitoryTimeout().ifPresent(d -> args.put("tcpTransitoryTimeoutMs", d.toMillis()));
            options.tcpEstablishedTimeout().ifPresent(d -> args.put("tcpEstablishedTimeoutMs", d.toMillis()));
            JsonNode opened = call(shim, "nat.open", args, Duration.ZERO);
            NatTopology got = topologyOf(opened.path("topology"));
            if (!got.equals(expected)) {
                throw new NatLabException("the shim opened a lab with topology " + got + ", the adapter declares " + expected);
            }
            if (opened.path("virtualTime").asBoolean(false)) {
                throw new NatLabException("the shim's lab runs in virtual time; this adapter drives real time only");
            }
            return new ShimNatLab(shim, expected, offered, deliveryWait);
        } catch (RuntimeException e) {
            shim.close();
            throw e;
        }
    }

    private static NatTopology topologyOf(JsonNode t) {
        try {
            return new NatTopology(texts(t.path("insideHosts")), texts(t.path("serverAddresses")),
                    t.path("otherOutsideHost").asText(), texts(t.path("externalAddresses")));
        } catch (IllegalArgumentException e) {
            throw new NatLabException("the shim's topology is not a NAT topology: " + t + " (" + e.getMessage() + ")");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A call whose failure, whatever its kind, means the lab cannot answer: NatLabException. */
    private static JsonNode call(StdioShim shim, String op, ObjectNode args, Duration waiting) {
        try {
            return shim.call(op, args, waiting.plus(SLACK));
        } catch (StdioShim.ShimError e) {
            throw new NatLabException(e.getMessage(), e);
        }
    }

    /** The shim's process id, for tests that kill it. */
    long shimPid() {
        return shim.pid();
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
        ObjectNode args = StdioShim.JSON.createObjectNode().put("from", from.toString()).put("to", to.toString())
                .put("waitMs", deliveryWait.toMillis());
        JsonNode r = call(shim, "nat.udp", args, deliveryWait);
        if (!r.path("delivered").isBoolean()) {
            throw new NatLabException("nat.udp answered without 'delivered': " + r);
        }
        if (!r.get("delivered").asBoolean()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Delivery(NatEndpoint.parse(r.path("receivedAt").asText()),
                    NatEndpoint.parse(r.path("seenSource").asText())));
        } catch (IllegalArgumentException e) {
            throw new NatLabException("nat.udp answered with endpoints that do not parse: " + r, e);
        }
    }

    @Override
    public boolean udpToClosedPort(NatEndpoint from, NatEndpoint to) {
        requireCapability(NatAdapter.ICMP);
        requireSource(from);
        requireDestination(to);
        ObjectNode args = StdioShim.JSON.createObjectNode().put("from", from.toString()).put("to", to.toString())
                .put("waitMs", deliveryWait.toMillis());
        return call(shim, "nat.udpToClosedPort", args, deliveryWait).path("icmpReceived").asBoolean();
    }

    @Override
    public TcpOutcome tcpConnect(NatEndpoint from, NatEndpoint to) {
        requireCapability(NatAdapter.TCP);
        throw new UnsupportedOperationException("TCP over the stdio protocol is not specified yet (docs/nat-stdio-shim.md)");
    }

    @Override
    public void tcpListen(NatEndpoint at) {
        requireCapability(NatAdapter.TCP);
        throw new UnsupportedOperationException("TCP over the stdio protocol is not specified yet (docs/nat-stdio-shim.md)");
    }

    @Override
    public TcpOutcome tcpSimultaneousOpen(NatEndpoint inside, NatEndpoint outside, NatEndpoint insideMapping) {
        requireCapability(NatAdapter.TCP);
        throw new UnsupportedOperationException("TCP over the stdio protocol is not specified yet (docs/nat-stdio-shim.md)");
    }

    @Override
    public void tcpClose(NatEndpoint from, NatEndpoint to, boolean reset) {
        requireCapability(NatAdapter.TCP);
        throw new UnsupportedOperationException("TCP over the stdio protocol is not specified yet (docs/nat-stdio-shim.md)");
    }

    @Override
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + duration);
        }
        call(shim, "nat.advance", StdioShim.JSON.createObjectNode().put("ms", duration.toMillis()), duration);
    }

    @Override
    public String describeTable() {
        try {
            return call(shim, "nat.table", null, Duration.ZERO).path("text").asText();
        } catch (NatLabException e) {
            return "(no table: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (shim.alive()) {
                shim.call("nat.close", null, SLACK);
            }
        } catch (StdioShim.ShimError | NatLabException e) {
            // closing the shim below ends the lab with it
        } finally {
            shim.close();
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
