package org.netconform.spi.nat;

import java.util.Optional;

/**
 * How a TCP connection attempt through a NAT lab ended, as the side that started it saw it.
 *
 * @param kind      what the connecting side observed
 * @param delivery  for {@link Kind#ESTABLISHED}: the accepting socket and the source it saw
 */
public record TcpOutcome(Kind kind, Optional<Delivery> delivery) {

    public enum Kind {
        /** The three-way handshake (or a simultaneous open) completed. */
        ESTABLISHED,
        /** A RST came back. */
        RESET,
        /** An ICMP destination unreachable came back (ECONNREFUSED via ICMP, EHOSTUNREACH). */
        ICMP_UNREACHABLE,
        /** Nothing came back within the lab's wait: the SYN was dropped or held. */
        NO_ANSWER
    }

    public static TcpOutcome established(Delivery delivery) {
        return new TcpOutcome(Kind.ESTABLISHED, Optional.of(delivery));
    }

    public static TcpOutcome of(Kind kind) {
        if (kind == Kind.ESTABLISHED) {
            throw new IllegalArgumentException("an established outcome carries its delivery");
        }
        return new TcpOutcome(kind, Optional.empty());
    }
}
