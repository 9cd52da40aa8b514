package org.netconform.spi.nat;

import java.time.Duration;
import java.util.Optional;

/**
 * How a test wants a lab's NAT set up. Timer overrides are honoured only by an adapter that declares
 * {@link NatAdapter#SET_TIMERS} (Linux conntrack timeouts are per namespace); the suite asks for them
 * only to observe timer semantics (refresh direction) in seconds rather than minutes. Checks of the
 * default timers (RFC 4787 REQ-5) open a lab with {@link #defaults()}.
 *
 * @param udpIdleTimeout          the UDP mapping timer
 * @param tcpTransitoryTimeout    the TCP transitory idle timer (SYN sent, FIN or RST seen)
 * @param tcpEstablishedTimeout   the TCP established idle timer
 */
public record NatLabOptions(Optional<Duration> udpIdleTimeout, Optional<Duration> tcpTransitoryTimeout,
                            Optional<Duration> tcpEstablishedTimeout) {

    public static NatLabOptions defaults() {
        return new NatLabOptions(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public NatLabOptions withUdpIdleTimeout(Duration timeout) {
        return new NatLabOptions(Optional.of(timeout), tcpTransitoryTimeout, tcpEstablishedTimeout);
    }

    public NatLabOptions withTcpTimeouts(Duration transitory, Duration established) {
        return new NatLabOptions(udpIdleTimeout, Optional.of(transitory), Optional.of(established));
    }

    public boolean overridesTimers() {
        return udpIdleTimeout.isPresent() || tcpTransitoryTimeout.isPresent() || tcpEstablishedTimeout.isPresent();
    }
}
