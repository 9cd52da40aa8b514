package org.netconform.reference.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A tiny in-process network in virtual time for the reference's own tests: client sockets inside
 * (198.51.100.0/24), servers hosted as {@link StunDatagramHandler}s outside (203.0.113.0/24), and
 * optionally a NAT between them with a chosen mapping and filtering behaviour, a mapping timer and
 * hairpinning. Every datagram takes {@link #LATENCY_MS}. {@link #receive} advances the clock to the
 * next delivery, so a 40-second retransmission schedule costs nothing. Not the NAT model of the NAT
 * area; just enough to drive discovery through every behaviour.
 */
final class VirtualStunNetwork implements StunTransport {
    static final int LATENCY_MS = 5;
    static final InetAddress INSIDE = ip("198.51.100.10");
    static final InetAddress EXTERNAL = ip("203.0.113.1");
    static final InetAddress S1 = ip("203.0.113.100");
    static final InetAddress S2 = ip("203.0.113.101");

    /** The NAT between inside and outside. */
    record Nat(MappingBehavior mapping, FilteringBehavior filtering, long timeoutMillis, boolean hairpinning) {
    }

    private record InFlight(long at, long seq, Datagram datagram) {
    }

    private final class VSocket implements StunSocket {
        final InetSocketAddress local;
        final ArrayDeque<Datagram> queue = new ArrayDeque<>();

        VSocket(InetSocketAddress local) {
            this.local = local;
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public void send(InetSocketAddress to, byte[] datagram) {
            sent.add(new Datagram(local, to, datagram));
            enqueue(new Datagram(local, to, datagram));
        }

        @Override
        public void close() {
            sockets.remove(local);
        }
    }

    private final class Mapping {
        final int externalPort;
        final InetSocketAddress internal;
        final Set<InetAddress> contactedAddresses = new HashSet<>();
        final Set<InetSocketAddress> contacted = new HashSet<>();
        long refreshedAt;

        Mapping(int externalPort, InetSocketAddress internal) {
            this.externalPort = externalPort;
            this.internal = internal;
        }

        boolean alive() {
            return nat.timeoutMillis() <= 0 || now - refreshedAt <= nat.timeoutMillis();
        }
    }

    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final Map<InetSocketAddress, VSocket> sockets = new LinkedHashMap<>();
    private final Map<InetSocketAddress, StunDatagramHandler> hosts = new HashMap<>();
    private final Map<Object, Mapping> mappings = new HashMap<>();
    private final List<Datagram> sent = new ArrayList<>();
    private final Nat nat;
    private long now;
    private long seq;
    private int nextPort = 40000;
    private int nextExternal = 50000;

    VirtualStunNetwork(Nat nat) {
        this.nat = nat;
    }

    /** Hosts a server core on its endpoints. */
    VirtualStunNetwork host(ServerAddresses addresses, StunDatagramHandler handler) {
        for (InetSocketAddress e : addresses.endpoints()) {
            hosts.put(e, handler);
        }
        return this;
    }

    static ServerAddresses twoAddresses() {
        return ServerAddresses.pair(new InetSocketAddress(S1, 3478), new InetSocketAddress(S2, 3479));
    }

    /** Everything inside sockets sent, in order. */
    List<Datagram> sent() {
        return sent;
    }

    @Override
    public StunSocket open(InetSocketAddress local) {
        int port = local.getPort() == 0 ? nextPort++ : local.getPort();
        VSocket s = new VSocket(new InetSocketAddress(local.getAddress(), port));
        sockets.put(s.local, s);
        return s;
    }

    @Override
    public Optional<Received> receive(Collection<? extends StunSocket> wanted, Duration timeout) {
        long deadline = now + timeout.toMillis();
        while (true) {
            for (StunSocket s : wanted) {
                Datagram d = ((VSocket) s).queue.poll();
                if (d != null) {
                    return Optional.of(new Received(s, d));
                }
            }
            InFlight next = inFlight.peek();
            if (next == null || next.at > deadline) {
                now = Math.max(now, deadline);
                return Optional.empty();
            }
            inFlight.poll();
            now = next.at;
            route(next.datagram);
        }
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public void close() {
        sockets.clear();
    }

    private void enqueue(Datagram d) {
        inFlight.add(new InFlight(now + LATENCY_MS, seq++, d));
    }

    private void route(Datagram d) {
        InetAddress src = d.source().getAddress();
        InetAddress dst = d.destination().getAddress();
        if (nat != null && src.equals(INSIDE) && !dst.equals(INSIDE)) {
            Mapping m = outbound(d);
            Datagram translated = new Datagram(new InetSocketAddress(EXTERNAL, m.externalPort), d.destination(), d.data());
            if (dst.equals(EXTERNAL)) {
                if (nat.hairpinning()) {
                    inbound(translated, true);
                }
                return;
            }
            deliverOutside(translated);
            return;
        }
        if (nat != null && dst.equals(EXTERNAL)) {
            inbound(d, false);
            return;
        }
        VSocket s = sockets.get(d.destination());
        if (s != null) {
            s.queue.add(d);
        } else if (hosts.containsKey(d.destination())) {
            deliverOutside(d);
        }
    }

    private void deliverOutside(Datagram d) {
        StunDatagramHandler h = hosts.get(d.destination());
        if (h != null) {
            for (Datagram reply : h.handle(d)) {
                enqueue(reply);
            }
        }
    }

    private Mapping outbound(Datagram d) {
        Object key = switch (nat.mapping()) {
            case ENDPOINT_INDEPENDENT -> List.of(d.source());
            case ADDRESS_DEPENDENT -> List.of(d.source(), d.destination().getAddress());
            case ADDRESS_AND_PORT_DEPENDENT -> List.of(d.source(), d.destination());
        };
        Mapping m = mappings.get(key);
        if (m == null || !m.alive()) {
            m = new Mapping(nextExternal++, d.source());
            mappings.put(key, m);
        }
        m.refreshedAt = now;
        m.contacted.add(d.destination());
        m.contactedAddresses.add(d.destination().getAddress());
        return m;
    }

    private void inbound(Datagram d, boolean hairpinned) {
        int port = d.destination().getPort();
        for (Mapping m : mappings.values()) {
            if (m.externalPort != port || !m.alive()) {
                continue;
            }
            boolean admitted = hairpinned || switch (nat.filtering()) {
                case ENDPOINT_INDEPENDENT -> true;
                case ADDRESS_DEPENDENT -> m.contactedAddresses.contains(d.source().getAddress());
                case ADDRESS_AND_PORT_DEPENDENT -> m.contacted.contains(d.source());
            };
            VSocket s = sockets.get(m.internal);
            if (admitted && s != null) {
                s.queue.add(new Datagram(d.source(), m.internal, d.data()));
            }
            return;
        }
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
