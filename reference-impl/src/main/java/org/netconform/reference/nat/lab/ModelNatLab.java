package org.netconform.reference.nat.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netconform.reference.nat.Endpoint;
import org.netconform.reference.nat.IcmpType;
import org.netconform.reference.nat.NatConfig;
import org.netconform.reference.nat.Payload;
import org.netconform.reference.nat.TcpSegment;
import org.netconform.reference.nat.UdpDatagram;
import org.netconform.reference.nat.network.Arrival;
import org.netconform.reference.nat.network.Host;
import org.netconform.reference.nat.network.NatDevice;
import org.netconform.reference.nat.network.TcpConnection;
import org.netconform.reference.nat.network.TcpState;
import org.netconform.reference.nat.network.Transmission;
import org.netconform.reference.nat.network.UdpSocket;
import org.netconform.reference.nat.network.VirtualNetwork;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

/**
 * A {@link NatLab} over the reference model: one {@link NatDevice} of any {@link NatConfig} in a
 * {@link VirtualNetwork}, with the standard topology's hosts (three inside, the two-address server and
 * another host outside) and the config's external addresses. Time is virtual and delivery immediate,
 * so "nothing arrived" means nothing arrived at all.
 *
 * <p>The suite's model comparison and self-tests build labs directly:
 * <pre>{@code
 * NatLab lab = ModelNatLab.of(NatPreset.SYMMETRIC.config(), NatLabOptions.defaults());
 * NatLab classified = ModelNatLab.of(NatConfig.classified(MappingBehavior.EIM, FilteringBehavior.APDF,
 *         true, Hairpinning.OFF), NatLabOptions.defaults());
 * }</pre>
 */
public final class ModelNatLab implements NatLab {
    /** The seed of every lab unless one is given: labs with the same config and operations behave alike. */
    public static final long DEFAULT_SEED = 4787;
    /** The NAT's address on the private side. */
    public static final String INSIDE_GATEWAY = "198.51.100.1";

    private final NatConfig config;
    private final NatTopology topology;
    private final VirtualNetwork network;
    private final NatDevice nat;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, TcpConnection> connections = new LinkedHashMap<>();
    private long sends;
    private boolean closed;

    private ModelNatLab(NatConfig config, long seed) {
        this.config = config;
        this.topology = topologyFor(config);
        this.network = new VirtualNetwork(seed);
        this.nat = network.addNat("nat", config, network.internet(), INSIDE_GATEWAY);
        List<String> inside = topology.insideHosts();
        for (int i = 0; i < inside.size(); i++) {
            hosts.put(inside.get(i), network.addHost("inside-" + (i + 1), nat.inside(), inside.get(i)));
        }
        Host server = network.addHost("server", network.internet(), topology.primaryServer(),
                topology.alternateServer());
        hosts.put(topology.primaryServer(), server);
        hosts.put(topology.alternateServer(), server);
        hosts.put(topology.otherOutsideHost(), network.addHost("other", network.internet(), topology.otherOutsideHost()));
    }

    /** A lab whose NAT has {@code config} with the timer overrides of {@code options} applied. */
    public static ModelNatLab of(NatConfig config, NatLabOptions options) {
        return of(config, options, DEFAULT_SEED);
    }

    public static ModelNatLab of(NatConfig config, NatLabOptions options, long seed) {
        return new ModelNatLab(withOptions(config, options), seed);
    }

    /**
     * The config with the options' timers: the UDP idle timeout becomes the mapping timer (for a
     * conntrack-style config, both of its timers); the transitory one the opening, closing and after-RST
     * timers; the established one the established timer.
     */
    public static NatConfig withOptions(NatConfig config, NatLabOptions options) {
        NatConfig.Builder b = config.toBuilder();
        options.udpIdleTimeout().ifPresent(d -> {
            if (config.perSessionUdpTimers()) {
                b.udpConntrackTimers(d, d, config.udpStreamAfter());
            } else {
                b.udpTimeout(d);
            }
        });
        options.tcpTransitoryTimeout().ifPresent(b::tcpTransitoryTimeout);
        options.tcpEstablishedTimeout().ifPresent(b::tcpEstablishedTimeout);
        return b.build();
    }

