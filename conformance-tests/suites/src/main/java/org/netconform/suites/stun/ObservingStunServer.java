package org.netconform.suites.stun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netconform.reference.stun.AttributeType;
import org.netconform.reference.stun.Attributes;
import org.netconform.reference.stun.ChangeRequest;
import org.netconform.reference.stun.Datagram;
import org.netconform.reference.stun.MessageType;
import org.netconform.reference.stun.RawStunMessage;
import org.netconform.reference.stun.ServerAddresses;
import org.netconform.reference.stun.StunAttribute;
import org.netconform.reference.stun.StunClass;
import org.netconform.reference.stun.StunCodec;
import org.netconform.reference.stun.StunMessage;
import org.netconform.reference.stun.StunServerConfig;
import org.netconform.reference.stun.StunServerCore;
import org.netconform.reference.stun.TransactionId;
import org.netconform.reference.stun.UdpStunServer;

/**
 * The STUN server the discovery suite judges clients against: the reference server core on
 * 127.0.0.1 and 127.0.0.2 (the four endpoints of RFC 5780), which logs every datagram a client sends
 * and, by {@link Mode}, answers in a way that tests the client:
 *
 * <ul>
 * <li>as a NAT of a chosen mapping and filtering behaviour in front of the client would let it
 *     ({@link Emulation}): the mapped address it reports is an external port on 127.0.0.3 (the
 *     emulated NAT's external address) that the server holds (so a hairpinning probe to it lands here
 *     and goes no further), one per internal
 *     port, per destination address or per destination, as the mapping behaviour says; a response
 *     the filtering behaviour would not let in is dropped, judged from everything that internal port
 *     sent the server; a mapping idle longer than the timer is gone, and the next request gets a new
 *     one;</li>
 * <li>without OTHER-ADDRESS (a single-address server);</li>
 * <li>with a forged response (another transaction ID, a false address) before each real one; with
 *     MAPPED-ADDRESS rewritten as a generic ALG would; with an unknown comprehension-required or
 *     comprehension-optional attribute in every success response;</li>
 * <li>dropping the first copies of the first transaction (to watch retransmissions), or every
 *     datagram (to watch a client give up).</li>
 * </ul>
 */
final class ObservingStunServer implements AutoCloseable {
    /** A NAT's mapping and filtering behaviour, and its mapping timer (0: none). */
    record Emulation(String mapping, String filtering, long timerMillis) {
    }

    /** How the server answers. */
    record Mode(String name, Optional<Emulation> nat, boolean singleAddress, boolean forge, boolean alg,
                Optional<Integer> extraAttribute, int dropFirstCopies, boolean silent) {
        static Mode plain() {
            return new Mode("plain", Optional.empty(), false, false, false, Optional.empty(), 0, false);
        }

        static Mode nat(String mapping, String filtering) {
            return new Mode("behind " + mapping + "/" + filtering, Optional.of(new Emulation(mapping, filtering, 0)), false,
                    false, false, Optional.empty(), 0, false);
        }

        static Mode natWithTimer(long millis) {
            return new Mode("behind EIM/EIF with a " + millis + " ms mapping timer", Optional.of(new Emulation("EIM", "EIF",
                    millis)), false, false, false, Optional.empty(), 0, false);
        }

        /** A single-address server (no OTHER-ADDRESS, 420 to CHANGE-REQUEST) seen through an emulated APDM/APDF NAT. */
        static Mode withoutOtherAddress() {
            return new Mode("without OTHER-ADDRESS, behind APDM/APDF", Optional.of(new Emulation("APDM", "APDF", 0)), true, false,
                    false, Optional.empty(), 0, false);
        }

        static Mode forging() {
            return new Mode("forging responses", Optional.empty(), false, true, false, Optional.empty(), 0, false);
        }

        static Mode rewritingMappedAddress() {
            return new Mode("rewriting MAPPED-ADDRESS", Optional.empty(), false, false, true, Optional.empty(), 0, false);
        }

        static Mode extra(int type) {
            return new Mode(String.format("adding attribute 0x%04X", type), Optional.empty(), false, false, false,
                    Optional.of(type), 0, false);
        }

        static Mode droppingFirst(int copies) {
            return new Mode("dropping the first " + copies + " copies of the first request", Optional.empty(), false, false,
                    false, Optional.empty(), copies, false);
        }

        static Mode answeringNothing() {
            return new Mode("silent", Optional.empty(), false, false, false, Optional.empty(), 0, true);
        }
    }

    /** One datagram a client sent: when (ms since the server started), from where, to which endpoint. */
    record Seen(long atMillis, InetSocketAddress source, InetSocketAddress destination, byte[] data, RawStunMessage raw) {
        boolean isRequest() {
            return raw.wellFormed() && MessageType.cls(raw.type()) == StunClass.REQUEST;
        }

