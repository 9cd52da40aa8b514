package org.netconform.cli;

import java.net.InetSocketAddress;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.netconform.reference.stun.ServerAddresses;
import org.netconform.reference.stun.StunServerConfig;
import org.netconform.reference.stun.StunServerCore;
import org.netconform.reference.stun.UdpStunServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the reference STUN server (RFC 8489 Binding, RFC 5780 with two addresses) until interrupted. */
@Command(name = "stun-serve", mixinStandardHelpOptions = true,
        description = {"The netconform reference STUN server: RFC 8489 Binding and, with an alternate address, RFC 5780",
                "(OTHER-ADDRESS, RESPONSE-ORIGIN, CHANGE-REQUEST, RESPONSE-PORT, PADDING). On loopback, 127.0.0.1 and",
                "127.0.0.2 serve as the two addresses. -v prints what it decided for every datagram, and why."})
public final class StunServeCommand implements Callable<Integer> {
    @Option(names = "--primary", description = "primary address and port A1:P1 (default ${DEFAULT-VALUE}; port 0 picks one)")
    String primary = "127.0.0.1:3478";

    @Option(names = "--alternate", description = "alternate address and port A2:P2 (default ${DEFAULT-VALUE}; port 0 picks one)")
    String alternate = "127.0.0.2:3479";

    @Option(names = "--single", description = "serve the primary address alone: no OTHER-ADDRESS, 420 to CHANGE-REQUEST")
    boolean single;

    @Option(names = "--no-classic", description = "discard RFC 3489 requests (RFC 5780 §3) instead of answering them (RFC 8489 §12)")
    boolean noClassic;

    @Option(names = "--no-response-port", description = "do not support RESPONSE-PORT (answer 420)")
    boolean noResponsePort;

    @Option(names = "--no-padding", description = "do not support PADDING (answer 420)")
    boolean noPadding;

    @Option(names = "--padding-length", description = "PADDING octets in responses, a multiple of 4 (default ${DEFAULT-VALUE})")
    int paddingLength = 1500;

    @Option(names = "--fingerprint", description = "FINGERPRINT in responses: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    StunServerConfig.FingerprintPolicy fingerprint = StunServerConfig.FingerprintPolicy.ECHO;

    @Option(names = "--software", description = "SOFTWARE value (default \"${DEFAULT-VALUE}\"); empty for none")
    String software = StunServerConfig.SOFTWARE;

    @Option(names = {"-v", "--verbose"}, description = "print every datagram and the decision")
    boolean verbose;

    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new CommandLine.ParameterException(new CommandLine(new StunServeCommand()), "address:port expected, got " + hostPort);
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    StunServerConfig config() {
        return StunServerConfig.defaults().withSoftware(software.isEmpty() ? Optional.empty() : Optional.of(software))
                .withClassicClients(!noClassic).withResponsePort(!noResponsePort).withPadding(!noPadding, paddingLength)
                .withFingerprint(fingerprint);
    }

    @Override
    public Integer call() throws Exception {
        ServerAddresses wanted = single ? ServerAddresses.single(parse(primary)) : ServerAddresses.pair(parse(primary), parse(alternate));
        StunServerConfig config = config();
        UdpStunServer server = UdpStunServer.start(wanted, at -> {
            StunServerCore core = new StunServerCore(at, config);
            return d -> {
                StunServerCore.Decision decision = core.decide(d);
                if (verbose) {
                    System.out.println(LocalTime.now() + " " + d.source() + " -> " + d.destination() + ": " + decision.why());
                }
                return decision.response().map(List::of).orElse(List.of());
            };
        }, (r, s) -> { });
        System.out.println("STUN server on " + server.addresses() + " (endpoints " + server.addresses().endpoints() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StunServeCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
