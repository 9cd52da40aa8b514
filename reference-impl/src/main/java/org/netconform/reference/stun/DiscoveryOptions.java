package org.netconform.reference.stun;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link BehaviorDiscovery} runs.
 *
 * @param localAddress  the address its sockets bind to (a concrete one, so test I can compare)
 * @param tests         which of RFC 5780's tests to run
 * @param policy        the retransmission schedule; an unanswered filtering test waits it out
 * @param pacing        the least time between the starts of two transactions (RFC 5780 §5: at most ten per second)
 * @param lifetimeMax   the longest idle time the lifetime test tries
 * @param lifetimeStep  the resolution the lifetime search stops at
 * @param software      the SOFTWARE its requests carry (RFC 8489 §6.1 SHOULD), or none
 */
public record DiscoveryOptions(InetAddress localAddress, Set<Test> tests, RetransmissionPolicy policy, Duration pacing,
                               Duration lifetimeMax, Duration lifetimeStep, Optional<String> software) {
    public static final String SOFTWARE = "netconform reference discovery";

    /** The tests of RFC 5780 §3 and §4. */
    public enum Test {
        MAPPING, FILTERING, HAIRPINNING, LIFETIME
    }

    public DiscoveryOptions {
        tests = tests.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tests));
    }

    public static DiscoveryOptions defaults(InetAddress localAddress) {
        return new DiscoveryOptions(localAddress, EnumSet.of(Test.MAPPING, Test.FILTERING), RetransmissionPolicy.RFC8489,
                Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofSeconds(5), Optional.of(SOFTWARE));
    }

    public DiscoveryOptions withTests(Set<Test> t) {
        return new DiscoveryOptions(localAddress, t, policy, pacing, lifetimeMax, lifetimeStep, software);
    }

    public DiscoveryOptions withPolicy(RetransmissionPolicy p) {
        return new DiscoveryOptions(localAddress, tests, p, pacing, lifetimeMax, lifetimeStep, software);
    }

    public DiscoveryOptions withLifetime(Duration max, Duration step) {
        return new DiscoveryOptions(localAddress, tests, policy, pacing, max, step, software);
    }
}