        Optional<ChangeRequest> change() {
            try {
                return raw.first(AttributeType.CHANGE_REQUEST).map(a -> ChangeRequest.read(a.attribute()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        /** The octets but the transaction ID (for a classic message the 128 bits after the length). */
        String withoutId() {
            byte[] d = data.clone();
            int from = raw.hasMagicCookie() ? 8 : 4;
            for (int i = from; i < 20 && i < d.length; i++) {
                d[i] = 0;
            }
            return StunExpect.hex(d);
        }

        @Override
        public String toString() {
            return String.format("t+%d ms %s -> %s %s", atMillis, source, destination, raw);
        }
    }

    /** The false address forged responses name: on loopback, since a client may send to it (a hairpinning probe). */
    static final InetSocketAddress BOGUS = new InetSocketAddress("127.0.0.99", 9999);
    /** The emulated NAT's external address: not the client's, as a real NAT's is not. */
    static final String EXTERNAL = "127.0.0.3";

    private final Mode mode;
    private final UdpStunServer server;
    private final long start = System.nanoTime();
    private final List<Seen> seen = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Map<Object, Mapping> mappings = new HashMap<>();
    private final Map<Integer, Mapping> byExternal = new HashMap<>();
    private final Map<Integer, Integer> internalOf = new HashMap<>();
    private final Map<Integer, Set<InetSocketAddress>> contacted = new HashMap<>();
    private final Map<TransactionId, Integer> copies = new HashMap<>();
    private TransactionId firstTransaction;

    private static final class Mapping {
        final java.net.InetAddress internalAddress;
        final int internalPort;
        final DatagramChannel reserved;
        long lastOutbound;

        Mapping(InetSocketAddress internal, DatagramChannel reserved) {
            this.internalAddress = internal.getAddress();
            this.internalPort = internal.getPort();
            this.reserved = reserved;
        }

        int externalPort() {
            try {
                return ((InetSocketAddress) reserved.getLocalAddress()).getPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    ObservingStunServer(Mode mode) {
        this.mode = mode;
        try {
            this.server = UdpStunServer.start(ServerAddresses.pair(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.2", 0)), this::handlerFor, (r, s) -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the suite's STUN server on 127.0.0.1 and 127.0.0.2", e);
        }
    }

    private org.netconform.reference.stun.StunDatagramHandler handlerFor(ServerAddresses at) {
        StunServerCore core = new StunServerCore(mode.singleAddress() ? ServerAddresses.single(at.primary()) : at,
                StunServerConfig.defaults());
        return d -> handle(core, d);
    }

    /** Every external port the emulated NAT ever gave out, with the internal port it stood for. */
    synchronized Map<Integer, Integer> externalPorts() {
        return Map.copyOf(internalOf);
    }

    ServerAddresses addresses() {
        return server.addresses();
    }

    Mode mode() {
        return mode;
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** What the server did, line by line, for the wire log. */
    synchronized List<String> log() {
        return List.copyOf(log);
    }

    private synchronized List<Datagram> handle(StunServerCore core, Datagram d) {
        long now = (System.nanoTime() - start) / 1_000_000;
        Seen s = new Seen(now, d.source(), d.destination(), d.data(), RawStunMessage.read(d.data()));
        seen.add(s);
        log.add("client: " + s);
        if (mode.silent()) {
            return List.of();
        }
        if (mode.dropFirstCopies() > 0 && s.isRequest()) {
            TransactionId id = s.raw().effectiveTransactionId();
            if (firstTransaction == null) {
                firstTransaction = id;
            }
            if (id.equals(firstTransaction)) {
                int n = copies.merge(id, 1, Integer::sum);
                if (n <= mode.dropFirstCopies()) {
                    log.add("server: dropped copy " + n + " of " + id);
                    return List.of();
                }
            }
        }
        InetSocketAddress source = d.source();
        Mapping mapping = null;
        if (mode.nat().isPresent()) {
            contacted.computeIfAbsent(source.getPort(), p -> new HashSet<>()).add(d.destination());
            mapping = outbound(source, d.destination(), now);
            source = new InetSocketAddress(EXTERNAL, mapping.externalPort());
        }
        List<Datagram> out = new ArrayList<>();
        for (Datagram r : core.handle(new Datagram(source, d.destination(), d.data()))) {
            Optional<Datagram> delivered = mode.nat().isPresent() ? inbound(r, now) : Optional.of(r);
            if (delivered.isEmpty()) {
                log.add("server: the emulated NAT dropped " + r.source() + " -> " + r.destination());
                continue;
            }
            Datagram x = rewrite(delivered.get());
            if (mode.forge()) {
                out.add(forged(x));
            }
            out.add(x);
        }
        out.forEach(o -> log.add("server: " + o.source() + " -> " + o.destination() + " " + RawStunMessage.read(o.data())));
        return out;
    }

    private Mapping outbound(InetSocketAddress internal, InetSocketAddress destination, long now) {
        Emulation e = mode.nat().get();
        Object key = switch (e.mapping()) {
            case "EIM" -> List.of(internal);
            case "ADM" -> List.of(internal, destination.getAddress());
            default -> List.of(internal, destination);
        };
        Mapping m = mappings.get(key);
        if (m != null && e.timerMillis() > 0 && now - m.lastOutbound > e.timerMillis()) {
            log.add("server: the emulated mapping " + m.externalPort() + " expired");
            byExternal.remove(m.externalPort());
            close(m.reserved);
            m = null;
        }
        if (m == null) {
            try {
                DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(EXTERNAL, 0));
                m = new Mapping(internal, ch);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot hold an external port for the emulated NAT", ex);
            }
            mappings.put(key, m);
            byExternal.put(m.externalPort(), m);
            internalOf.put(m.externalPort(), internal.getPort());
            log.add("server: the emulated NAT maps " + internal + " to " + EXTERNAL + ":" + m.externalPort() + " for " + destination);
        }
        m.lastOutbound = now;
        return m;
    }

    /** A response to an external port: to its internal port, if the mapping lives and the filter admits it. */
    private Optional<Datagram> inbound(Datagram r, long now) {
        Emulation e = mode.nat().get();
        Mapping m = byExternal.get(r.destination().getPort());
        if (m == null || e.timerMillis() > 0 && now - m.lastOutbound > e.timerMillis()) {
            return Optional.empty();
        }
        Set<InetSocketAddress> sent = contacted.getOrDefault(m.internalPort, Set.of());
        boolean admit = switch (e.filtering()) {
            case "EIF" -> true;
            case "ADF" -> sent.stream().anyMatch(a -> a.getAddress().equals(r.source().getAddress()));
            default -> sent.contains(r.source());
        };
        return admit ? Optional.of(new Datagram(r.source(), new InetSocketAddress(m.internalAddress, m.internalPort),
                r.data())) : Optional.empty();
    }

    /** ALG rewriting and extra attributes, on success responses with the magic cookie. */
    private Datagram rewrite(Datagram r) {
        if (!mode.alg() && mode.extraAttribute().isEmpty()) {
            return r;
        }
        if (!(StunCodec.parse(r.data()) instanceof StunCodec.Parsed p) || p.message().cls() != StunClass.SUCCESS) {
            return r;
        }
        StunMessage m = p.message();
        if (mode.alg() && !m.classic()) {
            List<StunAttribute> attrs = m.attributes().stream().map(a -> a.type() == AttributeType.MAPPED_ADDRESS
                    ? Attributes.address(AttributeType.MAPPED_ADDRESS, BOGUS) : a).toList();
            m = new StunMessage(m.method(), m.cls(), m.transactionId(), attrs);
        }
        if (mode.extraAttribute().isPresent()) {
            int type = mode.extraAttribute().get();
            if (AttributeType.comprehensionRequired(type)) {
                // the unknown attribute first, and a false address: a client that uses this response shows it
                List<StunAttribute> attrs = new ArrayList<>();
                attrs.add(new StunAttribute(type, new byte[4]));
                for (StunAttribute a : m.attributes()) {
                    attrs.add(switch (a.type()) {
                        case AttributeType.XOR_MAPPED_ADDRESS -> Attributes.xorMapped(BOGUS, m.transactionId());
                        case AttributeType.MAPPED_ADDRESS -> Attributes.address(AttributeType.MAPPED_ADDRESS, BOGUS);
                        default -> a;
                    });
                }
                m = new StunMessage(m.method(), m.cls(), m.transactionId(), attrs);
            } else {
                m = m.with(new StunAttribute(type, new byte[] {1, 2, 3, 4, 5}));
            }
        }
        return new Datagram(r.source(), r.destination(), StunCodec.encode(m, p.fingerprinted()
                ? StunCodec.Options.FINGERPRINT : StunCodec.Options.PLAIN));
    }

    /** A success response with another transaction ID that names a false address. */
    private static Datagram forged(Datagram real) {
        boolean classic = RawStunMessage.read(real.data()).hasHeader() && !RawStunMessage.read(real.data()).hasMagicCookie();
        TransactionId id = classic ? TransactionId.randomClassic() : TransactionId.random();
        List<StunAttribute> attrs = new ArrayList<>();
        if (!classic) {
            attrs.add(Attributes.xorMapped(BOGUS, id));
        }
        attrs.add(Attributes.address(AttributeType.MAPPED_ADDRESS, BOGUS));
        StunMessage m = new StunMessage(MessageType.BINDING, StunClass.SUCCESS, id, attrs);
        return new Datagram(real.source(), real.destination(), StunCodec.encode(m));
    }

    private static void close(DatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public synchronized void close() {
        server.close();
        mappings.values().forEach(m -> close(m.reserved));
    }
}
