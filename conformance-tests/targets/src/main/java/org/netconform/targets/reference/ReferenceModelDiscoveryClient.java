package org.netconform.targets.reference;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netconform.reference.stun.BehaviorDiscovery;
import org.netconform.reference.stun.Datagram;
import org.netconform.reference.stun.DiscoveryOptions;
import org.netconform.reference.stun.DiscoveryReport;
import org.netconform.reference.stun.RetransmissionPolicy;
import org.netconform.reference.stun.StunTransport;
import org.netconform.spi.stun.DatagramTransport;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryRequest;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.spi.stun.FilteringVerdict;
import org.netconform.spi.stun.MappingVerdict;
import org.netconform.spi.stun.ModelDiscoveryClientAdapter;

/**
 * The reference RFC 5780 discovery client ({@link BehaviorDiscovery}) over the suite's transport: the
 * same code as on real sockets, through a bridge from the vendor interface's {@link DatagramTransport}
 * to the reference's {@link StunTransport}.
 */
public final class ReferenceModelDiscoveryClient implements ModelDiscoveryClientAdapter {

    @Override
    public String description() {
        return "netconform reference RFC 5780 discovery client over the suite's transport (virtual time)";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(DiscoveryClientAdapter.MAPPING, DiscoveryClientAdapter.FILTERING,
                DiscoveryClientAdapter.HAIRPINNING, DiscoveryClientAdapter.TIMEOUT);
    }

    @Override
    public DiscoveryVerdict discover(DiscoveryRequest request, DatagramTransport transport) throws Exception {
        EnumSet<DiscoveryOptions.Test> tests = EnumSet.noneOf(DiscoveryOptions.Test.class);
        for (String t : request.tests()) {
            tests.add(switch (t) {
                case DiscoveryClientAdapter.MAPPING -> DiscoveryOptions.Test.MAPPING;
                case DiscoveryClientAdapter.FILTERING -> DiscoveryOptions.Test.FILTERING;
                case DiscoveryClientAdapter.HAIRPINNING -> DiscoveryOptions.Test.HAIRPINNING;
                case DiscoveryClientAdapter.LIFETIME -> DiscoveryOptions.Test.LIFETIME;
                default -> throw new IllegalArgumentException("no such test: " + t);
            });
        }
        DiscoveryOptions options = DiscoveryOptions.defaults(request.localAddress()).withTests(tests)
                .withPolicy(request.probeTimeout().map(RetransmissionPolicy::within).orElse(RetransmissionPolicy.RFC8489));
        DiscoveryReport r = new BehaviorDiscovery(new Bridge(transport), options).run(request.server());
        return new DiscoveryVerdict(r.connectivity(), r.behindNat(), r.mapped(),
                r.mapping().map(m -> MappingVerdict.valueOf(m.code())),
                r.filtering().map(f -> FilteringVerdict.valueOf(f.code())), r.hairpinning(),
                r.lifetime().map(DiscoveryReport.Lifetime::aliveAfter),
                r.lifetime().flatMap(DiscoveryReport.Lifetime::expiredAfter),
                r.summary() + (r.notes().isEmpty() ? "" : "; " + String.join("; ", r.notes())));
    }

    /** The vendor interface's transport as the reference's. */
    private static final class Bridge implements StunTransport {
        private final DatagramTransport transport;
        private final Map<DatagramTransport.DatagramSocket, Socket> sockets = new IdentityHashMap<>();

        Bridge(DatagramTransport transport) {
            this.transport = transport;
        }

        private final class Socket implements StunSocket {
            final DatagramTransport.DatagramSocket inner;

            Socket(DatagramTransport.DatagramSocket inner) {
                this.inner = inner;
            }

            @Override
            public InetSocketAddress localAddress() {
                return inner.localAddress();
            }

            @Override
            public void send(InetSocketAddress to, byte[] datagram) throws IOException {
                inner.send(to, datagram);
            }

            @Override
            public void close() {
                sockets.remove(inner);
                inner.close();
            }
        }

        @Override
        public StunSocket open(InetSocketAddress local) throws IOException {
            Socket s = new Socket(transport.open(local));
            sockets.put(s.inner, s);
            return s;
        }

        @Override
        public Optional<Received> receive(Collection<? extends StunSocket> wanted, Duration timeout) throws IOException {
            List<DatagramTransport.DatagramSocket> inner = new ArrayList<>();
            for (StunSocket s : wanted) {
                inner.add(((Socket) s).inner);
            }
            return transport.receive(inner, timeout).map(r -> {
                Socket s = sockets.get(r.socket());
                return new Received(s, new Datagram(r.source(), s.localAddress(), r.data()));
            });
        }

        @Override
        public long nowMillis() {
            return transport.nowMillis();
        }

        @Override
        public void close() {
            for (Socket s : List.copyOf(sockets.values())) {
                s.close();
            }
        }
    }
}
