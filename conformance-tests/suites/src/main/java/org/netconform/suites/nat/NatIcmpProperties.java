package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;

/**
 * ICMP errors interleaved at random with traffic through one mapping (NAT-ICMP-1): whenever S1:a
 * sends to the mapping, its datagram arrives, however many port unreachables came back before.
 */
@ConformanceProperties
@AddLifecycleHook(NatPropertyHook.class)
public class NatIcmpProperties {

    public enum Event {
        ICMP_FROM_S1("datagram to S1's closed port (ICMP back)"),
        ICMP_FROM_S2("datagram to S2's closed port (ICMP back)"),
        ICMP_FROM_O("datagram to O's closed port (ICMP back)"),
        OUT("datagram to S1:a"),
        IN("S1:a sends to the mapping");

        private final String text;

        Event(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Provide
    Arbitrary<List<Event>> events() {
        return Arbitraries.of(Event.class).list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 30, realTime = 3)
    @Requirement("NAT-ICMP-1")
    @RequiresCapability(NatAdapter.ICMP)
    void icmpErrorsNeverEndTheMapping(NatAdapter nat, @ForAll("events") List<Event> events) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            NatEndpoint m = b.mapOrAbort(x, b.s1a());
            List<String> lost = new ArrayList<>();
            List<Event> all = new ArrayList<>(events);
            all.add(Event.IN);
            for (int i = 0; i < all.size(); i++) {
                switch (all.get(i)) {
                    case ICMP_FROM_S1 -> b.udpToClosedPort(x, b.closed(b.topology().primaryServer()));
                    case ICMP_FROM_S2 -> b.udpToClosedPort(x, b.closed(b.topology().alternateServer()));
                    case ICMP_FROM_O -> b.udpToClosedPort(x, b.closed(b.topology().otherOutsideHost()));
                    case OUT -> b.map(x, b.s1a());
                    case IN -> {
                        if (!b.reaches(b.s1a(), m, x)) {
                            lost.add("step " + (i + 1));
                        }
                    }
                }
            }
            Check.that("every datagram S1:a sends to " + m + " arrives at " + x,
                    lost.isEmpty() ? "all arrived" : "lost at " + lost, lost.isEmpty());
        }
    }
}
