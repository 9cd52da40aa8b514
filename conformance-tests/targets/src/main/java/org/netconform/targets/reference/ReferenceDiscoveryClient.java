package org.netconform.targets.reference;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.netconform.reference.stun.BehaviorDiscovery;
import org.netconform.reference.stun.DiscoveryOptions;
import org.netconform.reference.stun.DiscoveryReport;
import org.netconform.reference.stun.RetransmissionPolicy;
import org.netconform.reference.stun.UdpStunTransport;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryRequest;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.spi.stun.FilteringVerdict;
import org.netconform.spi.stun.MappingVerdict;

/**
 * The reference RFC 5780 discovery client ({@link BehaviorDiscovery}) on real sockets. A probe
 * timeout shortens its retransmission schedule ({@link RetransmissionPolicy#within}); without one it
 * keeps RFC 8489's defaults (Rc 7, Rm 16: 39.5 s for an unanswered test).
 */
public final class ReferenceDiscoveryClient implements DiscoveryClientAdapter {

    @Override
    public String description() {
        return "netconform reference RFC 5780 discovery client (JDK DatagramChannel, in process)";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(MAPPING, FILTERING, HAIRPINNING, LIFETIME, TIMEOUT);
    }

    @Override
    public DiscoveryVerdict discover(DiscoveryRequest request) throws Exception {
        EnumSet<DiscoveryOptions.Test> tests = EnumSet.noneOf(DiscoveryOptions.Test.class);
        for (String t : request.tests()) {
            tests.add(switch (t) {
                case MAPPING -> DiscoveryOptions.Test.MAPPING;
                case FILTERING -> DiscoveryOptions.Test.FILTERING;
                case HAIRPINNING -> DiscoveryOptions.Test.HAIRPINNING;
                case LIFETIME -> DiscoveryOptions.Test.LIFETIME;
                default -> throw new IllegalArgumentException("no such test: " + t);
            });
        }
        Duration max = request.lifetimeMax().orElse(Duration.ofMinutes(10));
        DiscoveryOptions options = DiscoveryOptions.defaults(request.localAddress()).withTests(tests)
                .withPolicy(request.probeTimeout().map(RetransmissionPolicy::within).orElse(RetransmissionPolicy.RFC8489))
                .withLifetime(max, Duration.ofMillis(Math.max(100, max.toMillis() / 8)));
        try (UdpStunTransport transport = new UdpStunTransport()) {
            DiscoveryReport r = new BehaviorDiscovery(transport, options).run(request.server());
            return new DiscoveryVerdict(r.connectivity(), r.behindNat(), r.mapped(),
                    r.mapping().map(m -> MappingVerdict.valueOf(m.code())),
                    r.filtering().map(f -> FilteringVerdict.valueOf(f.code())), r.hairpinning(),
                    r.lifetime().map(DiscoveryReport.Lifetime::aliveAfter),
                    r.lifetime().flatMap(DiscoveryReport.Lifetime::expiredAfter),
                    r.summary() + (r.notes().isEmpty() ? "" : "; " + String.join("; ", r.notes())));
        }
    }
}
