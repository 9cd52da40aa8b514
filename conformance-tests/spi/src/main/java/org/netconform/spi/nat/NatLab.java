package org.netconform.spi.nat;

import java.time.Duration;
import java.util.Optional;

/**
 * One NAT with hosts on both sides, fresh for one test or one property try: the operations the suite
 * observes any NAT through, whether it is an in-process model in virtual time or real packets
 * between network namespaces.
 *
 * <p>Sockets: an operation opens the sockets it names on first use (a UDP socket or TCP listener bound
 * at that endpoint on that host) and keeps them open until {@link #close()}, so a mapping made by one
 * operation can be used by the next. An endpoint's address must be an inside host's, an outside host's
 * or (as a destination only) one of the NAT's external addresses; anything else is refused with
 * {@link IllegalArgumentException}. Payloads are the lab's business: each send carries a fresh nonce,
 * so a delivery is attributed to the send that caused it and never to an earlier one.
 *
 * <p>Waiting: "nothing arrived" means nothing within the lab's delivery wait (zero in virtual time;
 * a bounded fraction of a second between namespaces). A lab that cannot answer at all (an agent
 * died, a namespace vanished) throws {@link NatLabException}: the harness makes it ERROR, never a
 * verdict on the NAT.
 */
public interface NatLab extends AutoCloseable {

    NatTopology topology();

    /** True when time is virtual: {@link #advance} costs nothing and delivery is immediate. */
    boolean virtualTime();

    /**
     * Sends one UDP datagram from {@code from} to {@code to}. Returns the socket that received it and
     * the source that socket saw, or empty when nothing arrived.
     */
    Optional<Delivery> udp(NatEndpoint from, NatEndpoint to);

    /**
     * Sends one UDP datagram from {@code from} (inside) to {@code to} (outside) where no socket is
     * open, so the outside host answers with ICMP port unreachable. Returns true when that ICMP error
     * reached the inside socket (the NAT translated it back; RFC 4787 REQ-12).
     */
    boolean udpToClosedPort(NatEndpoint from, NatEndpoint to);

    /**
     * Opens a TCP connection from {@code from} to {@code to}; the destination listens when it is a
     * host's own endpoint (opened on first use), and through the NAT's external endpoint only when an
     * inside listener was opened with {@link #tcpListen}. The connection stays open until
     * {@link #tcpClose} or {@link #close()}.
     */
    TcpOutcome tcpConnect(NatEndpoint from, NatEndpoint to);

    /** Opens a TCP listener at an inside or outside endpoint (with SO_REUSEADDR and SO_REUSEPORT). */
    void tcpListen(NatEndpoint at);

    /**
     * Both ends connect to each other at once from bound ports (TCP simultaneous open through the NAT;
     * RFC 5382 REQ-2). {@code inside} connects to {@code outside}, and {@code outside} connects to
     * {@code insideMapping} (the external endpoint it expects the inside end to have).
     */
    TcpOutcome tcpSimultaneousOpen(NatEndpoint inside, NatEndpoint outside, NatEndpoint insideMapping);

    /** Ends the connection made from {@code from} to {@code to}: a FIN exchange, or a RST when asked. */
    void tcpClose(NatEndpoint from, NatEndpoint to, boolean reset);

    /** Lets time pass: virtual time moves at once; between namespaces the lab sleeps. */
    void advance(Duration duration);

    /** The NAT's table as it can be read (model state, {@code conntrack -L}), for the report's log. */
    default String describeTable() {
        return "";
    }

    /** Releases every socket, process and namespace of this lab; never throws for a lab already gone. */
    @Override
    void close();
}
