package org.netconform.reference.traversal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rendezvous server as a function of what it receives (RFC 5128 §3.3): a registration records the
 * peer's public candidate as the source the server saw (TRAV-RDV-2) and its private candidate as the
 * peer reported it; a CONNECT gives each of the two peers both candidates of the other and one session
 * token (TRAV-RDV-3); a REVERSE tells the other peer to connect back to the asking one (TRAV-REV-1).
 * Runs behind any transport: the caller sends what {@link #handle} returns from the server's socket.
 */
public final class RendezvousServer {

    /** A datagram to send. */
    public record Outgoing(InetSocketAddress to, byte[] data) {
    }

    /** What the server knows of a peer. */
    public record Registration(String id, InetSocketAddress publicCandidate, InetSocketAddress privateCandidate) {
    }

    private final Map<String, Registration> peers = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final long seed;
    private int sessions;

    /** @param seed makes the session tokens (unguessable enough for a lab; not a security device) */
    public RendezvousServer(long seed) {
        this.seed = seed;
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    public Optional<Registration> registration(String id) {
        return Optional.ofNullable(peers.get(id));
    }

    public List<Outgoing> handle(InetSocketAddress from, byte[] data) {
        Optional<TraversalMessage> parsed = TraversalMessage.parse(data);
        if (parsed.isEmpty()) {
            return List.of();
        }
        TraversalMessage m = parsed.get();
        switch (m.kind()) {
            case "REGISTER" -> {
                Optional<InetSocketAddress> priv = TraversalMessage.address(m.field(1));
                if (m.field(0).isEmpty() || priv.isEmpty()) {
                    log.add("refused " + m + " from " + TraversalMessage.format(from));
                    return List.of();
                }
                peers.put(m.field(0), new Registration(m.field(0), from, priv.get()));
                log.add("registered " + m.field(0) + ": public " + TraversalMessage.format(from) + " (seen), private "
                        + m.field(1) + " (reported)");
                return List.of();
            }
            case "CONNECT" -> {
                Registration a = peers.get(m.field(0));
                Registration b = peers.get(m.field(1));
                if (a == null || b == null || !a.publicCandidate().equals(from)) {
                    log.add("cannot introduce " + m.field(0) + " to " + m.field(1));
                    return List.of();
                }
                String token = token();
                log.add("introduced " + a.id() + " and " + b.id() + " with token " + token);
                return List.of(peer(a, b, token), peer(b, a, token));
            }
            case "REVERSE" -> {
                Registration a = peers.get(m.field(0));
                Registration b = peers.get(m.field(1));
                if (a == null || b == null || !a.publicCandidate().equals(from)) {
                    log.add("cannot reverse " + m.field(1) + " to " + m.field(0));
                    return List.of();
                }
                String token = token();
                log.add("asked " + b.id() + " to connect back to " + a.id() + " at " + TraversalMessage.format(a.publicCandidate()));
                return List.of(new Outgoing(a.publicCandidate(), TraversalMessage.of("PEER", b.id(), token,
                                TraversalMessage.format(b.publicCandidate()), TraversalMessage.format(b.privateCandidate())).bytes()),
                        new Outgoing(b.publicCandidate(), TraversalMessage.of("CALLBACK", a.id(), token,
                                TraversalMessage.format(a.publicCandidate())).bytes()));
            }
            default -> {
                return List.of();
            }
        }
    }

    private Outgoing peer(Registration to, Registration other, String token) {
        return new Outgoing(to.publicCandidate(), TraversalMessage.of("PEER", other.id(), token,
                TraversalMessage.format(other.publicCandidate()), TraversalMessage.format(other.privateCandidate())).bytes());
    }

    private String token() {
        long x = seed + 0x9E3779B97F4A7C15L * ++sessions;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return Long.toHexString(x ^ (x >>> 31));
    }
}
