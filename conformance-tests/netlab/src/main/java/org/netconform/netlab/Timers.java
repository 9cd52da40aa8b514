package org.netconform.netlab;

import java.time.Duration;
import java.util.Optional;

/**
 * Overrides of the router's connection-tracking timers for one lab; an empty value keeps the kernel's
 * default. Linux keeps these per network namespace, so a lab can shorten them without touching the host.
 *
 * @param udpIdle          the UDP mapping timer (both the unreplied and the stream timeout)
 * @param tcpTransitory    SYN sent or received, FIN or RST seen
 * @param tcpEstablished   an established connection's idle timer
 */
public record Timers(Optional<Duration> udpIdle, Optional<Duration> tcpTransitory, Optional<Duration> tcpEstablished) {

    public static Timers kernelDefaults() {
        return new Timers(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Timers withUdpIdle(Duration timeout) {
        return new Timers(Optional.of(timeout), tcpTransitory, tcpEstablished);
    }

    public Timers withTcp(Duration transitory, Duration established) {
        return new Timers(udpIdle, Optional.of(transitory), Optional.of(established));
    }
}
