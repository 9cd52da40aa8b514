package org.netconform.cli;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.netconform.reference.stun.BehaviorDiscovery;
import org.netconform.reference.stun.DiscoveryOptions;
import org.netconform.reference.stun.DiscoveryReport;
import org.netconform.reference.stun.RetransmissionPolicy;
import org.netconform.reference.stun.UdpStunTransport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs the reference RFC 5780 discovery client against a server and prints the verdict. */
@Command(name = "stun-discover", mixinStandardHelpOptions = true,
        description = {"The netconform reference RFC 5780 discovery client: mapping, filtering, hairpinning and binding",
                "lifetime against a STUN server's primary address, each test from local ports of its own. Prints the",
                "verdict in the spec's words (no-nat, EIM/ADM/APDM, EIF/ADF/APDF); -v prints every request and response.",
                "Exit code 0 with a verdict, 3 without UDP connectivity."})
public final class StunDiscoverCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the server's primary address and port, e.g. 127.0.0.1:3478")
    String server;

    @Option(names = "--local", description = "local address to send from (default ${DEFAULT-VALUE})")
    String local = "127.0.0.1";

    @Option(names = "--tests", split = ",", description = "tests to run: ${COMPLETION-CANDIDATES} (default mapping,filtering)")
    List<DiscoveryOptions.Test> tests = List.of(DiscoveryOptions.Test.MAPPING, DiscoveryOptions.Test.FILTERING);

    @Option(names = "--timeout", description = "seconds an unanswered test may take; the RFC 8489 schedule (RTO 500 ms, doubling)"
            + " cut to fit (default: the whole schedule, 39.5 s)")
    Double timeoutSeconds;

    @Option(names = "--lifetime-max", description = "longest idle time the lifetime test tries, in seconds (default ${DEFAULT-VALUE})")
    double lifetimeMax = 600;

    @Option(names = "--lifetime-step", description = "resolution of the lifetime search, in seconds (default ${DEFAULT-VALUE})")
    double lifetimeStep = 5;

    @Option(names = {"-v", "--verbose"}, description = "print every request and response")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        RetransmissionPolicy policy = timeoutSeconds == null ? RetransmissionPolicy.RFC8489
                : RetransmissionPolicy.within(Duration.ofMillis((long) (timeoutSeconds * 1000)));
        DiscoveryOptions options = DiscoveryOptions.defaults(InetAddress.getByName(local))
                .withTests(tests.isEmpty() ? EnumSet.noneOf(DiscoveryOptions.Test.class) : EnumSet.copyOf(tests))
                .withPolicy(policy)
                .withLifetime(Duration.ofMillis((long) (lifetimeMax * 1000)), Duration.ofMillis((long) (lifetimeStep * 1000)));
        try (UdpStunTransport transport = new UdpStunTransport()) {
            DiscoveryReport r = new BehaviorDiscovery(transport, options).run(StunServeCommand.parse(server));
            if (verbose) {
                r.transcript().forEach(System.out::println);
            }
            r.notes().forEach(n -> System.out.println("note: " + n));
            r.mapped().ifPresent(m -> System.out.println("mapped address: " + m));
            System.out.println(r.summary());
            return r.connectivity() ? 0 : 3;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StunDiscoverCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
