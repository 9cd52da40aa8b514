package org.netconform.reference.nat.network;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.netconform.reference.nat.Emission;
import org.netconform.reference.nat.Ipv4;
import org.netconform.reference.nat.NatConfig;
import org.netconform.reference.nat.NatEvent;
import org.netconform.reference.nat.NatOutput;
import org.netconform.reference.nat.Packet;
import org.netconform.reference.nat.Side;

/**
 * A small virtual network in virtual time: realms joined by NATs, hosts with sockets, one event queue.
 * A send is processed until the network is quiet, answers included, before it returns, and returns
 * what arrived where ({@link Transmission}). Everything is deterministic: one seed, FIFO delivery,
 * creation-ordered iteration; time moves only through {@link #advance(Duration)}.
 *
 * <pre>{@code
 * VirtualNetwork net = new VirtualNetwork(42);
 * NatDevice nat = net.addNat("nat", NatConfig.defaults(), net.internet(), "198.51.100.1");
 * Host alice = net.addHost("alice", nat.inside(), "198.51.100.10");
 * Host server = net.addHost("server", net.internet(), "203.0.113.100", "203.0.113.101");
 * UdpSocket s = alice.udp(5000);
 * server.udp(3478);
 * Transmission t = s.send(Endpoint.of("203.0.113.100", 3478), "hello");
 * }</pre>
 *
 * A NAT's outside may be another NAT's inside ({@code addNat(name, config, other.inside(), ...)}):
 * a double NAT. Every packet carries a hop limit, so a routing loop ends in a logged drop.
 * Not thread-safe.
 */
public final class VirtualNetwork {
    /** NAT traversals a packet may make before it is dropped (an IP TTL, counted in NATs). */
    static final int HOP_LIMIT = 32;

    private record Hop(Realm realm, Packet packet, int hopsLeft, boolean fromGateway) {
    }

    private final SplittableRandom seeds;
    private final Realm internet = new Realm("internet", null);
    private final List<NatDevice> nats = new ArrayList<>();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final EventLog log = new EventLog();
    private final Deque<Hop> queue = new ArrayDeque<>();
    private long now;
    private int batchDepth;
    private List<Arrival> arrivals = new ArrayList<>();
    private List<NetworkEvent> events = new ArrayList<>();

    /** @param seed seeds every NAT's random port choice, one derived seed per NAT in creation order */
    public VirtualNetwork(long seed) {
        this.seeds = new SplittableRandom(seed);
    }

    /** The public realm; it has no gateway. */
    public Realm internet() {
        return internet;
    }

    /** Virtual time in milliseconds since the network was made. */
    public long nowMillis() {
        return now;
    }

    public EventLog log() {
        return log;
    }

    public List<NatDevice> nats() {
        return List.copyOf(nats);
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    /**
     * Places a NAT with its outside in {@code outside}; its external addresses (from the config) are
     * used there. Its inside is a new realm, {@link NatDevice#inside()}, where it has {@code insideAddress}.
     */
    public NatDevice addNat(String name, NatConfig config, Realm outside, String insideAddress) {
        Objects.requireNonNull(outside, "outside");
        requireNewName(name);
        Ipv4.requireValid(insideAddress);
        NatDevice nat = new NatDevice(name, config, insideAddress, seeds.nextLong(), outside);
        outside.attach(nat);
        nats.add(nat);
        return nat;
    }

    /** Places a host in a realm; addresses must be unused there. */
    public Host addHost(String name, Realm realm, String... addresses) {
        Objects.requireNonNull(realm, "realm");
        requireNewName(name);
        if (addresses.length == 0) {
            throw new IllegalArgumentException("a host has at least one address");
        }
        Arrays.stream(addresses).forEach(Ipv4::requireValid);
        Host host = new Host(this, name, realm, List.of(addresses));
        realm.attach(host);
        hosts.put(name, host);
        return host;
    }

    /**
     * Runs {@code sends} with delivery held back, then delivers everything they sent in order: the
     * packets cross in flight, as in a TCP simultaneous open. Returns what they caused together.
     */
    public Transmission atOnce(Runnable sends) {
        batchDepth++;
        try {
            sends.run();
        } finally {
            batchDepth--;
        }
        return batchDepth == 0 ? drain() : Transmission.NOTHING;
    }

    /**
     * Lets virtual time pass. Every timer that runs out meanwhile fires at its exact moment (NATs are
     * ticked at each deadline in order), and whatever that sends (answers to held SYNs) is delivered then.
     */
    public Transmission advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        long target = now + duration.toMillis();
        long ticked = Long.MIN_VALUE;
        while (true) {
            long next = Long.MAX_VALUE;
            for (NatDevice n : nats) {
                OptionalLong d = n.nat().nextDeadline();
                if (d.isPresent()) {
                    next = Math.min(next, d.getAsLong());
                }
            }
            if (next > target) {
                break;
            }
            if (next <= ticked) {
                throw new IllegalStateException("a NAT deadline did not move past " + ticked);
            }
            ticked = Math.max(next, now);
            tickAll(ticked);
        }
        tickAll(target);
        return drain();
    }

