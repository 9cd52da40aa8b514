package org.netconform.suites.nat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;

/**
 * Hairpinning between random pairs of inside endpoints (NAT-HAIR-1): on different hosts or two ports
 * of one host, their mappings made towards random servers, in either order of the punch.
 */
@ConformanceProperties
@AddLifecycleHook(NatPropertyHook.class)
public class NatHairpinProperties {

    /** Sender and receiver (host, port index), the servers each first sent to, and whether the receiver punches first. */
    public record Pair(int senderHost, int senderPort, int receiverHost, int receiverPort, int senderServer,
                       int receiverServer, boolean punch) {
        @Override
        public String toString() {
            return "X" + (senderHost + 1) + "#" + senderPort + " (via S" + (senderServer + 1) + ") -> X"
                    + (receiverHost + 1) + "#" + receiverPort + " (via S" + (receiverServer + 1) + ")"
                    + (punch ? ", receiver punches first" : "");
        }
    }

    @Provide
    Arbitrary<Pair> pairs() {
        Arbitrary<Integer> host = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> server = Arbitraries.integers().between(0, 1);
        return Combinators.combine(host, port, host, port, server, server, Arbitraries.of(true, true, false))
                .as(Pair::new).filter(p -> p.senderHost() != p.receiverHost() || p.senderPort() != p.receiverPort());
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 30, realTime = 4, needs = NatTries.Need.UDP_HAIRPIN_DECIDABLE)
    @Requirement("NAT-HAIR-1")
    void insideEndpointsReachEachOtherThroughTheirExternalEndpoints(NatAdapter nat, @ForAll("pairs") Pair p) {
        try (NatBench b = NatBench.open(nat)) {
            int base = b.fresh();
            b.fresh();
            NatEndpoint x = b.inside(p.senderHost(), base + p.senderPort());
            NatEndpoint y = b.inside(p.receiverHost(), base + p.receiverPort());
            NatEndpoint mx = b.mapOrAbort(x, p.senderServer() == 0 ? b.s1a() : b.s2a());
            NatEndpoint my = b.mapOrAbort(y, p.receiverServer() == 0 ? b.s1b() : b.s2b());
            if (p.punch()) {
                b.udp(y, mx);
            }
            // without a punch first, a NAT whose filtering applies to hairpinned packets may drop the first
            // one; the second, after the receiver answered, must pass
            boolean arrived = b.udp(x, my).map(d -> d.receivedAt().equals(y)).orElse(false);
            if (!arrived && !p.punch()) {
                b.udp(y, mx);
                arrived = b.udp(x, my).map(d -> d.receivedAt().equals(y)).orElse(false);
            }
            Check.that(x + "'s datagram to " + y + "'s external endpoint " + my + " arrives at " + y,
                    arrived ? "arrived" : "nothing arrived", arrived);
        }
    }
}
