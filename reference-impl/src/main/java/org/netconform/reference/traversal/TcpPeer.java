package org.netconform.reference.traversal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TCP hole-punching peer (RFC 5128 §3.4; the seed's "基于TCP的P2P打洞技术"), driven from outside by
 * {@link #tick}: one local port for the rendezvous connection, the listener and every connect
 * (TRAV-TCP-1); once introduced it connects to every candidate of the other while listening, retries
 * a connect that failed (RST, ICMP) every round, and takes the first connection, from a connect, a
 * simultaneous open or an accept, whose HELLO carries the session token (TRAV-TCP-2). Connection
 * reversal: {@link #reverse} asks the other to connect back and only accepts (TRAV-REV-1).
 */
public final class TcpPeer implements TraversalPeer {
    private final String id;
    private final TcpPort port;
    private final Duration retry;
    private final List<String> log = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private final Map<InetSocketAddress, TcpPort.TcpStream> attempts = new LinkedHashMap<>();
    private final Map<InetSocketAddress, Long> startedAt = new LinkedHashMap<>();
    private final List<TcpPort.TcpStream> accepted = new ArrayList<>();
    private final List<TcpPort.TcpStream> greeted = new ArrayList<>();
    private final List<InetSocketAddress> candidates = new ArrayList<>();
    private TcpPort.TcpStream server;
    private String other;
    private String token;
    private boolean waitForCallback;
    private TcpPort.TcpStream chosen;
    private long nextRound = Long.MIN_VALUE;
    private String pendingToServer;

    public TcpPeer(String id, TcpPort port, Duration retry) {
        this.id = id;
        this.port = port;
        this.retry = retry;
    }

    /** Connects to the rendezvous server from the one port and registers (TRAV-RDV-1). */
    public void register(InetSocketAddress rendezvous) throws IOException {
        server = port.connect(rendezvous);
        pendingToServer = TraversalMessage.of("REGISTER", id, TraversalMessage.format(port.localAddress())).toString();
        log.add("connecting to the rendezvous server " + TraversalMessage.format(rendezvous) + " from "
                + TraversalMessage.format(port.localAddress()));
    }

    public void connect(String otherId) throws IOException {
        toServer(TraversalMessage.of("CONNECT", id, otherId));
    }

    public void reverse(String otherId) throws IOException {
        waitForCallback = true;
        toServer(TraversalMessage.of("REVERSE", id, otherId));
    }

    public boolean connected() {
        return chosen != null;
    }

    public Optional<InetSocketAddress> locked() {
        return Optional.ofNullable(chosen).map(TcpPort.TcpStream::remote);
    }

    public List<InetSocketAddress> candidates() {
        return List.copyOf(candidates);
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    public void sendData(String text) throws IOException {
        if (chosen == null) {
            throw new IllegalStateException(id + " is not connected");
        }
        chosen.send(TraversalMessage.of("DATA", token, id, text).bytes());
    }

    public void tick(long now) throws IOException {
        if (server != null && server.state() == TcpPort.TcpStream.State.OPEN) {
            if (pendingToServer != null) {
                server.send(pendingToServer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                pendingToServer = null;
            }
            Optional<byte[]> m;
            while ((m = server.receive()).isPresent()) {
                TraversalMessage.parse(m.get()).ifPresent(msg -> fromServer(msg, now));
            }
        }
        Optional<TcpPort.TcpStream> a;
        while ((a = port.accept()).isPresent()) {
            log.add("accepted a connection from " + TraversalMessage.format(a.get().remote()));
            accepted.add(a.get());
        }
        if (token != null && chosen == null && !waitForCallback && now >= nextRound) {
            for (InetSocketAddress c : candidates) {
                if (accepted.stream().anyMatch(x -> x.remote().equals(c) && x.state() != TcpPort.TcpStream.State.FAILED)) {
                    continue;
                }
                TcpPort.TcpStream s = attempts.get(c);
                boolean stale = s != null && s.state() == TcpPort.TcpStream.State.CONNECTING
                        && now - startedAt.get(c) >= 2 * retry.toMillis();
                if (stale) {
                    s.close();
                }
                if (s == null || stale || s.state() == TcpPort.TcpStream.State.FAILED) {
                    log.add((s == null ? "connect to " : stale ? "SYN again (no answer yet) to "
                            : "retry (the last attempt failed) to ") + TraversalMessage.format(c));
                    attempts.put(c, port.connect(c));
                    startedAt.put(c, now);
                }
            }
            nextRound = now + retry.toMillis();
        }
        List<TcpPort.TcpStream> open = new ArrayList<>(attempts.values());
        open.addAll(accepted);
        for (TcpPort.TcpStream s : open) {
            if (s.state() != TcpPort.TcpStream.State.OPEN || token == null) {
                continue;
            }
            if (!greeted.contains(s)) {
                greeted.add(s);
                s.send(TraversalMessage.of("HELLO", token, id).bytes());
            }
            Optional<byte[]> m;
            while ((m = s.receive()).isPresent()) {
                Optional<TraversalMessage> msg = TraversalMessage.parse(m.get());
                if (msg.isEmpty() || !token.equals(msg.get().field(0)) || !msg.get().field(1).equals(other)) {
                    log.add("ignored a message on " + TraversalMessage.format(s.remote()) + ": not authenticated");
                    continue;
                }
                if (msg.get().kind().equals("HELLO") && chosen == null) {
                    chosen = s;
                    log.add("connected over " + TraversalMessage.format(s.remote()) + " ("
                            + (accepted.contains(s) ? "accept" : "connect") + ")");
                } else if (msg.get().kind().equals("DATA")) {
                    List<String> f = msg.get().fields();
                    received.add(String.join(" ", f.subList(2, f.size())));
                }
            }
        }
    }

    private void fromServer(TraversalMessage m, long now) {
        if (m.kind().equals("PEER") || m.kind().equals("CALLBACK")) {
            other = m.field(0);
            token = m.field(1);
            candidates.clear();
            TraversalMessage.address(m.field(2)).ifPresent(candidates::add);
            if (m.kind().equals("PEER")) {
                TraversalMessage.address(m.field(3)).filter(a -> !candidates.contains(a)).ifPresent(candidates::add);
            }
            nextRound = now + 1; // the next tick, when the other has heard too: the SYNs cross
            log.add(m.kind().equals("PEER") ? "peer " + other + ": candidates " + candidates
                    : "asked to connect back to " + other + " at " + m.field(2));
        }
    }

    private void toServer(TraversalMessage m) throws IOException {
        if (server != null && server.state() == TcpPort.TcpStream.State.OPEN && pendingToServer == null) {
            server.send(m.bytes());
        } else {
            pendingToServer = pendingToServer == null ? m.toString() : pendingToServer + "\n" + m;
        }
    }
}
