package org.netconform.reference.stun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 5780's discovery client (§4): UDP connectivity, mapping, filtering, hairpinning and binding
 * lifetime, over any {@link StunTransport}, so the same code runs on real sockets and, in virtual
 * time, behind an in-process NAT. Every test opens local ports of its own, so no test sees state
 * another left in a NAT (§4.1): the mapping tests one port, the filtering tests a fresh one (they
 * must not have sent to the alternate address, §3.2), hairpinning two more, and the lifetime test
 * its port X and a fresh Y per probe. New transactions start at most ten a second (§5).
 */
public final class BehaviorDiscovery {
    private final StunTransport transport;
    private final DiscoveryOptions options;
    private final StunClient client;
    private final List<String> notes = new ArrayList<>();
    private long lastStart = Long.MIN_VALUE;

    public BehaviorDiscovery(StunTransport transport, DiscoveryOptions options) {
        this.transport = transport;
        this.options = options;
        this.client = new StunClient(transport, options.policy());
    }

    /** Runs the chosen tests against the server whose primary transport address is {@code server}. */
    public DiscoveryReport run(InetSocketAddress server) throws IOException {
        Optional<InetSocketAddress> mapped = Optional.empty();
        Optional<Boolean> behindNat = Optional.empty();
        Optional<MappingBehavior> mapping = Optional.empty();
        Optional<FilteringBehavior> filtering = Optional.empty();
        Optional<Boolean> hairpinning = Optional.empty();
        Optional<DiscoveryReport.Lifetime> lifetime = Optional.empty();
        boolean connectivity;

        // test I, on the mapping test's port (§4.2, §4.3): it is also the connectivity check
        try (StunTransport.StunSocket m = open()) {
            StunClient.Outcome first = transact(m, server, request());
            connectivity = first instanceof StunClient.Response;
            if (!(first instanceof StunClient.Response r1) || !r1.success() || r1.mapped().isEmpty()) {
                note("test I: " + describe(first) + (connectivity ? "" : ": no UDP connectivity with " + server + " (§4.2)"));
                return report(connectivity, mapped, behindNat, mapping, filtering, hairpinning, lifetime);
            }
            mapped = r1.mapped();
            behindNat = Optional.of(!mapped.get().equals(m.localAddress()));
            Optional<InetSocketAddress> other = r1.address(AttributeType.OTHER_ADDRESS);
            if (other.isEmpty()) {
                note("the server sent no OTHER-ADDRESS: it does not support RFC 5780, and the mapping and filtering"
                        + " tests cannot be run (§4.3, §4.4)");
            } else if (options.tests().contains(DiscoveryOptions.Test.MAPPING)) {
                mapping = mappingTests(m, server, mapped.get(), behindNat.get(), other.get());
            }
            if (other.isPresent() && options.tests().contains(DiscoveryOptions.Test.FILTERING)) {
                filtering = filteringTests(server);
            }
        }
        if (options.tests().contains(DiscoveryOptions.Test.HAIRPINNING)) {
            hairpinning = hairpinningTest(server);
        }
        if (options.tests().contains(DiscoveryOptions.Test.LIFETIME)) {
            lifetime = lifetimeTest(server);
        }
        return report(true, mapped, behindNat, mapping, filtering, hairpinning, lifetime);
    }

    private DiscoveryReport report(boolean connectivity, Optional<InetSocketAddress> mapped, Optional<Boolean> behindNat,
                                   Optional<MappingBehavior> mapping, Optional<FilteringBehavior> filtering,
                                   Optional<Boolean> hairpinning, Optional<DiscoveryReport.Lifetime> lifetime) {
        return new DiscoveryReport(connectivity, mapped, behindNat, mapping, filtering, hairpinning, lifetime,
                List.copyOf(notes), List.copyOf(client.log()));
    }

