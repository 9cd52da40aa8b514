package org.netconform.netlab;

import java.util.Optional;

/**
 * How a TCP connection attempt ended as the connecting side saw it; for {@link Kind#ESTABLISHED} also
 * where the connection was accepted and the source the accepting socket saw.
 */
public record TcpResult(Kind kind, Optional<Arrival> arrival) {

    public enum Kind {
        ESTABLISHED,
        /** ECONNREFUSED with no ICMP destination unreachable counted on the host: a RST. */
        RESET,
        /** An ICMP destination unreachable reached the host during the attempt. */
        ICMP_UNREACHABLE,
        /** Nothing came back within the lab's TCP wait, or the host had no route at all. */
        NO_ANSWER
    }

    public TcpResult {
        if ((kind == Kind.ESTABLISHED) != arrival.isPresent()) {
            throw new IllegalArgumentException("an arrival comes with ESTABLISHED and only with it");
        }
    }

    public static TcpResult established(Arrival arrival) {
        return new TcpResult(Kind.ESTABLISHED, Optional.of(arrival));
    }

    public static TcpResult of(Kind kind) {
        return new TcpResult(kind, Optional.empty());
    }
}
