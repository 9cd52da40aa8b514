package org.netconform.reference.stun;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an RFC 5780 discovery found. Empty means the test was not run or could not decide; the notes
 * say why.
 *
 * @param connectivity a response to test I arrived (§4.2)
 * @param mapped       the reflexive address test I learned
 * @param behindNat    false when test I's mapped address is the local one (§4.3)
 * @param mapping      the mapping behaviour (§4.3); endpoint-independent when there is no NAT
 * @param filtering    the filtering behaviour (§4.4)
 * @param hairpinning  whether a request to the own mapped address came back in (§3.4)
 * @param lifetime     the binding lifetime found (§4.6)
 * @param notes        why a test could not decide, in words
 * @param transcript   every request and response, in order
 */
public record DiscoveryReport(boolean connectivity, Optional<InetSocketAddress> mapped, Optional<Boolean> behindNat,
                              Optional<MappingBehavior> mapping, Optional<FilteringBehavior> filtering,
                              Optional<Boolean> hairpinning, Optional<Lifetime> lifetime, List<String> notes,
                              List<String> transcript) {

    /**
     * A binding lifetime: alive after {@code aliveAfter}, expired after {@code expiredAfter} (empty when
     * it outlived the longest wait tried).
     */
    public record Lifetime(Duration aliveAfter, Optional<Duration> expiredAfter) {
        @Override
        public String toString() {
            return expiredAfter.map(e -> "between " + aliveAfter.toMillis() + " ms and " + e.toMillis() + " ms")
                    .orElse("at least " + aliveAfter.toMillis() + " ms");
        }
    }

    /** One line in the spec's words: {@code no-nat}, {@code EIM/APDF}, ... */
    public String summary() {
        if (!connectivity) {
            return "no UDP connectivity";
        }
        StringBuilder s = new StringBuilder();
        if (behindNat.isPresent() && !behindNat.get()) {
            s.append("no-nat");
        } else {
            s.append(mapping.map(MappingBehavior::code).orElse("mapping ?"));
        }
        s.append(" / ").append(filtering.map(FilteringBehavior::code).orElse("filtering ?"));
        hairpinning.ifPresent(h -> s.append(h ? ", hairpinning" : ", no hairpinning"));
        lifetime.ifPresent(l -> s.append(", binding lifetime ").append(l));
        return s.toString();
    }
}
