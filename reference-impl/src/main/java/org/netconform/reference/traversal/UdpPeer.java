package org.netconform.reference.traversal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A UDP hole-punching peer (RFC 5128 §3.3; the seed's "基于UDP的P2P打洞技术"), driven from outside:
 * the caller hands it every datagram its socket receives ({@link #onDatagram}) and calls
 * {@link #tick} as time passes, so it runs the same in virtual time and on real sockets. It registers
 * from its one socket (TRAV-RDV-1), punches every candidate of the other peer each round until
 * connected (TRAV-UDP-1), answers an authenticated punch where it came from and locks the endpoint of
 * the first authenticated answer (TRAV-UDP-2), then keeps the hole open with keep-alives shorter than
 * any RFC 4787 mapping timer (TRAV-KA-1). Connection reversal: {@link #reverse} asks the other to call
 * back and does not punch itself (TRAV-REV-1).
 */
public final class UdpPeer implements TraversalPeer {

    /** Which candidates a peer punches. {@code PUBLIC_ONLY} exists to show what the suite catches. */
    public enum Candidates { ALL, PUBLIC_ONLY }

    /**
     * @param punchInterval time between punch rounds
     * @param keepAlive     keep-alive interval once connected; empty: none (to show what the suite catches)
     * @param candidates    which candidates to punch
     */
    public record Options(Duration punchInterval, Optional<Duration> keepAlive, Candidates candidates) {
        public static Options defaults() {
            return new Options(Duration.ofMillis(200), Optional.of(Duration.ofSeconds(15)), Candidates.ALL);
        }

        public Options withKeepAlive(Optional<Duration> k) {
            return new Options(punchInterval, k, candidates);
        }

        public Options withCandidates(Candidates c) {
            return new Options(punchInterval, keepAlive, c);
        }
    }

    private final String id;
    private final PeerSocket socket;
    private final Options options;
    private final List<String> log = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private InetSocketAddress rendezvous;
    private String other;
    private String token;
    private final List<InetSocketAddress> candidates = new ArrayList<>();
    private final List<InetSocketAddress> punched = new ArrayList<>();
    private boolean waitForCallback;
    private Optional<InetSocketAddress> locked = Optional.empty();
    private boolean connected;
    private long nextPunch = Long.MIN_VALUE;
    private long lastSent = Long.MIN_VALUE;
    private int punchRounds;

    public UdpPeer(String id, PeerSocket socket, Options options) {
        this.id = id;
        this.socket = socket;
        this.options = options;
    }

    public String id() {
        return id;
    }

    /** Registers with the rendezvous server from the punching socket, reporting its private candidate. */
    public void register(InetSocketAddress server) throws IOException {
        rendezvous = server;
        send(server, TraversalMessage.of("REGISTER", id, TraversalMessage.format(socket.localAddress())), "register");
    }

    /** Asks the server to introduce this peer and {@code otherId} (both get each other's candidates). */
    public void connect(String otherId) throws IOException {
        send(rendezvous, TraversalMessage.of("CONNECT", id, otherId), "ask to meet " + otherId);
    }

    /** Connection reversal: asks the server to have {@code otherId} connect to this peer; this peer only answers. */
    public void reverse(String otherId) throws IOException {
        waitForCallback = true;
        send(rendezvous, TraversalMessage.of("REVERSE", id, otherId), "ask " + otherId + " to connect back");
    }

    public boolean connected() {
        return connected;
    }

    public Optional<InetSocketAddress> locked() {
        return locked;
    }

    /** The other's candidates as the server gave them (public first). */
    public List<InetSocketAddress> candidates() {
        return List.copyOf(candidates);
    }

    /** Data received from the peer, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    /** Sends application data to the locked endpoint. */
    public void sendData(String text, long now) throws IOException {
        if (locked.isEmpty()) {
            throw new IllegalStateException(id + " is not connected");
        }
        send(locked.get(), TraversalMessage.of("DATA", token, id, text), "data");
        lastSent = now;
    }

    /** Punch rounds until connected, keep-alives after. */
    public void tick(long now) throws IOException {
        if (token == null) {
            return;
        }
        if (!connected) {
            if (!waitForCallback && now >= nextPunch) {
                punchRounds++;
                for (InetSocketAddress c : punched) {
                    send(c, TraversalMessage.of("PUNCH", token, id), "punch round " + punchRounds);
                }
                nextPunch = now + options.punchInterval().toMillis();
            }
            return;
        }
        if (options.keepAlive().isPresent() && now - lastSent >= options.keepAlive().get().toMillis()) {
            send(locked.get(), TraversalMessage.of("KA", token, id), "keep-alive");
            lastSent = now;
        }
    }

    /** A datagram the socket received. */
    public void onDatagram(InetSocketAddress from, byte[] data, long now) throws IOException {
        Optional<TraversalMessage> parsed = TraversalMessage.parse(data);
        if (parsed.isEmpty()) {
            return;
        }
        TraversalMessage m = parsed.get();
        if (from.equals(rendezvous)) {
            fromServer(m, now);
            return;
        }
        if (token == null || !token.equals(m.field(0)) || !m.field(1).equals(other)) {
            log.add("ignored " + m.kind() + " from " + TraversalMessage.format(from) + ": not authenticated");
            return;
        }
        if (connected && locked.isPresent() && !locked.get().equals(from) && !m.kind().equals("PUNCH")) {
            // a NAT that maps per destination moved the other's source: follow it, or our hole toward
            // the old one is the only one kept alive (TRAV-UDP-2, TRAV-KA-1)
            log.add("relocked " + TraversalMessage.format(from) + " (was " + TraversalMessage.format(locked.get()) + ")");
            locked = Optional.of(from);
        }
        switch (m.kind()) {
            case "PUNCH" -> send(from, TraversalMessage.of("ACK", token, id, "0"), "answer a punch");
            case "ACK" -> {
                if (!connected) {
                    connected = true;
                    locked = Optional.of(from);
                    lastSent = now;
                    log.add("connected: locked " + TraversalMessage.format(from) + " (first authenticated answer)");
                }
                if (m.field(2).equals("0")) {
                    send(from, TraversalMessage.of("ACK", token, id, "1"), "confirm");
                }
            }
            case "DATA" -> received.add(String.join(" ", m.fields().subList(2, m.fields().size())));
            default -> {
            }
        }
    }

    private void fromServer(TraversalMessage m, long now) {
        switch (m.kind()) {
            case "PEER" -> {
                other = m.field(0);
                token = m.field(1);
                LinkedHashSet<InetSocketAddress> set = new LinkedHashSet<>();
                TraversalMessage.address(m.field(2)).ifPresent(set::add);
                TraversalMessage.address(m.field(3)).ifPresent(set::add);
                candidates.clear();
                candidates.addAll(set);
                punched.clear();
                punched.addAll(options.candidates() == Candidates.ALL ? set : set.stream().limit(1).toList());
                nextPunch = now;
                log.add("peer " + other + ": candidates public " + m.field(2) + ", private " + m.field(3)
                        + (options.candidates() == Candidates.ALL ? "" : " (punching the public one only)"));
            }
            case "CALLBACK" -> {
                other = m.field(0);
                token = m.field(1);
                candidates.clear();
                TraversalMessage.address(m.field(2)).ifPresent(candidates::add);
                punched.clear();
                punched.addAll(candidates);
                nextPunch = now;
                log.add("asked to connect back to " + other + " at " + m.field(2));
            }
            default -> {
            }
        }
    }

    private void send(InetSocketAddress to, TraversalMessage m, String why) throws IOException {
        log.add("sent " + m.kind() + " to " + TraversalMessage.format(to) + " (" + why + ")");
        socket.send(to, m.bytes());
    }
}