    private void tickAll(long at) {
        now = at;
        for (NatDevice n : nats) {
            handle(n, n.nat().tick(now), HOP_LIMIT);
        }
        if (batchDepth == 0) {
            drainInto();
        }
    }

    /** Every NAT's table, for reports. */
    public String describeTables() {
        StringBuilder b = new StringBuilder();
        for (NatDevice n : nats) {
            b.append(n.describeTable());
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- delivery

    Transmission transmit(Realm realm, Packet packet, String origin) {
        record(new NetworkEvent(now, origin, "sent " + packet.describe()));
        queue.addLast(new Hop(realm, packet, HOP_LIMIT, false));
        return batchDepth == 0 ? drain() : Transmission.NOTHING;
    }

    private Transmission drain() {
        drainInto();
        Transmission t = new Transmission(arrivals, events);
        arrivals = new ArrayList<>();
        events = new ArrayList<>();
        return t;
    }

    private void drainInto() {
        while (!queue.isEmpty()) {
            route(queue.pollFirst());
        }
    }

    private void route(Hop hop) {
        Realm realm = hop.realm();
        Packet p = hop.packet();
        String destination = p.destinationAddress();
        Host host = realm.host(destination);
        if (host != null) {
            List<Packet> answers = host.receive(p, arrival -> {
                arrivals.add(arrival);
                record(new NetworkEvent(now, host.name(), (arrival.accepted() ? "received " : "nothing takes ")
                        + p.describe()));
            });
            for (Packet answer : answers) {
                record(new NetworkEvent(now, host.name(), "answered " + answer.describe()));
                queue.addLast(new Hop(realm, answer, HOP_LIMIT, false));
            }
            return;
        }
        if (hop.hopsLeft() <= 0) {
            record(new NetworkEvent(now, realm.name(), "dropped " + p.describe() + ": hop limit reached (loop?)"));
            return;
        }
        NatDevice nat = realm.natWithExternal(destination);
        if (nat != null) {
            handle(nat, nat.nat().inbound(p, now), hop.hopsLeft() - 1);
            return;
        }
        NatDevice gateway = realm.gateway();
        if (gateway != null && gateway.insideAddress().equals(destination)) {
            record(new NetworkEvent(now, gateway.name(), "dropped " + p.describe() + ": for the NAT's inside address"));
        } else if (gateway != null && !hop.fromGateway()) {
            handle(gateway, gateway.nat().outbound(p, now), hop.hopsLeft() - 1);
        } else {
            record(new NetworkEvent(now, realm.name(), "dropped " + p.describe() + ": no host " + destination
                    + " in " + realm.name()));
        }
    }

    private void handle(NatDevice nat, NatOutput out, int hopsLeft) {
        for (NatEvent e : out.events()) {
            record(new NetworkEvent(e.at(), nat.name(), e.kind().name().toLowerCase().replace('_', ' ') + ": "
                    + e.detail()));
        }
        for (Emission e : out.emissions()) {
            Realm to = e.side() == Side.INSIDE ? nat.inside() : nat.outside();
            queue.addLast(new Hop(to, e.packet(), hopsLeft, e.side() == Side.INSIDE));
        }
    }

    private void record(NetworkEvent e) {
        events.add(e);
        log.add(e);
    }

    private void requireNewName(String name) {
        if (hosts.containsKey(name) || nats.stream().anyMatch(n -> n.name().equals(name))) {
            throw new IllegalArgumentException("name already used: " + name);
        }
    }
}
