package org.netconform.broken.traversal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.stun.DatagramTransport;
import org.netconform.spi.stun.DiscoveryRequest;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.spi.stun.MappingVerdict;
import org.netconform.spi.stun.ModelDiscoveryClientAdapter;
import org.netconform.spi.traversal.HolePunchingAdapter;
import org.netconform.reference.traversal.UdpPeer;
import org.netconform.targets.reference.ReferenceHolePunching;
import org.netconform.targets.reference.ReferenceModelDiscoveryClient;

/** Deliberately broken traversal targets for the traversal suites' self-tests. */
public final class BrokenTraversalTargets {
    private BrokenTraversalTargets() {
    }

    /** Stops after mapping test II: anything not EIM is reported ADM (so APDM is never found). */
    public static final class DiscoveryWithoutTestThree implements Target {
        @Override
        public String id() {
            return "broken-model-discovery-no-test-iii";
        }

        @Override
        public String description() {
            return "deliberately broken discovery client: no mapping test III, every non-EIM mapping reported ADM";
        }

        @Override
        public List<AreaAdapter> adapters() {
            return List.of(new ModelDiscoveryClientAdapter() {
                private final ReferenceModelDiscoveryClient reference = new ReferenceModelDiscoveryClient();

                @Override
                public String description() {
                    return "the reference client with APDM folded into ADM";
                }

                @Override
                public Set<String> capabilities() {
                    return reference.capabilities();
                }

                @Override
                public DiscoveryVerdict discover(DiscoveryRequest request, DatagramTransport transport) throws Exception {
                    DiscoveryVerdict v = reference.discover(request, transport);
                    Optional<MappingVerdict> m = v.mapping().map(x -> x == MappingVerdict.APDM ? MappingVerdict.ADM : x);
                    return new DiscoveryVerdict(v.connectivity(), v.behindNat(), v.mapped(), m, v.filtering(),
                            v.hairpinning(), v.lifetimeAlive(), v.lifetimeGone(), v.words());
                }
            });
        }
    }

    /** Punches the other's public candidate only: peers behind one NAT without hairpinning never meet. */
    public static final class PublicOnlyPuncher implements Target {
        @Override
        public String id() {
            return "broken-puncher-public-only";
        }

        @Override
        public String description() {
            return "deliberately broken hole puncher: tries only the public candidate";
        }

        @Override
        public List<AreaAdapter> adapters() {
            return List.of(new ReferenceHolePunching(UdpPeer.Options.defaults().withCandidates(UdpPeer.Candidates.PUBLIC_ONLY)));
        }
    }

    /** Sends no keep-alives: the hole closes when the NAT's mapping timer runs out. */
    public static final class NoKeepAlives implements Target {
        @Override
        public String id() {
            return "broken-puncher-no-keepalive";
        }

        @Override
        public String description() {
            return "deliberately broken hole puncher: no keep-alives";
        }

        @Override
        public List<AreaAdapter> adapters() {
            return List.of(new ReferenceHolePunching(UdpPeer.Options.defaults().withKeepAlive(Optional.empty())));
        }
    }

    /**
     * Throws when asked to connect: a crash is no verdict on hole punching, so the matrix must say ERROR, never
     * FAIL (UDP only, so the TCP matrix is not asked).
     */
    public static final class CrashingPuncher implements Target {
        @Override
        public String id() {
            return "broken-puncher-crashes";
        }

        @Override
        public String description() {
            return "deliberately broken hole puncher: throws when asked to connect";
        }

        @Override
        public List<AreaAdapter> adapters() {
            ReferenceHolePunching reference = new ReferenceHolePunching(UdpPeer.Options.defaults());
            return List.of(new HolePunchingAdapter() {
                @Override
                public String description() {
                    return "the reference puncher, crashing on connect";
                }

                @Override
                public Set<String> capabilities() {
                    return Set.of(HolePunchingAdapter.UDP);
                }

                @Override
                public Rendezvous rendezvous(long seed) {
                    return reference.rendezvous(seed);
                }

                @Override
                public Peer udpPeer(String id, PeerSocket socket) {
                    Peer peer = reference.udpPeer(id, socket);
                    return (Peer) java.lang.reflect.Proxy.newProxyInstance(Peer.class.getClassLoader(), new Class<?>[] {Peer.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("connect")) {
                                    throw new IllegalStateException("deliberately broken: the peer crashes when asked to connect");
                                }
                                try {
                                    return method.invoke(peer, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            });
        }
    }
}
