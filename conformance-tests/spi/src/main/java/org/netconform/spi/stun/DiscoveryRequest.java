package org.netconform.spi.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What the suite asks a discovery client to do.
 *
 * @param server        the primary transport address of the STUN server (the suite's own)
 * @param localAddress  the local address to send from (127.0.0.1)
 * @param tests         the tests to run: {@link DiscoveryClientAdapter#MAPPING}, {@code FILTERING}, ...
 * @param probeTimeout  how long one unanswered test may wait, for a client that can be told
 *                      ({@link DiscoveryClientAdapter#TIMEOUT}); empty: the client's defaults
 * @param lifetimeMax   for the lifetime test: the longest idle time to try
 * @param deadline      the adapter gives up (and throws) after this long
 */
public record DiscoveryRequest(InetSocketAddress server, InetAddress localAddress, Set<String> tests,
                               Optional<Duration> probeTimeout, Optional<Duration> lifetimeMax, Duration deadline) {
    public DiscoveryRequest {
        tests = Set.copyOf(tests);
    }
}