    /** The standard topology with the config's external addresses. */
    public static NatTopology topologyFor(NatConfig config) {
        NatTopology standard = NatTopology.standard();
        return new NatTopology(standard.insideHosts(), standard.serverAddresses(), standard.otherOutsideHost(),
                config.externalAddresses());
    }

    /** The config in force, overrides applied. */
    public NatConfig config() {
        return config;
    }

    /** The virtual network, for traversal work and reports. */
    public VirtualNetwork network() {
        return network;
    }

    public NatDevice nat() {
        return nat;
    }

    /** Everything sent, translated and dropped so far, one event per line. */
    public String eventLog() {
        return network.log().render();
    }

    @Override
    public NatTopology topology() {
        return topology;
    }

    @Override
    public boolean virtualTime() {
        return true;
    }

    @Override
    public Optional<Delivery> udp(NatEndpoint from, NatEndpoint to) {
        UdpSocket socket = udpSocket(from);
        Endpoint destination = destination(to);
        hostOf(destination).ifPresent(h -> h.udpSocketAt(destination).orElseGet(() -> h.udp(destination)));
        Payload nonce = Payload.of("netconform-" + (++sends));
        Transmission t = socket.send(destination, nonce);
        return t.datagramWith(nonce).map(a -> new Delivery(spi(a.at()), spi(((UdpDatagram) a.packet()).source())));
    }

    @Override
    public boolean udpToClosedPort(NatEndpoint from, NatEndpoint to) {
        UdpSocket socket = udpSocket(from);
        Endpoint destination = destination(to);
        Host outside = hostOf(destination).filter(h -> !isInside(h))
                .orElseThrow(() -> new IllegalArgumentException(to + " is not an outside host's endpoint"));
        if (outside.udpSocketAt(destination).isPresent()) {
            throw new IllegalArgumentException("a socket is open at " + to);
        }
        Transmission t = socket.send(destination, Payload.of("netconform-" + (++sends)));
        return t.icmpErrorsAt(socket.local()).stream().anyMatch(e -> e.type() == IcmpType.PORT_UNREACHABLE
                && e.quoted().destination().equals(destination));
    }

    @Override
    public void tcpListen(NatEndpoint at) {
        Endpoint local = endpoint(at);
        Host h = hostOf(local).orElseThrow(() -> new IllegalArgumentException(at + " is no host's endpoint"));
        if (h.listenerAt(local).isEmpty()) {
            h.listen(local);
        }
    }

    @Override
    public TcpOutcome tcpConnect(NatEndpoint from, NatEndpoint to) {
        Endpoint local = endpoint(from);
        Endpoint remote = destination(to);
        Host h = sourceHost(local);
        hostOf(remote).ifPresent(listening -> {
            if (listening.listenerAt(remote).isEmpty()) {
                listening.listen(remote);
            }
        });
        TcpConnection c = freshConnection(h, local, remote);
        Transmission t = c.connect();
        return outcome(c, t, a -> true);
    }

    @Override
    public TcpOutcome tcpSimultaneousOpen(NatEndpoint inside, NatEndpoint outside, NatEndpoint insideMapping) {
        Endpoint in = endpoint(inside);
        Endpoint out = endpoint(outside);
        Endpoint mapped = destination(insideMapping);
        Host insideHost = sourceHost(in);
        Host outsideHost = sourceHost(out);
        if (!isInside(insideHost) || isInside(outsideHost)) {
            throw new IllegalArgumentException("a simultaneous open goes from an inside endpoint to an outside one");
        }
        TcpConnection ci = freshConnection(insideHost, in, out);
        TcpConnection co = freshConnection(outsideHost, out, mapped);
        // Both SYNs leave before either arrives: the inside one first, so it makes the mapping the
        // outside one is aimed at, and the outside one meets a NAT with a connection in progress.
        Transmission t = network.atOnce(() -> {
            ci.connect();
            co.connect();
        });
        return outcome(ci, t, a -> a.at().equals(out));
    }

