package org.netconform.reference.nat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * A NAT as a pure state machine: a packet from inside ({@link #outbound}) or outside ({@link #inbound})
 * goes in with the current virtual time, and the packets to send on come out, with events for the log.
 * Time passes only through the calls (every call carries the time, which never goes back), so timers
 * fire exactly; {@link #tick} lets time pass without a packet, and {@link #nextDeadline()} says when
 * something is next due. The only randomness is a {@link SplittableRandom} seeded by the caller, used
 * where port choice is random. No I/O, no threads; not thread-safe.
 *
 * <p>Every behaviour comes from the {@link NatConfig}; the package documentation lists the modelling
 * choices.
 */
public final class Nat {
    private final NatConfig config;
    private final String insideAddress;
    private final NatTable table = new NatTable();
    private final AddressPool pool;
    private final PortAllocator ports;
    private final HeldSyns held = new HeldSyns();
    private long now;
    private long nextId = 1;

    /**
     * @param config        the behaviour
     * @param insideAddress the NAT's own address on the private side: the source of the ICMP errors it
     *                      sends inside (a refused mapping, RFC 6888 REQ-11b)
     * @param seed          seeds random port choice
     */
    public Nat(NatConfig config, String insideAddress, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        this.insideAddress = Ipv4.requireValid(insideAddress);
        this.pool = new AddressPool(config.externalAddresses(), config.pooling());
        this.ports = new PortAllocator(config, table, new SplittableRandom(seed));
    }

    public NatConfig config() {
        return config;
    }

    public String insideAddress() {
        return insideAddress;
    }

    /** The virtual time (ms) of the latest call. */
    public long now() {
        return now;
    }

    /** True for one of the NAT's external addresses. */
    public boolean ownsExternalAddress(String address) {
        return config.externalAddresses().contains(address);
    }

    /** A packet arriving from the private side at {@code atMillis}. */
    public NatOutput outbound(Packet packet, long atMillis) {
        Out out = new Out();
        advanceTo(atMillis, out);
        if (packet instanceof TransportPacket tp) {
            if (ownsExternalAddress(tp.destinationAddress())) {
                hairpin(tp, out);
            } else {
                translateOutbound(tp, out).ifPresent(p -> out.emit(Side.OUTSIDE, p));
            }
        } else {
            outboundIcmp((IcmpError) packet, out);
        }
        return out.result();
    }

    /** A packet arriving from the public side at {@code atMillis}. */
    public NatOutput inbound(Packet packet, long atMillis) {
        Out out = new Out();
        advanceTo(atMillis, out);
        if (packet instanceof TransportPacket tp) {
            inboundTransport(tp, Side.OUTSIDE, out);
        } else {
            inboundIcmp((IcmpError) packet, out);
        }
        return out.result();
    }

    /** Lets time pass to {@code atMillis}: expired mappings go, held SYNs due are answered. */
    public NatOutput tick(long atMillis) {
        Out out = new Out();
        advanceTo(atMillis, out);
        return out.result();
    }

    /** The earliest virtual time at which a timer of this NAT runs out, if any is running. */
    public OptionalLong nextDeadline() {
        long earliest = Long.MAX_VALUE;
        for (NatMapping m : table.all()) {
            earliest = Math.min(earliest, m.nextDeadline());
        }
        OptionalLong release = held.nextRelease();
        if (release.isPresent()) {
            earliest = Math.min(earliest, release.getAsLong());
        }
        return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    /** The live mappings as of the latest call, oldest first. */
    public List<MappingSnapshot> mappings() {
        return table.all().stream().map(NatMapping::snapshot).toList();
    }

    /** Unsolicited SYNs held as of the latest call. */
    public List<TcpSegment> heldSyns() {
        return held.all().stream().map(HeldSyns.Held::syn).toList();
    }

    /** The table as text, for reports: mappings, sessions, held SYNs, ports waiting for reuse. */
    public String describeTable() {
        return NatTableFormatter.format(this, table, held, pool);
    }

    // ---------------------------------------------------------------- time

    private void advanceTo(long at, Out out) {
        if (at < now) {
            throw new IllegalArgumentException("virtual time went back: " + at + " < " + now);
        }
        now = at;
        expire(out);
        for (HeldSyns.Held h : held.due(now)) {
            answerUnsolicitedSyn(h.syn(), h.answerSide(), h.releaseAt(),
                    "no outbound SYN for it came while it was held (RFC 5382 REQ-4)", out);
        }
        table.forgetFreedBefore(now - config.portReuseDelay().toMillis());
        table.forgetStraysBefore(now);
    }

    /** Removes what timed out at or before now; events carry the exact expiry times, in time order. */
    private void expire(Out out) {
        List<NatEvent> events = new ArrayList<>();
        List<NatMapping> dead = new ArrayList<>();
        for (NatMapping m : table.all()) {
            long expiry = m.expiresAt();
            if (expiry <= now) {
                dead.add(m);
            } else if (m.perSessionTimers) {
                m.sessions.values().removeIf(s -> {
                    if (s.expiresAt > now) {
                        return false;
                    }
                    events.add(new NatEvent(s.expiresAt, NatEvent.Kind.SESSION_EXPIRED, Optional.empty(),
                            m.transport() + " " + m.internal() + " as " + m.external + " with " + s.remote
                                    + (s.tcpState != null ? " (" + s.tcpState + ")" : "")));
                    return true;
                });
            }
        }
        dead.sort(Comparator.comparingLong(NatMapping::expiresAt).thenComparingLong(m -> m.id));
        for (NatMapping m : dead) {
            long expiry = m.expiresAt();
            removeMapping(m, expiry);
            events.add(new NatEvent(expiry, NatEvent.Kind.MAPPING_EXPIRED, Optional.empty(), describe(m)));
        }
        events.sort(Comparator.comparingLong(NatEvent::at));
        out.events.addAll(events);
    }

    private void removeMapping(NatMapping m, long at) {
        table.remove(m, at);
        if (table.countOf(m.internal().address()) == 0) {
            pool.released(m.internal().address());
        }
    }

    // ---------------------------------------------------------------- outbound

    /**
     * Finds or makes the mapping and session for an outbound packet, updates timers and TCP state, and
     * returns the packet with its source translated; empty when the packet is dropped.
     */
    private Optional<TransportPacket> translateOutbound(TransportPacket tp, Out out) {
        MappingKey key = MappingKey.of(config.mapping(), tp.transport(), tp.source(), tp.destination());
        NatMapping m = table.get(key);
        NatSession s = m == null ? null : m.sessions.get(tp.destination());
        TcpSegment segment = tp instanceof TcpSegment seg ? seg : null;
        if (segment != null && !segment.isInitialSyn() && (s == null || s.tcpState == null)) {
            // Only a SYN opens a TCP session (RFC 7857 Figure 1); a SYN-ACK answering an inbound SYN has one.
            out.drop(tp, now, "no TCP session for this segment, and only a SYN opens one");
            return Optional.empty();
        }
        boolean newMapping = false;
        if (m == null) {
            m = createMapping(key, tp, out);
            if (m == null) {
                return Optional.empty();
            }
            newMapping = true;
        }
        boolean newSession = false;
        if (s == null) {
            s = new NatSession(tp.destination(), now);
            m.sessions.put(tp.destination(), s);
            newSession = true;
        }
        if (segment != null) {
            trackTcp(m, s, segment, true, newSession, out);
            if (segment.isInitialSyn()) {
                for (HeldSyns.Held h : held.cancel(m.external, tp.destination())) {
                    out.event(NatEvent.Kind.DROPPED, h.syn(), now, "held unsolicited SYN " + h.syn().describe()
                            + " dropped silently: an outbound SYN for it came (RFC 5382 REQ-4)");
                }
            }
        } else {
            refreshUdp(m, s, true, newMapping || newSession, false);
        }
        TransportPacket translated = tp.withSource(m.external);
        out.event(NatEvent.Kind.TRANSLATED, tp, now, tp.describe() + " => " + translated.describe());
        return Optional.of(translated);
    }

    private NatMapping createMapping(MappingKey key, TransportPacket tp, Out out) {
        String subscriber = tp.source().address();
        if (config.portQuota().isPresent() && table.countOf(subscriber) >= config.portQuota().getAsInt()) {
            if (config.quotaExhaustion() == QuotaExhaustion.EVICT_OLDEST) {
                NatMapping victim = table.oldestOf(subscriber).orElseThrow();
                removeMapping(victim, now);
                out.event(NatEvent.Kind.MAPPING_EVICTED, tp, now, describe(victim) + " evicted for the new flow "
                        + "(breaks RFC 6888 REQ-11d)");
            } else {
                refuse(tp, "port quota of " + config.portQuota().getAsInt() + " for " + subscriber
                        + " exhausted (RFC 6888 REQ-11)", out);
                return null;
            }
        }
        List<String> addresses = pool.candidates(subscriber);
        Optional<Endpoint> external = ports.allocate(tp.transport(), tp.source(), tp.destination(), addresses, now);
        if (external.isEmpty()) {
            refuse(tp, "no free external port on " + String.join(", ", addresses), out);
            return null;
        }
        boolean perSession = tp.transport() == Transport.TCP || config.perSessionUdpTimers();
        NatMapping m = new NatMapping(nextId++, key, external.get(), now, perSession);
        table.add(m);
        pool.used(subscriber, external.get().address());
        out.event(NatEvent.Kind.MAPPING_CREATED, tp, now, describe(m));
        return m;
    }

    /** RFC 6888 REQ-11: drop the packet, tell the sender (ICMP host unreachable, code 1), keep the rest. */
    private void refuse(TransportPacket tp, String reason, Out out) {
        out.drop(tp, now, reason);
        if (config.icmpOnExhaustion()) {
            IcmpError error = IcmpError.about(tp, insideAddress, IcmpType.HOST_UNREACHABLE);
            out.emit(Side.INSIDE, error);
            out.event(NatEvent.Kind.ANSWERED, tp, now, error.describe());
        }
    }

    private void hairpin(TransportPacket tp, Out out) {
        switch (config.hairpinning()) {
            // Addressed to the NAT itself: answered (or not) like any packet nothing admits, at once.
            case OFF -> answerUnadmitted(tp, Side.INSIDE, false, "for the NAT itself: no hairpinning", out);
            case EXTERNAL_SOURCE -> translateOutbound(tp, out).ifPresent(translated -> {
                out.event(NatEvent.Kind.HAIRPINNED, tp, now, "turned back inside as " + translated.describe());
                inboundTransport(translated, Side.OUTSIDE, out);
            });
            case INTERNAL_SOURCE -> {
                List<NatMapping> holders = table.at(tp.transport(), tp.destination());
                if (holders.isEmpty()) {
                    out.drop(tp, now, "hairpin to " + tp.destination() + ": no mapping holds it");
                    return;
                }
                TransportPacket forwarded = tp.withDestination(holders.get(0).internal());
                out.event(NatEvent.Kind.HAIRPINNED, tp, now, "forwarded with its internal source as "
                        + forwarded.describe() + " (breaks RFC 4787 REQ-9a)");
                out.emit(Side.INSIDE, forwarded);
            }
        }
    }

    /**
     * An inside host's ICMP error about an inbound packet (quoting remote -> internal endpoint): sent on
     * with the NAT's external endpoint in place of the internal one. It refreshes nothing unless
     * configured to (RFC 7857 section 7.1).
     */
    private void outboundIcmp(IcmpError icmp, Out out) {
        FiveTuple q = icmp.quoted();
        Endpoint internal = q.destination();
        Endpoint remote = q.source();
        NatMapping m = mappingFor(q.transport(), internal, remote);
        if (m == null) {
            out.drop(icmp, now, "no mapping for " + internal + " with " + remote);
            return;
        }
        NatSession s = m.sessions.get(remote);
        if (config.outboundErrorsRefresh() && s != null) {
            if (s.tcpState != null) {
                s.expiresAt = now + config.tcpTimeout(s.tcpState).toMillis();
            } else {
                refreshUdp(m, s, true, false, false);
            }
        }
        IcmpError translated = new IcmpError(m.external.address(), remote.address(), icmp.type(),
                new FiveTuple(q.transport(), remote, m.external));
        out.event(NatEvent.Kind.TRANSLATED, icmp, now, icmp.describe() + " => " + translated.describe());
        if (ownsExternalAddress(remote.address()) && config.hairpinning() == Hairpinning.EXTERNAL_SOURCE) {
            inboundIcmp(translated, out);
        } else {
            out.emit(Side.OUTSIDE, translated);
        }
    }

    /** The mapping an inbound packet from {@code remote} reached {@code internal} through. */
    private NatMapping mappingFor(Transport transport, Endpoint internal, Endpoint remote) {
        List<NatMapping> own = table.ofInternal(transport, internal);
        for (NatMapping m : own) {
            if (m.sessions.containsKey(remote)) {
                return m;
            }
        }
        for (NatMapping m : own) {
            if (admits(m, remote)) {
                return m;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- inbound

    /**
     * An inbound packet to an external endpoint: a session match is translated; otherwise the filter
     * decides; what it refuses is answered as configured. {@code answerSide} is where the NAT's own
     * answers go (outside, also for hairpinned packets, whose sender is reached through the NAT again).
     */
    private void inboundTransport(TransportPacket tp, Side answerSide, Out out) {
        if (!ownsExternalAddress(tp.destinationAddress())) {
            out.drop(tp, now, tp.destinationAddress() + " is not an external address of this NAT");
            return;
        }
        TcpSegment segment = tp instanceof TcpSegment seg ? seg : null;
        List<NatMapping> holders = table.at(tp.transport(), tp.destination());
        NatMapping chosen = null;
        NatSession s = null;
        for (NatMapping m : holders) {
            s = m.sessions.get(tp.source());
            if (s != null) {
                chosen = m;
                break;
            }
        }
        if (chosen == null) {
            for (NatMapping m : holders) {
                if (admits(m, tp.source())) {
                    chosen = m;
                    break;
                }
            }
            if (chosen == null) {
                answerUnadmitted(tp, answerSide, true, holders.isEmpty() ? "no mapping"
                        : config.filtering() + " filter refuses it", out);
                return;
            }
            if (segment != null) {
                if (!segment.isInitialSyn()) {
                    answerUnadmitted(tp, answerSide, true, "no TCP session, and not a SYN", out);
                    return;
                }
                s = new NatSession(tp.source(), now);
                chosen.sessions.put(tp.source(), s);
                trackTcp(chosen, s, segment, false, true, out);
            }
            // A datagram the filter admits from an endpoint the mapping never sent to makes no session
            // and refreshes nothing (RFC 7857 section 7: else one packet every two minutes keeps it).
        } else if (segment != null) {
            trackTcp(chosen, s, segment, false, false, out);
        } else {
            refreshUdp(chosen, s, false, false, true);
        }
        TransportPacket translated = tp.withDestination(chosen.internal());
        out.event(NatEvent.Kind.TRANSLATED, tp, now, tp.describe() + " => " + translated.describe());
        out.emit(Side.INSIDE, translated);
    }

    /** The filtering behaviour (RFC 4787 section 5) for a packet from an endpoint with no session. */
    private boolean admits(NatMapping m, Endpoint remote) {
        return switch (config.filtering()) {
            case EIF -> true;
            case ADF -> m.hasSessionWithAddress(remote.address());
            case APDF -> m.sessions.containsKey(remote);
        };
    }

    /**
     * An inbound ICMP error quoting a packet that left through a mapping: translated to the inside host
     * whatever its source address (RFC 4787 REQ-12a); the mapping stays (REQ-12) unless the broken option
     * tears it down. It refreshes nothing.
     */
    private void inboundIcmp(IcmpError icmp, Out out) {
        FiveTuple q = icmp.quoted();
        NatMapping chosen = null;
        for (NatMapping m : table.at(q.transport(), q.source())) {
            if (m.sessions.containsKey(q.destination())) {
                chosen = m;
                break;
            }
        }
        if (chosen == null || !icmp.destination().equals(q.source().address())) {
            out.drop(icmp, now, "quotes no session of this NAT");
            return;
        }
        IcmpError translated = icmp.withDestination(chosen.internal().address(),
                new FiveTuple(q.transport(), chosen.internal(), q.destination()));
        out.event(NatEvent.Kind.TRANSLATED, icmp, now, icmp.describe() + " => " + translated.describe());
        out.emit(Side.INSIDE, translated);
        if (config.icmpErrors() == IcmpErrorHandling.TEAR_DOWN_MAPPING) {
            removeMapping(chosen, now);
            out.event(NatEvent.Kind.MAPPING_TORN_DOWN, icmp, now, describe(chosen) + " (breaks RFC 4787 REQ-12)");
        }
    }

    // ---------------------------------------------------------------- answers to what nothing admits

    /**
     * A packet no mapping admits (or, with {@code hold} false, one addressed to the NAT itself): an
     * initial SYN is held first when configured (RFC 5382 REQ-4); otherwise the configured answer.
     */
    private void answerUnadmitted(TransportPacket tp, Side answerSide, boolean hold, String why, Out out) {
        if (hold && config.conntrackStrayEntries()) {
            table.addStray(tp.transport(), tp.destination(), tp.source(),
                    now + config.strayEntryTimeout(tp.transport()).toMillis());
        }
        if (tp instanceof TcpSegment segment) {
            if (!segment.isInitialSyn()) {
                // Not a SYN: a RST when the NAT answers with RSTs (a router's own stack), else silence.
                out.drop(tp, now, why);
                if (config.unsolicitedTcp() == UnsolicitedTcpResponse.RST && !segment.has(TcpFlag.RST)) {
                    answer(reset(segment), answerSide, segment, now, out);
                }
            } else if (hold && config.unsolicitedSynHold().isPresent()) {
                long release = now + config.unsolicitedSynHold().get().toMillis();
                held.hold(segment, answerSide, release);
                out.event(NatEvent.Kind.HELD, tp, now, segment.describe() + ": " + why + "; held until "
                        + VirtualTime.format(release) + " (RFC 5382 REQ-4)");
            } else {
                answerUnsolicitedSyn(segment, answerSide, now, why, out);
            }
        } else {
            out.drop(tp, now, why);
            if (config.unsolicitedUdp() == UnsolicitedUdpResponse.ICMP_PORT_UNREACHABLE) {
                answer(IcmpError.about(tp, tp.destinationAddress(), IcmpType.PORT_UNREACHABLE), answerSide, tp, now,
                        out);
            }
        }
    }

    private void answerUnsolicitedSyn(TcpSegment syn, Side answerSide, long at, String why, Out out) {
        out.event(NatEvent.Kind.DROPPED, syn, at, syn.describe() + ": " + why);
        switch (config.unsolicitedTcp()) {
            case DROP -> {
            }
            case RST -> answer(reset(syn), answerSide, syn, at, out);
            case ICMP_PORT_UNREACHABLE -> answer(IcmpError.about(syn, syn.destinationAddress(),
                    IcmpType.PORT_UNREACHABLE), answerSide, syn, at, out);
        }
    }

    private static TcpSegment reset(TcpSegment cause) {
        // RFC 793: a RST answering a segment without ACK carries an ACK; one answering an ACK does not.
        return cause.has(TcpFlag.ACK) ? TcpSegment.of(cause.destination(), cause.source(), TcpFlag.RST)
                : TcpSegment.of(cause.destination(), cause.source(), TcpFlag.RST, TcpFlag.ACK);
    }

    private void answer(Packet answer, Side side, Packet cause, long at, Out out) {
        out.emit(side, answer);
        out.event(NatEvent.Kind.ANSWERED, cause, at, answer.describe());
    }

    // ---------------------------------------------------------------- timers and TCP state

    /**
     * Restarts UDP timers for a packet of a session. Mapping timer: refreshed by packets in the
     * configured direction (RFC 4787 REQ-6, REQ-6a); a new mapping or session always starts it.
     * Per-session timers (Linux conntrack): unreplied sessions get the unreplied timer; replied ones get
     * the long timer only for packets more than {@code udpStreamAfter} after creation (conntrack's
     * {@code stream_ts}); the reply that first marks a session replied still counts as unreplied.
     */
    private void refreshUdp(NatMapping m, NatSession s, boolean outbound, boolean started, boolean reply) {
        boolean allowed = started || (outbound ? config.refresh().outbound() : config.refresh().inbound());
        if (allowed) {
            if (config.perSessionUdpTimers()) {
                boolean stream = s.replied && now > s.createdAt + config.udpStreamAfter().toMillis();
                long timeout = stream ? config.udpTimeout().toMillis()
                        : config.udpUnrepliedTimeout().orElseThrow().toMillis();
                s.expiresAt = now + timeout;
            } else {
                m.expiresAt = now + config.udpTimeout().toMillis();
            }
        }
        if (reply) {
            s.replied = true;
        }
    }

    /**
     * Moves a TCP session through the RFC 7857 state machine and restarts its timer. A change of state
     * always sets the new state's timer; otherwise a packet refreshes it when its direction refreshes.
     * An outbound RST never lengthens a session unless configured to (RFC 7857 section 7.1).
     */
    private void trackTcp(NatMapping m, NatSession s, TcpSegment segment, boolean outbound, boolean newSession,
                          Out out) {
        TcpSessionState before = newSession ? null : s.tcpState;
        TcpSessionState after = TcpTracker.next(before, segment, outbound);
        s.tcpState = after;
        long timer = now + config.tcpTimeout(after).toMillis();
        boolean errorOut = outbound && segment.has(TcpFlag.RST) && !config.outboundErrorsRefresh();
        if (newSession) {
            s.expiresAt = timer;
        } else if (after != before) {
            s.expiresAt = errorOut ? Math.min(s.expiresAt, timer) : timer;
        } else if (!errorOut && (outbound ? config.refresh().outbound() : config.refresh().inbound())) {
            s.expiresAt = timer;
        }
        if (!outbound) {
            s.replied = true;
        }
    }

    private static String describe(NatMapping m) {
        return m.transport() + " " + m.internal() + " " + m.key.scope() + " as " + m.external;
    }

    /** Collects what one call produces. */
    private static final class Out {
        final List<Emission> emissions = new ArrayList<>();
        final List<NatEvent> events = new ArrayList<>();

        void emit(Side side, Packet packet) {
            emissions.add(new Emission(side, packet));
        }

        void event(NatEvent.Kind kind, Packet packet, long at, String detail) {
            events.add(new NatEvent(at, kind, Optional.ofNullable(packet), detail));
        }

        void drop(Packet packet, long at, String reason) {
            event(NatEvent.Kind.DROPPED, packet, at, packet.describe() + ": " + reason);
        }

        NatOutput result() {
            return new NatOutput(emissions, events);
        }
    }
}
