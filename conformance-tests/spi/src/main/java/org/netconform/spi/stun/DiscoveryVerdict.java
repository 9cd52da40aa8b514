package org.netconform.spi.stun;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What a discovery client reported, translated into the spec's words by its adapter; empty where the
 * client said nothing (or said it could not tell). {@code words} is what the client itself printed
 * or returned, for the report.
 *
 * @param connectivity  the client reached the server (RFC 5780 §4.2)
 * @param behindNat     whether the client said it is behind a NAT (false: "no NAT", "open")
 * @param mapped        the reflexive address it reported
 * @param mapping       its mapping verdict
 * @param filtering     its filtering verdict
 * @param hairpinning   its hairpinning verdict
 * @param lifetimeAlive the longest idle time after which it found the binding alive
 * @param lifetimeGone  the shortest idle time after which it found the binding expired
 * @param words         the client's own words
 */
public record DiscoveryVerdict(boolean connectivity, Optional<Boolean> behindNat, Optional<InetSocketAddress> mapped,
                               Optional<MappingVerdict> mapping, Optional<FilteringVerdict> filtering,
                               Optional<Boolean> hairpinning, Optional<Duration> lifetimeAlive,
                               Optional<Duration> lifetimeGone, String words) {

    /** One line in the spec's words: {@code no-nat / EIF}, {@code EIM / APDF}, ... */
    public String summary() {
        if (!connectivity) {
            return "no UDP connectivity";
        }
        String m = behindNat.isPresent() && !behindNat.get() ? "no-nat" : mapping.map(Enum::name).orElse("mapping ?");
        String s = m + " / " + filtering.map(Enum::name).orElse("filtering ?");
        if (hairpinning.isPresent()) {
            s += hairpinning.get() ? ", hairpinning" : ", no hairpinning";
        }
        if (lifetimeAlive.isPresent() || lifetimeGone.isPresent()) {
            s += ", lifetime " + lifetimeAlive.map(d -> ">= " + d.toMillis() + " ms").orElse("")
                    + lifetimeGone.map(d -> " < " + d.toMillis() + " ms").orElse("");
        }
        return s;
    }
}
