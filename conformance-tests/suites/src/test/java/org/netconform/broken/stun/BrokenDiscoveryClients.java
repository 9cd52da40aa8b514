package org.netconform.broken.stun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.reference.stun.AttributeType;
import org.netconform.reference.stun.ChangeRequest;
import org.netconform.reference.stun.RetransmissionPolicy;
import org.netconform.reference.stun.StunClient;
import org.netconform.reference.stun.StunMessage;
import org.netconform.reference.stun.StunTransport;
import org.netconform.reference.stun.TransactionId;
import org.netconform.reference.stun.UdpStunTransport;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryRequest;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.spi.stun.FilteringVerdict;
import org.netconform.spi.stun.MappingVerdict;

/**
 * A deliberately broken discovery client: RFC 5780's mapping tests and then its filtering tests, all
 * from one local port, so the filtering tests start with bindings to the alternate address that the
 * mapping tests made (RFC 5780 §3.2). Right in everything else (the reference's transactions).
 */
public final class BrokenDiscoveryClients {
    private BrokenDiscoveryClients() {
    }

    public static final class OnePortForAll implements Target {
        private final List<AreaAdapter> adapters = List.of(new Adapter());

        @Override
        public String id() {
            return "broken-discovery-one-port";
        }

        @Override
        public String description() {
            return "deliberately broken discovery client: mapping and filtering tests from one local port";
        }

        @Override
        public List<AreaAdapter> adapters() {
            return adapters;
        }
    }

    static final class Adapter implements DiscoveryClientAdapter {
        @Override
        public String description() {
            return "RFC 5780 mapping then filtering tests, all from one local port";
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(MAPPING, FILTERING, TIMEOUT);
        }

        @Override
        public DiscoveryVerdict discover(DiscoveryRequest request) throws IOException {
            RetransmissionPolicy policy = request.probeTimeout().map(RetransmissionPolicy::within).orElse(RetransmissionPolicy.RFC8489);
            try (UdpStunTransport t = new UdpStunTransport()) {
                StunClient client = new StunClient(t, policy);
                StunTransport.StunSocket s = t.open(new InetSocketAddress(request.localAddress(), 0));
                InetSocketAddress server = request.server();
                Optional<StunClient.Response> one = success(client.transact(s, server, bind()));
                if (one.isEmpty()) {
                    return new DiscoveryVerdict(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.empty(), "no response to test I");
                }
                InetSocketAddress m1 = one.get().mapped().orElseThrow();
                Optional<InetSocketAddress> other = one.get().address(AttributeType.OTHER_ADDRESS);
                boolean behindNat = !m1.equals(s.localAddress());
                if (other.isEmpty()) {
                    return new DiscoveryVerdict(true, Optional.of(behindNat), Optional.of(m1), Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.empty(), "no OTHER-ADDRESS");
                }
                // mapping tests II and III always, from the same port
                InetSocketAddress m2 = success(client.transact(s, new InetSocketAddress(other.get().getAddress(), server.getPort()), bind()))
                        .flatMap(StunClient.Response::mapped).orElse(null);
                InetSocketAddress m3 = success(client.transact(s, other.get(), bind())).flatMap(StunClient.Response::mapped).orElse(null);
                MappingVerdict mapping = !behindNat || m1.equals(m2) ? MappingVerdict.EIM
                        : m2 != null && m2.equals(m3) ? MappingVerdict.ADM : MappingVerdict.APDM;
                // filtering tests II and III from the same port again: its bindings to the alternate address open the way
                boolean two = success(client.transact(s, server, bind(ChangeRequest.BOTH))).isPresent();
                FilteringVerdict filtering = two ? FilteringVerdict.EIF
                        : success(client.transact(s, server, bind(ChangeRequest.PORT))).isPresent() ? FilteringVerdict.ADF
                        : FilteringVerdict.APDF;
                return new DiscoveryVerdict(true, Optional.of(behindNat), Optional.of(m1), Optional.of(mapping),
                        Optional.of(filtering), Optional.empty(), Optional.empty(), Optional.empty(), mapping + " / " + filtering);
            }
        }

        private static StunMessage bind(ChangeRequest... change) {
            StunMessage m = StunMessage.bindingRequest(TransactionId.random());
            for (ChangeRequest c : change) {
                m = m.with(c.attribute());
            }
            return m;
        }

        private static Optional<StunClient.Response> success(StunClient.Outcome o) {
            return o instanceof StunClient.Response r && r.success() ? Optional.of(r) : Optional.empty();
        }
    }
}