    @Override
    public void tcpClose(NatEndpoint from, NatEndpoint to, boolean reset) {
        TcpConnection c = connections.get(key(endpoint(from), destination(to)));
        if (c == null) {
            throw new IllegalArgumentException("no connection was made from " + from + " to " + to);
        }
        if (reset) {
            c.reset();
        } else {
            c.close();
        }
    }

    @Override
    public void advance(Duration duration) {
        network.advance(duration);
    }

    @Override
    public String describeTable() {
        return nat.describeTable();
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- helpers

    private TcpConnection freshConnection(Host h, Endpoint local, Endpoint remote) {
        h.connection(local, remote).ifPresent(old -> {
            if (old.state() == TcpState.ESTABLISHED) {
                throw new IllegalStateException("already connected: " + local + " - " + remote);
            }
            old.close(); // an attempt that got no answer: abandoned without a packet, as a new connect() would
        });
        TcpConnection c = h.tcp(local, remote);
        connections.put(key(local, remote), c);
        return c;
    }

    /**
     * The connecting side's view: established (with the SYN's arrival at a listener or at the other end
     * of a simultaneous open), reset, unreachable, or no answer.
     */
    private static TcpOutcome outcome(TcpConnection c, Transmission t, java.util.function.Predicate<Arrival> where) {
        return switch (c.state()) {
            case ESTABLISHED, FIN_WAIT, LAST_ACK, FINISHED -> {
                List<Arrival> syns = new ArrayList<>();
                for (Arrival a : t.arrivals()) {
                    if (a.accepted() && a.packet() instanceof TcpSegment s && s.isInitialSyn() && where.test(a)
                            && !a.at().equals(c.local())) {
                        syns.add(a);
                    }
                }
                Arrival syn = syns.isEmpty() ? null : syns.get(0);
                NatEndpoint receivedAt = syn != null ? spi(syn.at()) : spi(c.remote());
                NatEndpoint seen = syn != null ? spi(((TcpSegment) syn.packet()).source()) : spi(c.local());
                yield TcpOutcome.established(new Delivery(receivedAt, seen));
            }
            case RESET -> TcpOutcome.of(TcpOutcome.Kind.RESET);
            case UNREACHABLE -> TcpOutcome.of(TcpOutcome.Kind.ICMP_UNREACHABLE);
            default -> TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER);
        };
    }

    private UdpSocket udpSocket(NatEndpoint from) {
        Endpoint local = endpoint(from);
        Host h = sourceHost(local);
        return h.udpSocketAt(local).orElseGet(() -> h.udp(local));
    }

    private Host sourceHost(Endpoint local) {
        return hostOf(local).orElseThrow(() -> new IllegalArgumentException(local
                + " is not an endpoint of an inside or outside host of this lab"));
    }

    /** A destination: a host's endpoint or one of the NAT's external endpoints. */
    private Endpoint destination(NatEndpoint to) {
        Endpoint e = endpoint(to);
        if (hostOf(e).isEmpty() && !config.externalAddresses().contains(e.address())) {
            throw new IllegalArgumentException(to + " is neither a host's endpoint nor the NAT's");
        }
        return e;
    }

    private Optional<Host> hostOf(Endpoint e) {
        return Optional.ofNullable(hosts.get(e.address()));
    }

    private boolean isInside(Host h) {
        return topology.insideHosts().contains(h.address());
    }

    private static String key(Endpoint from, Endpoint to) {
        return from + " " + to;
    }

    private static Endpoint endpoint(NatEndpoint e) {
        return new Endpoint(e.address(), e.port());
    }

    private static NatEndpoint spi(Endpoint e) {
        return new NatEndpoint(e.address(), e.port());
    }
}
