package org.netconform.reference.udp;

import org.netconform.spi.udp.UdpStack;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpOutcome;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reference model of one host's UDP stack over loopback: deterministic, single-threaded, no I/O.
 * A send delivers (or provokes an ICMP port unreachable) before it returns, so a receive right after
 * it sees the result; a real stack needs a short wait for the same observation.
 *
 * <p>Semantics follow the Linux kernel (see {@code package-info.java} for each choice and why):
 * the peer filter applies when a datagram arrives, so datagrams queued before a connect stay queued;
 * ICMP errors reach only connected sockets, once; a disconnect unhashes a port that was not bound
 * explicitly; SO_REUSEPORT groups pick a member by a hash of the 4-tuple; connected sockets are
 * preferred over unconnected ones when a datagram is matched to a socket.
 *
 * <p>Not thread-safe: a model is driven by one test thread.
 */
public final class UdpHost implements UdpStack {

    /** The largest UDP payload in an IPv4 datagram: 65535 - 20 (IP header) - 8 (UDP header). */
    public static final int MAX_PAYLOAD = 65_507;

    /**
     * Settings of a host.
     *
     * @param seed                 seeds the first ephemeral port and the SO_REUSEPORT hash
     * @param firstEphemeralPort   low end of the ephemeral range (Linux default 32768)
     * @param lastEphemeralPort    high end, inclusive (Linux default 60999)
     * @param receiveQueueCapacity datagrams a socket queues before it drops new ones
     */
    public record Settings(long seed, int firstEphemeralPort, int lastEphemeralPort, int receiveQueueCapacity) {
        public Settings {
            if (firstEphemeralPort < 1 || lastEphemeralPort > 0xFFFF || firstEphemeralPort > lastEphemeralPort) {
                throw new IllegalArgumentException("bad ephemeral range " + firstEphemeralPort + ".." + lastEphemeralPort);
            }
            if (receiveQueueCapacity < 1) {
                throw new IllegalArgumentException("receive queue capacity must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings(0L, 32768, 60999, 256);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(newSeed, firstEphemeralPort, lastEphemeralPort, receiveQueueCapacity);
        }

        public Settings withEphemeralRange(int first, int last) {
            return new Settings(seed, first, last, receiveQueueCapacity);
        }

        public Settings withReceiveQueueCapacity(int capacity) {
            return new Settings(seed, firstEphemeralPort, lastEphemeralPort, capacity);
        }
    }

    private final Settings settings;
    private final List<ModelSocket> sockets = new ArrayList<>();
    private final List<PortAssignment> assignments = new ArrayList<>();
    private int nextEphemeral;
    private long bindCounter;
    private int icmpCount;
    private int droppedCount;

    public UdpHost() {
        this(Settings.defaults());
    }

    public UdpHost(long seed) {
        this(Settings.defaults().withSeed(seed));
    }

    public UdpHost(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        int range = settings.lastEphemeralPort() - settings.firstEphemeralPort() + 1;
        this.nextEphemeral = settings.firstEphemeralPort() + (int) Math.floorMod(mix(settings.seed()), (long) range);
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public ModelSocket open() {
        ModelSocket s = new ModelSocket("s" + (sockets.size() + 1));
        sockets.add(s);
        return s;
    }

    @Override
    public ModelSocket open(Set<UdpOption> options) {
        return (ModelSocket) UdpStack.super.open(options);
    }

    @Override
    public Set<UdpOption> supportedOptions() {
        return Collections.unmodifiableSet(EnumSet.allOf(UdpOption.class));
    }

    /** Every socket opened on this host, in order, closed ones included. */
    public List<ModelSocket> sockets() {
        return Collections.unmodifiableList(sockets);
    }

    /** Every port assignment so far, in order. */
    public List<PortAssignment> portAssignments() {
        return Collections.unmodifiableList(assignments);
    }

    /** The latest assignment of a port number, if any: the port's role. */
    public Optional<PortAssignment> assignmentOf(int port) {
        for (int i = assignments.size() - 1; i >= 0; i--) {
            if (assignments.get(i).port() == port) {
                return Optional.of(assignments.get(i));
            }
        }
        return Optional.empty();
    }

    /** ICMP port unreachable messages the host generated so far. */
    public int icmpPortUnreachableCount() {
        return icmpCount;
    }

    /** Datagrams dropped because a receive queue was full. */
    public int droppedForFullQueueCount() {
        return droppedCount;
    }

    // ---------------------------------------------------------------- routing

    /** The source address routing picks for a destination: on loopback, always 127.0.0.1. */
    static int routeSource(UdpAddress destination) {
        return UdpAddress.LOOPBACK_IP;
    }

    /**
     * The socket a datagram from {@code src} to {@code dst} is delivered to, as the kernel's
     * {@code __udp4_lib_lookup} chooses it: the best-scoring match, where a specific local address and
     * a connected peer each score; ties among unconnected SO_REUSEPORT members are broken by a
     * deterministic 4-tuple hash, other ties by the most recent bind.
     */
    ModelSocket lookup(UdpAddress src, UdpAddress dst) {
        int best = -1;
        List<ModelSocket> top = new ArrayList<>();
        for (ModelSocket s : sockets) {
            if (s.port == 0 || s.state == SocketState.CLOSED || s.port != dst.port()) {
                continue;
            }
            if (s.ip != UdpAddress.WILDCARD_IP && s.ip != dst.ip()) {
                continue;
            }
            if (s.state == SocketState.CONNECTED && !s.remote.equals(src)) {
                continue;
            }
            int score = (s.ip != UdpAddress.WILDCARD_IP ? 4 : 0) + (s.state == SocketState.CONNECTED ? 8 : 0);
            if (score > best) {
                best = score;
                top.clear();
            }
            if (score == best) {
                top.add(s);
            }
        }
        if (top.isEmpty()) {
            return null;
        }
        if (top.size() == 1) {
            return top.get(0);
        }
        boolean group = top.stream().allMatch(s -> s.reusePortAtBind && s.state != SocketState.CONNECTED);
        if (group) {
            top.sort((a, b) -> Long.compare(a.bindOrder, b.bindOrder));
            long h = reusePortHash(src, dst);
            return top.get((int) Math.floorMod(h, (long) top.size()));
        }
        ModelSocket latest = top.get(0);
        for (ModelSocket s : top) {
            if (s.bindOrder > latest.bindOrder) {
                latest = s;
            }
        }
        return latest;
    }

    /** The deterministic hash that picks a member of an SO_REUSEPORT group for a 4-tuple. */
    long reusePortHash(UdpAddress src, UdpAddress dst) {
        long h = settings.seed();
        h = mix(h ^ (((long) src.ip() << 16) | src.port()));
        h = mix(h ^ (((long) dst.ip() << 16) | dst.port()));
        return h;
    }

    private void transmit(UdpAddress src, UdpAddress dst, byte[] payload) {
        ModelSocket target = lookup(src, dst);
        if (target == null) {
            icmpPortUnreachable(src, dst);
            return;
        }
        if (target.queue.size() >= settings.receiveQueueCapacity()) {
            droppedCount++;
            return;
        }
        target.queue.addLast(new Datagram(src, payload));
    }

    /**
     * The host answers a datagram from {@code src} to a port with no socket. The error is matched to
     * the socket that would receive a datagram from {@code dst} to {@code src} (the kernel's
     * {@code __udp4_lib_err}) and becomes its pending error only if that socket is connected: without
     * IP_RECVERR, Linux does not pass port unreachable to unconnected sockets.
     */
    private void icmpPortUnreachable(UdpAddress src, UdpAddress dst) {
        icmpCount++;
        ModelSocket origin = lookup(dst, src);
        if (origin != null && origin.state == SocketState.CONNECTED) {
            origin.pendingError = UdpOutcome.PORT_UNREACHABLE;
        }
    }

    // ---------------------------------------------------------------- ports

    private boolean conflicts(ModelSocket binder, int ip, int port) {
        for (ModelSocket s : sockets) {
            if (s == binder || s.port != port || s.state == SocketState.CLOSED) {
                continue;
            }
            boolean overlap = s.ip == UdpAddress.WILDCARD_IP || ip == UdpAddress.WILDCARD_IP || s.ip == ip;
            if (!overlap) {
                continue;
            }
            boolean bothReuseAddr = s.reuseAddrAtBind && binder.reuseAddress;
            boolean bothReusePort = s.reusePortAtBind && binder.reusePort;
            if (!bothReuseAddr && !bothReusePort) {
                return true;
            }
        }
        return false;
    }

    private boolean portInUse(int port) {
        for (ModelSocket s : sockets) {
            if (s.port == port && s.state != SocketState.CLOSED) {
                return true;
            }
        }
        return false;
    }

    /** The next free ephemeral port from the seeded counter, or 0 when the range is exhausted. */
    private int allocateEphemeral() {
        int first = settings.firstEphemeralPort();
        int range = settings.lastEphemeralPort() - first + 1;
        for (int i = 0; i < range; i++) {
            int candidate = first + Math.floorMod(nextEphemeral - first + i, range);
            if (!portInUse(candidate)) {
                nextEphemeral = first + Math.floorMod(candidate - first + 1, range);
                return candidate;
            }
        }
        return 0;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---------------------------------------------------------------- sockets

    /** A socket of the model. Besides {@link UdpEndpoint}, it exposes its state for oracles and tests. */
    public final class ModelSocket implements UdpEndpoint {
        private final String id;
        private SocketState state = SocketState.UNBOUND;
        private int ip = UdpAddress.WILDCARD_IP;
        private int port;
        private boolean ipLocked;
        private boolean portLocked;
        private UdpAddress remote;
        private boolean reuseAddress;
        private boolean reusePort;
        private boolean reuseAddrAtBind;
        private boolean reusePortAtBind;
        private long bindOrder;
        private PortAssignment assignment;
        private UdpOutcome pendingError;
        private final ArrayDeque<Datagram> queue = new ArrayDeque<>();

        private ModelSocket(String id) {
            this.id = id;
        }

        /** The socket's id on its host: {@code s1}, {@code s2}, ... in the order opened. */
        public String id() {
            return id;
        }

        public SocketState state() {
            return state;
        }

        /** How the socket got its current port; empty while it has none. */
        public Optional<PortAssignment> portAssignment() {
            return Optional.ofNullable(assignment);
        }

        /** The pending asynchronous error, without clearing it (a test's peek; no API call reads it). */
        public Optional<UdpOutcome> pendingError() {
            return Optional.ofNullable(pendingError);
        }

        /** Datagrams waiting in the receive queue. */
        public int queuedCount() {
            return queue.size();
        }

        public boolean option(UdpOption option) {
            return option == UdpOption.REUSE_ADDRESS ? reuseAddress : reusePort;
        }

        @Override
        public UdpResult<Void> setOption(UdpOption option, boolean value) {
            Objects.requireNonNull(option, "option");
            if (state == SocketState.CLOSED) {
                return UdpResult.error(UdpOutcome.CLOSED);
            }
            if (port != 0) {
                // Simplification: Linux accepts the change but it does not affect the existing bind's group.
                return UdpResult.error(UdpOutcome.INVALID);
            }
            if (option == UdpOption.REUSE_ADDRESS) {
                reuseAddress = value;
            } else {
                reusePort = value;
            }
            return UdpResult.ok();
        }

        @Override
        public UdpResult<Void> bind(UdpAddress local) {
            Objects.requireNonNull(local, "local");
            if (state == SocketState.CLOSED) {
                return UdpResult.error(UdpOutcome.CLOSED);
            }
            if (port != 0) {
                return UdpResult.error(UdpOutcome.INVALID);
            }
            if (!local.isWildcard() && !local.isLoopback()) {
                return UdpResult.error(UdpOutcome.ADDRESS_NOT_AVAILABLE);
            }
            int chosen = local.port();
            PortOrigin origin = PortOrigin.EXPLICIT;
            if (chosen == 0) {
                chosen = allocateEphemeral();
                origin = PortOrigin.BIND_EPHEMERAL;
                if (chosen == 0) {
                    return UdpResult.error(UdpOutcome.ADDRESS_NOT_AVAILABLE);
                }
            } else if (conflicts(this, local.ip(), chosen)) {
                return UdpResult.error(UdpOutcome.ADDRESS_IN_USE);
            }
            ip = local.ip();
            ipLocked = !local.isWildcard();
            portLocked = local.port() != 0;
            take(chosen, origin);
            return UdpResult.ok();
        }

        /** Gives the socket a port (ip already set) and records why. */
        private void take(int newPort, PortOrigin origin) {
            port = newPort;
            reuseAddrAtBind = reuseAddress;
            reusePortAtBind = reusePort;
            bindOrder = ++bindCounter;
            assignment = new PortAssignment(newPort, id, origin, assignments.size() + 1);
            assignments.add(assignment);
            if (state == SocketState.UNBOUND) {
                state = SocketState.BOUND;
            }
        }

        /** inet_autobind: an ephemeral port on the wildcard address; false when none is free. */
        private boolean autobind(PortOrigin origin) {
            if (port != 0) {
                return true;
            }
            int chosen = allocateEphemeral();
            if (chosen == 0) {
                return false;
            }
            if (!ipLocked) {
                ip = UdpAddress.WILDCARD_IP; // a socket bound to a specific address keeps it (its port was lost)
            }
            portLocked = false;
            take(chosen, origin);
            return true;
        }

        @Override
        public UdpResult<Void> connect(UdpAddress peer) {
            Objects.requireNonNull(peer, "remote");
            if (state == SocketState.CLOSED) {
                return UdpResult.error(UdpOutcome.CLOSED);
            }
            if (!peer.isLoopback() || peer.port() == 0) {
                // The model host has loopback only; a wildcard or port-0 peer is outside the spec.
                return UdpResult.error(UdpOutcome.INVALID);
            }
            if (!autobind(PortOrigin.CONNECT)) {
                return UdpResult.error(UdpOutcome.ADDRESS_NOT_AVAILABLE);
            }
            if (ip == UdpAddress.WILDCARD_IP) {
                ip = routeSource(peer); // ip4_datagram_connect sets inet_rcv_saddr from the route
            }
            remote = peer;
            state = SocketState.CONNECTED;
            return UdpResult.ok();
        }

        @Override
        public UdpResult<Void> disconnect() {
            if (state == SocketState.CLOSED) {
                return UdpResult.error(UdpOutcome.CLOSED);
            }
            // __udp_disconnect, applied whether or not the socket was connected.
            remote = null;
            if (!ipLocked) {
                ip = UdpAddress.WILDCARD_IP; // inet_reset_saddr
            }
            if (!portLocked) {
                port = 0; // unhash: the port is free for others and the socket is unbound again
                assignment = null;
            }
            state = port == 0 ? SocketState.UNBOUND : SocketState.BOUND;
            return UdpResult.ok();
        }

        @Override
        public UdpResult<Integer> send(byte[] payload) {
            Objects.requireNonNull(payload, "payload");
            return doSend(null, payload);
        }

        @Override
        public UdpResult<Integer> sendTo(UdpAddress destination, byte[] payload) {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(payload, "payload");
            return doSend(destination, payload);
        }

        private UdpResult<Integer> doSend(UdpAddress destination, byte[] payload) {
            if (state == SocketState.CLOSED) {
                return UdpResult.error(UdpOutcome.CLOSED);
            }
            // inet_send_prepare binds before udp_sendmsg looks at the destination.
            if (!autobind(PortOrigin.SEND)) {
                return UdpResult.error(UdpOutcome.ADDRESS_NOT_AVAILABLE);
            }
            UdpAddress dst;
            if (destination == null) {
                if (state != SocketState.CONNECTED) {
                    return UdpResult.error(UdpOutcome.NOT_CONNECTED);
                }
                dst = remote;
            } else {
                if (destination.port() == 0 || !destination.isLoopback()) {
                    return UdpResult.error(UdpOutcome.INVALID);
                }
                dst = destination;
            }
            if (payload.length > MAX_PAYLOAD) {
                return UdpResult.error(UdpOutcome.MESSAGE_TOO_LONG);
            }
            if (pendingError != null) {
                // sock_alloc_send_skb reports (and clears) sk_err before the datagram is built.
                UdpOutcome e = pendingError;
                pendingError = null;
                return UdpResult.error(e);
            }
            int srcIp = ip != UdpAddress.WILDCARD_IP ? ip : routeSource(dst);
            transmit(new UdpAddress(srcIp, port), dst, payload);
            return UdpResult.ok(payload.length);
        }

        @Override
        public UdpResult<Datagram> receive(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (state == SocketState.CLOSED) {
                return UdpResult.error(UdpOutcome.CLOSED);
            }
            if (pendingError != null) {
                // __skb_recv_udp checks sock_error before dequeuing.
                UdpOutcome e = pendingError;
                pendingError = null;
                return UdpResult.error(e);
            }
            Datagram d = queue.pollFirst();
            return d == null ? UdpResult.error(UdpOutcome.WOULD_BLOCK) : UdpResult.ok(d);
        }

        @Override
        public Optional<UdpAddress> localAddress() {
            if (state == SocketState.CLOSED || port == 0) {
                return Optional.empty();
            }
            return Optional.of(new UdpAddress(ip, port));
        }

        @Override
        public Optional<UdpAddress> remoteAddress() {
            return state == SocketState.CONNECTED ? Optional.of(remote) : Optional.empty();
        }

        @Override
        public UdpResult<Void> close() {
            if (state != SocketState.CLOSED) {
                state = SocketState.CLOSED;
                port = 0;
                remote = null;
                pendingError = null;
                queue.clear();
                assignment = null;
            }
            return UdpResult.ok();
        }

        @Override
        public String toString() {
            return id + "[" + state + (port != 0 ? " " + new UdpAddress(ip, port) : "")
                    + (remote != null ? " -> " + remote : "") + (pendingError != null ? " pending " + pendingError : "")
                    + (queue.isEmpty() ? "" : " queued " + queue.size()) + "]";
        }
    }

    /** For debugging: every open socket and its state. */
    @Override
    public String toString() {
        List<String> open = new ArrayList<>();
        for (ModelSocket s : sockets) {
            if (s.state != SocketState.CLOSED) {
                open.add(s.toString());
            }
        }
        return "UdpHost" + open;
    }
}