    /** §4.3 tests II and III from the port test I used. */
    private Optional<MappingBehavior> mappingTests(StunTransport.StunSocket m, InetSocketAddress server,
                                                   InetSocketAddress mapped1, boolean behindNat,
                                                   InetSocketAddress other) throws IOException {
        if (!behindNat) {
            note("test I: the mapped address is the local one: no NAT, the effective mapping is endpoint-independent");
            return Optional.of(MappingBehavior.ENDPOINT_INDEPENDENT);
        }
        InetSocketAddress alternateAddressPrimaryPort = new InetSocketAddress(other.getAddress(), server.getPort());
        Optional<InetSocketAddress> mapped2 = mappedOf(transact(m, alternateAddressPrimaryPort,
                request()), "mapping test II");
        if (mapped2.isEmpty()) {
            return Optional.empty();
        }
        if (mapped2.get().equals(mapped1)) {
            return Optional.of(MappingBehavior.ENDPOINT_INDEPENDENT);
        }
        Optional<InetSocketAddress> mapped3 = mappedOf(transact(m, other, request()),
                "mapping test III");
        if (mapped3.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(mapped3.get().equals(mapped2.get()) ? MappingBehavior.ADDRESS_DEPENDENT
                : MappingBehavior.ADDRESS_AND_PORT_DEPENDENT);
    }

    /** §4.4 on a fresh port: test I, then II (change IP and port), then III (change port). */
    private Optional<FilteringBehavior> filteringTests(InetSocketAddress server) throws IOException {
        try (StunTransport.StunSocket f = open()) {
            StunClient.Outcome first = transact(f, server, request());
            if (!(first instanceof StunClient.Response r1) || !r1.success()) {
                note("filtering test I: " + describe(first));
                return Optional.empty();
            }
            Optional<InetSocketAddress> other = r1.address(AttributeType.OTHER_ADDRESS);
            if (other.isEmpty()) {
                note("filtering test I: no OTHER-ADDRESS");
                return Optional.empty();
            }
            InetSocketAddress ca = other.get();
            Optional<Boolean> two = changed(f, server, ChangeRequest.BOTH, ca, "filtering test II");
            if (two.isEmpty()) {
                return Optional.empty();
            }
            if (two.get()) {
                return Optional.of(FilteringBehavior.ENDPOINT_INDEPENDENT);
            }
            InetSocketAddress samePortOther = new InetSocketAddress(server.getAddress(), ca.getPort());
            Optional<Boolean> three = changed(f, server, ChangeRequest.PORT, samePortOther, "filtering test III");
            return three.map(got -> got ? FilteringBehavior.ADDRESS_DEPENDENT : FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
        }
    }

    /**
     * A CHANGE-REQUEST probe: true when the response arrived from where it was asked to come from,
     * false when none arrived, empty when the answer cannot be used (an error, or a server that
     * answered from elsewhere and so ignores CHANGE-REQUEST).
     */
    private Optional<Boolean> changed(StunTransport.StunSocket f, InetSocketAddress server, ChangeRequest change,
                                      InetSocketAddress expectedSource, String test) throws IOException {
        StunClient.Outcome o = transact(f, server, request(change.attribute()));
        if (o instanceof StunClient.Timeout) {
            return Optional.of(false);
        }
        if (o instanceof StunClient.Response r && r.success()) {
            if (r.datagram().source().equals(expectedSource)) {
                return Optional.of(true);
            }
            note(test + ": asked for " + change + ", the response came from " + r.datagram().source() + ", not "
                    + expectedSource + ": the server does not honour CHANGE-REQUEST, and filtering cannot be told");
            return Optional.empty();
        }
        note(test + ": " + describe(o));
        return Optional.empty();
    }

    /** §3.4: from a second port, a request to the first port's mapped address; does it come back in? */
    private Optional<Boolean> hairpinningTest(InetSocketAddress server) throws IOException {
        try (StunTransport.StunSocket h1 = open(); StunTransport.StunSocket h2 = open()) {
            Optional<InetSocketAddress> mapped = mappedOf(transact(h1, server, request()),
                    "hairpinning test I");
            if (mapped.isEmpty()) {
                return Optional.empty();
            }
            StunMessage probe = request();
            byte[] bytes = StunCodec.encode(probe);
            pace();
            long start = transport.nowMillis();
            List<Duration> schedule = options.policy().sendTimes();
            int sent = 0;
            while (true) {
                long now = transport.nowMillis() - start;
                if (sent < schedule.size() && now >= schedule.get(sent).toMillis()) {
                    h2.send(mapped.get(), bytes);
                    client.log().add(String.format("t+%d ms %s -> %s hairpinning probe %s", now, h2.localAddress(),
                            mapped.get(), probe.transactionId()));
                    sent++;
                    continue;
                }
                long next = sent < schedule.size() ? schedule.get(sent).toMillis() : options.policy().giveUpAfter().toMillis();
                if (sent >= schedule.size() && now >= next) {
                    note("hairpinning: the probe to " + mapped.get() + " never reached " + h1.localAddress());
                    return Optional.of(false);
                }
                Optional<StunTransport.Received> got = transport.receive(List.of(h1), Duration.ofMillis(Math.max(1, next - now)));
                if (got.isPresent() && StunCodec.parse(got.get().datagram().data()) instanceof StunCodec.Parsed p
                        && p.message().transactionId().equals(probe.transactionId())) {
                    client.log().add("hairpinning probe arrived at " + h1.localAddress() + " from " + got.get().datagram().source());
                    return Optional.of(true);
                }
            }
        }
    }

    /** §4.6: binary search on the idle time T, probing from a fresh port Y with RESPONSE-PORT. */
    private Optional<DiscoveryReport.Lifetime> lifetimeTest(InetSocketAddress server) throws IOException {
        long step = Math.max(1, options.lifetimeStep().toMillis());
        long hi = options.lifetimeMax().toMillis();
        long lo = 0;
        try (StunTransport.StunSocket x = open()) {
            Optional<Boolean> atMax = lifetimeProbe(x, server, hi);
            if (atMax.isEmpty()) {
                return Optional.empty();
            }
            if (atMax.get()) {
                return Optional.of(new DiscoveryReport.Lifetime(Duration.ofMillis(hi), Optional.empty()));
            }
            while (hi - lo > step) {
                long mid = lo + (hi - lo) / 2;
                Optional<Boolean> alive = lifetimeProbe(x, server, mid);
                if (alive.isEmpty()) {
                    return Optional.empty();
                }
                if (alive.get()) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return Optional.of(new DiscoveryReport.Lifetime(Duration.ofMillis(lo), Optional.of(Duration.ofMillis(hi))));
        }
    }

    /** Refresh from X, stay silent on X for {@code idleMillis}, then ask from Y for a response to X. */
    private Optional<Boolean> lifetimeProbe(StunTransport.StunSocket x, InetSocketAddress server, long idleMillis)
            throws IOException {
        Optional<InetSocketAddress> mapped = mappedOf(transact(x, server, request()),
                "lifetime: the request from X");
        if (mapped.isEmpty()) {
            return Optional.empty();
        }
        transport.sleep(Duration.ofMillis(idleMillis));
        try (StunTransport.StunSocket y = open()) {
            StunMessage probe = request(Attributes.responsePort(mapped.get().getPort()));
            StunClient.Outcome o = transactListening(y, server, probe, List.of(x, y));
            if (o instanceof StunClient.Response r && r.success()) {
                boolean alive = r.at() == x;
                client.log().add("lifetime: after " + idleMillis + " ms idle the binding is " + (alive ? "alive" : "gone"));
                return Optional.of(alive);
            }
            if (o instanceof StunClient.Timeout) {
                client.log().add("lifetime: after " + idleMillis + " ms idle no response: the binding is gone");
                return Optional.of(false);
            }
            note("lifetime: " + describe(o) + (o instanceof StunClient.Response r && r.error().map(ErrorCode::code)
                    .orElse(0) == ErrorCode.UNKNOWN_ATTRIBUTE ? " (the server does not support RESPONSE-PORT)" : ""));
            return Optional.empty();
        }
    }

    private Optional<InetSocketAddress> mappedOf(StunClient.Outcome o, String test) {
        if (o instanceof StunClient.Response r && r.success() && r.mapped().isPresent()) {
            return r.mapped();
        }
        note(test + ": " + describe(o));
        return Optional.empty();
    }

    private StunClient.Outcome transact(StunTransport.StunSocket s, InetSocketAddress to, StunMessage m) throws IOException {
        return transactListening(s, to, m, List.of(s));
    }

    private StunClient.Outcome transactListening(StunTransport.StunSocket s, InetSocketAddress to, StunMessage m,
                                                 List<StunTransport.StunSocket> listen) throws IOException {
        pace();
        return client.transact(s, to, m, listen);
    }

    /** RFC 5780 §5: no more than ten new transactions a second. */
    private void pace() throws IOException {
        long now = transport.nowMillis();
        if (lastStart != Long.MIN_VALUE) {
            long wait = lastStart + options.pacing().toMillis() - now;
            if (wait > 0) {
                transport.sleep(Duration.ofMillis(wait));
            }
        }
        lastStart = transport.nowMillis();
    }

    /** A Binding request with a fresh transaction ID, SOFTWARE (RFC 8489 §6.1 SHOULD) and these attributes. */
    private StunMessage request(StunAttribute... extra) {
        StunMessage m = StunMessage.bindingRequest(TransactionId.random(), extra);
        return options.software().map(s -> m.with(Attributes.software(s))).orElse(m);
    }

    private StunTransport.StunSocket open() throws IOException {
        return transport.open(new InetSocketAddress(options.localAddress(), 0));
    }

    private void note(String s) {
        notes.add(s);
    }

    private static String describe(StunClient.Outcome o) {
        if (o instanceof StunClient.Timeout t) {
            return "no response after " + t.transmissions() + " transmissions";
        }
        if (o instanceof StunClient.Failed f) {
            return "failed: " + f.reason();
        }
        StunClient.Response r = (StunClient.Response) o;
        return r.success() ? "a success response without a usable mapped address"
                : "error response " + r.error().map(ErrorCode::toString).orElse("(no ERROR-CODE)");
    }
}
