package org.netconform.suites.realnat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.netconform.harness.Targets;
import org.netconform.spi.Target;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryRequest;
import org.netconform.spi.stun.DiscoveryVerdict;

/**
 * Runs a target's discovery client in a lab namespace (see {@link LabJvm}), so that the client, and
 * any program its adapter starts, sends from behind the lab's NAT:
 * {@code TARGET_ID SERVER_ADDRESS SERVER_PORT LOCAL_ADDRESS}. Asks for mapping, filtering and
 * hairpinning with a 3 s probe timeout and prints the verdict as one {@code VERDICT} line (fields as
 * {@link DiscoveryVerdict} names them, {@code -} where the client said nothing) and the client's own
 * words as {@code WORDS} lines; a client that could not run prints {@code FAILED} and the reason.
 */
public final class DiscoveryProcess {
    private DiscoveryProcess() {
    }

    public static void main(String[] args) {
        try {
            Target t = Targets.registered().get(args[0]);
            DiscoveryClientAdapter client = t == null ? null : t.adapter(DiscoveryClientAdapter.class).orElse(null);
            if (client == null) {
                throw new IllegalArgumentException(args[0] + " is no target with a DiscoveryClientAdapter in this JVM");
            }
            Set<String> tests = Set.of(DiscoveryClientAdapter.MAPPING, DiscoveryClientAdapter.FILTERING,
                    DiscoveryClientAdapter.HAIRPINNING);
            DiscoveryVerdict v = client.discover(new DiscoveryRequest(new InetSocketAddress(args[1], Integer.parseInt(args[2])),
                    InetAddress.getByName(args[3]), tests, Optional.of(Duration.ofSeconds(3)), Optional.empty(),
                    Duration.ofSeconds(60)));
            System.out.println("VERDICT connectivity=" + v.connectivity() + " behindNat=" + text(v.behindNat())
                    + " mapping=" + text(v.mapping()) + " filtering=" + text(v.filtering())
                    + " hairpinning=" + text(v.hairpinning()) + " mapped=" + text(v.mapped().map(DiscoveryProcess::address)));
            v.words().lines().forEach(l -> System.out.println("WORDS " + l));
        } catch (Exception | AssertionError e) {
            System.out.println("FAILED " + e);
        }
        System.out.flush();
        System.exit(0);
    }

    private static String text(Optional<?> o) {
        return o.map(String::valueOf).orElse("-");
    }

    private static String address(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
