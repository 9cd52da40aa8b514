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

    /** A TCP puncher whose port never hands it a connection: it connects but does not listen (TRAV-TCP-1). */
    public static final class TcpPuncherThatNeverListens implements Target {
        @Override
        public String id() {
            return "broken-tcp-puncher-never-listens";
        }

        @Override
        public String description() {
            return "deliberately broken TCP hole puncher: connects from its port but never accepts on it";
        }

        @Override
        public List<AreaAdapter> adapters() {
            return List.of(new TcpOnly(port -> new ForwardingPort(port) {
                @Override
                public Optional<Stream> accept() {
                    return Optional.empty();
                }
            }));
        }
    }

    /** A TCP puncher that sends one SYN per candidate: a refused connect is never tried again (TRAV-TCP-2). */
    public static final class TcpPuncherWithoutRetries implements Target {
        @Override
        public String id() {
            return "broken-tcp-puncher-no-retry";
        }

        @Override
        public String description() {
            return "deliberately broken TCP hole puncher: one connect per candidate, never retried";
        }

        @Override
        public List<AreaAdapter> adapters() {
            return List.of(new TcpOnly(port -> new ForwardingPort(port) {
                private final java.util.Map<java.net.InetSocketAddress, Stream> first = new java.util.HashMap<>();

                @Override
                public Stream connect(java.net.InetSocketAddress remote) throws java.io.IOException {
                    Stream earlier = first.get(remote);
                    if (earlier != null) {
                        return earlier;
                    }
                    Stream s = super.connect(remote);
                    first.put(remote, s);
                    return s;
                }
            }));
        }
    }

    /** The reference's TCP punching, with each peer's port seen through {@code wrap}. */
    private static final class TcpOnly implements HolePunchingAdapter {
        private final ReferenceHolePunching reference = new ReferenceHolePunching(UdpPeer.Options.defaults());
        private final java.util.function.UnaryOperator<TcpPeerPort> wrap;

        TcpOnly(java.util.function.UnaryOperator<TcpPeerPort> wrap) {
            this.wrap = wrap;
        }

        @Override
        public String description() {
            return "the reference TCP puncher on an altered port";
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(HolePunchingAdapter.TCP);
        }

        @Override
        public Rendezvous rendezvous(long seed) {
            return reference.rendezvous(seed);
        }

        @Override
        public Peer udpPeer(String id, PeerSocket socket) {
            throw new UnsupportedOperationException("TCP only");
        }

        @Override
        public Peer tcpPeer(String id, TcpPeerPort port) {
            return reference.tcpPeer(id, wrap.apply(port));
        }
    }

    /** A port that passes every call on. */
    private static class ForwardingPort implements HolePunchingAdapter.TcpPeerPort {
        private final HolePunchingAdapter.TcpPeerPort port;

        ForwardingPort(HolePunchingAdapter.TcpPeerPort port) {
            this.port = port;
        }

        @Override
        public java.net.InetSocketAddress localAddress() {
            return port.localAddress();
        }

        @Override
        public Stream connect(java.net.InetSocketAddress remote) throws java.io.IOException {
            return port.connect(remote);
        }

        @Override
        public Optional<Stream> accept() throws java.io.IOException {
            return port.accept();
        }
    }
}
