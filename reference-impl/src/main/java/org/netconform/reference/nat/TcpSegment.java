package org.netconform.reference.nat;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A TCP segment: flags and payload, no sequence numbers. A NAT's session tracking looks only at the
 * flags (RFC 7857 section 2), so the model leaves numbering to the end hosts it does not simulate.
 */
public record TcpSegment(Endpoint source, Endpoint destination, Set<TcpFlag> flags, Payload payload)
        implements TransportPacket {

    public TcpSegment {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
        EnumSet<TcpFlag> copy = EnumSet.noneOf(TcpFlag.class);
        copy.addAll(flags);
        flags = Collections.unmodifiableSet(copy);
    }

    public static TcpSegment of(Endpoint source, Endpoint destination, TcpFlag... flags) {
        return new TcpSegment(source, destination, Set.of(flags), Payload.EMPTY);
    }

    public static TcpSegment data(Endpoint source, Endpoint destination, Payload payload) {
        return new TcpSegment(source, destination, Set.of(TcpFlag.ACK), payload);
    }

    public boolean has(TcpFlag flag) {
        return flags.contains(flag);
    }

    /** A connection request: SYN without ACK (a SYN-ACK answers one). */
    public boolean isInitialSyn() {
        return has(TcpFlag.SYN) && !has(TcpFlag.ACK);
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    public TcpSegment withSource(Endpoint newSource) {
        return new TcpSegment(newSource, destination, flags, payload);
    }

    @Override
    public TcpSegment withDestination(Endpoint newDestination) {
        return new TcpSegment(source, newDestination, flags, payload);
    }

    @Override
    public String describe() {
        String f = flags.stream().map(Enum::name).collect(Collectors.joining("+"));
        return "TCP " + source + " -> " + destination + " [" + f + "]" + (payload.isEmpty() ? "" : " " + payload);
    }
}
