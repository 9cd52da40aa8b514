package org.netconform.suites.nat;

import java.util.ArrayList;
import java.util.List;
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
import org.netconform.harness.RequiresCapability;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.TcpOutcome;

/**
 * Random TCP sequences from one inside endpoint (NAT-TCP-2): connections to distinct outside endpoints,
 * some left open, some ended by a FIN exchange and some by a RST, in any order; every one establishes
 * through an external endpoint. Destinations never repeat, so no inside TIME_WAIT gets in the way.
 */
@ConformanceProperties
@AddLifecycleHook(NatPropertyHook.class)
public class NatTcpProperties {

    public enum End {
        KEEP_OPEN, FIN, RST
    }

    /** A connection to outside host {@code host} (0 = S1, 1 = S2, 2 = O), port {@code port}, then {@code end}. */
    public record Conn(int host, int port, End end) {
        NatEndpoint to(NatBench b) {
            return new NatMappingProperties.Dest(host, port).on(b);
        }

        @Override
        public String toString() {
            return new NatMappingProperties.Dest(host, port) + " " + end;
        }
    }

    @Provide
    Arbitrary<List<Conn>> sequences() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(3478, 3485),
                        Arbitraries.of(End.class))
                .as(Conn::new).list().ofMinSize(1).ofMaxSize(8)
                .uniqueElements(c -> c.host() * 100_000 + c.port());
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @NatTries(virtualTime = 30, realTime = 3)
    @Requirement("NAT-TCP-2")
    @RequiresCapability(NatAdapter.TCP)
    void everyConnectionOfASequenceEstablishes(NatAdapter nat, @ForAll("sequences") List<Conn> sequence) {
        try (NatBench b = NatBench.open(nat)) {
            NatEndpoint x = b.x1(b.fresh());
            List<String> wrong = new ArrayList<>();
            for (Conn c : sequence) {
                TcpOutcome t = b.tcp(x, c.to(b));
                if (t.kind() != TcpOutcome.Kind.ESTABLISHED || !t.delivery().map(d -> b.isExternal(d.seenSource()))
                        .orElse(false)) {
                    wrong.add(c + ": " + NatBench.show(t));
                }
                if (c.end() != End.KEEP_OPEN && t.kind() == TcpOutcome.Kind.ESTABLISHED) {
                    b.close(x, c.to(b), c.end() == End.RST);
                }
            }
            Check.that("every connection from " + x + " established through an external endpoint",
                    wrong.isEmpty() ? "all " + sequence.size() + " established" : wrong, wrong.isEmpty());
        }
    }
}
