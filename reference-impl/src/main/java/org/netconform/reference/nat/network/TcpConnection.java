package org.netconform.reference.nat.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.netconform.reference.nat.Endpoint;
import org.netconform.reference.nat.IcmpError;
import org.netconform.reference.nat.Packet;
import org.netconform.reference.nat.Payload;
import org.netconform.reference.nat.TcpFlag;
import org.netconform.reference.nat.TcpSegment;

/**
 * One end of a TCP connection on a virtual host, with just enough of RFC 793 to exercise a NAT: the
 * three-way handshake, the simultaneous open (RFC 793 Figure 8), data with ACKs, the FIN exchange (the
 * passive side closes at once), RST, and ICMP errors while connecting. No sequence numbers, no
 * retransmission, no TIME_WAIT.
 */
public final class TcpConnection {
    private final Host host;
    private final Endpoint local;
    private final Endpoint remote;
    private final TcpListener listener;
    private final Deque<Payload> received = new ArrayDeque<>();
    private TcpState state = TcpState.CLOSED;
    private IcmpError error;

    TcpConnection(Host host, Endpoint local, Endpoint remote, TcpListener listener) {
        this.host = host;
        this.local = local;
        this.remote = remote;
        this.listener = listener;
    }

    public Endpoint local() {
        return local;
    }

    /** The remote endpoint as this end sees it (after any translation on the way). */
    public Endpoint remote() {
        return remote;
    }

    public TcpState state() {
        return state;
    }

    /** The listener that accepted this connection, if it was accepted rather than opened. */
    public Optional<TcpListener> listener() {
        return Optional.ofNullable(listener);
    }

    /** The ICMP error that ended a connection attempt, if one did. */
    public Optional<IcmpError> error() {
        return Optional.ofNullable(error);
    }

    /** Sends a SYN. */
    public Transmission connect() {
        if (state != TcpState.CLOSED) {
            throw new IllegalStateException(this + " is " + state);
        }
        state = TcpState.SYN_SENT;
        return host.transmit(TcpSegment.of(local, remote, TcpFlag.SYN));
    }

    /** Sends data (with ACK); the other end acknowledges it. */
    public Transmission send(Payload payload) {
        if (state != TcpState.ESTABLISHED) {
            throw new IllegalStateException(this + " is " + state);
        }
        return host.transmit(TcpSegment.data(local, remote, payload));
    }

    /** The oldest data not yet read. */
    public Optional<Payload> receive() {
        return Optional.ofNullable(received.pollFirst());
    }

    /** Closes with a FIN: the other end answers with FIN-ACK at once, this end ACKs it. */
    public Transmission close() {
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED || state == TcpState.CLOSED) {
            end(TcpState.FINISHED);
            return Transmission.NOTHING;
        }
        if (state != TcpState.ESTABLISHED) {
            return Transmission.NOTHING;
        }
        state = TcpState.FIN_WAIT;
        return host.transmit(TcpSegment.of(local, remote, TcpFlag.FIN, TcpFlag.ACK));
    }

    /** Aborts with a RST. */
    public Transmission reset() {
        if (state.isOver() || state == TcpState.CLOSED) {
            end(TcpState.RESET);
            return Transmission.NOTHING;
        }
        end(TcpState.RESET);
        return host.transmit(TcpSegment.of(local, remote, TcpFlag.RST));
    }

    /** Opens the passive side: a SYN arrived at a listener. */
    List<Packet> acceptSyn() {
        state = TcpState.SYN_RECEIVED;
        return List.of(TcpSegment.of(local, remote, TcpFlag.SYN, TcpFlag.ACK));
    }

    /** A segment for this connection arrived; returns the answers. */
    List<Packet> onSegment(TcpSegment s) {
        List<Packet> answers = new ArrayList<>();
        if (s.has(TcpFlag.RST)) {
            end(TcpState.RESET);
            return answers;
        }
        boolean syn = s.has(TcpFlag.SYN);
        boolean ack = s.has(TcpFlag.ACK);
        switch (state) {
            case SYN_SENT -> {
                if (syn && ack) {
                    state = TcpState.ESTABLISHED;
                    answers.add(TcpSegment.of(local, remote, TcpFlag.ACK));
                } else if (syn) {
                    // Simultaneous open: the other end's SYN crossed ours.
                    state = TcpState.SYN_RECEIVED;
                    answers.add(TcpSegment.of(local, remote, TcpFlag.SYN, TcpFlag.ACK));
                }
            }
            case SYN_RECEIVED -> {
                if (ack) {
                    establish();
                    if (syn) {
                        answers.add(TcpSegment.of(local, remote, TcpFlag.ACK));
                    }
                }
            }
            case ESTABLISHED -> {
                if (!s.payload().isEmpty()) {
                    received.addLast(s.payload());
                    answers.add(TcpSegment.of(local, remote, TcpFlag.ACK));
                }
                if (s.has(TcpFlag.FIN)) {
                    // Passive close, at once: ACK their FIN and send ours.
                    state = TcpState.LAST_ACK;
                    answers.add(TcpSegment.of(local, remote, TcpFlag.FIN, TcpFlag.ACK));
                }
            }
            case FIN_WAIT -> {
                if (s.has(TcpFlag.FIN)) {
                    end(TcpState.FINISHED);
                    answers.add(TcpSegment.of(local, remote, TcpFlag.ACK));
                }
            }
            case LAST_ACK -> {
                if (ack) {
                    end(TcpState.FINISHED);
                }
            }
            default -> {
            }
        }
        return answers;
    }

    /** An ICMP error quoting this connection: a hard error while connecting (RFC 1122 4.2.3.9), else ignored. */
    void onIcmp(IcmpError e) {
        if (state == TcpState.SYN_SENT) {
            error = e;
            end(TcpState.UNREACHABLE);
        }
    }

    private void establish() {
        state = TcpState.ESTABLISHED;
        if (listener != null) {
            listener.established(this);
        }
    }

    private void end(TcpState finalState) {
        state = finalState;
        host.forget(this);
    }

    @Override
    public String toString() {
        return "tcp " + local + " - " + remote;
    }
}
