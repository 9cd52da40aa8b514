package org.netconform.broken.udp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.reference.udp.UdpHost;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpStack;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.udp.UdpStackAdapter;

/**
 * Deliberately broken UDP stacks, each the reference model with one thing broken, each registered as
 * a target of the suite's own tests.
 */
public abstract class BrokenUdpTarget implements Target {

    @Override
    public String description() {
        return "deliberately broken: " + getClass().getSimpleName();
    }

    @Override
    public List<AreaAdapter> adapters() {
        return List.of(new UdpStackAdapter() {
            @Override
            public Set<String> capabilities() {
                return UdpStackAdapter.capabilitiesOf(Set.of(UdpOption.values()), true);
            }

            @Override
            public UdpStack stack() {
                UdpHost host = new UdpHost(7);
                return new UdpStack() {
                    @Override
                    public String name() {
                        return id();
                    }

                    @Override
                    public UdpEndpoint open() {
                        return wrap(host, host.open());
                    }

                    @Override
                    public Set<UdpOption> supportedOptions() {
                        return host.supportedOptions();
                    }
                };
            }

            @Override
            public boolean inProcess() {
                return true;
            }
        });
    }

    abstract UdpEndpoint wrap(UdpHost host, UdpEndpoint socket);

    /** Passes everything to a model socket; subclasses break one operation. */
    static class Wrapper implements UdpEndpoint {
        final UdpHost host;
        final UdpEndpoint s;

        Wrapper(UdpHost host, UdpEndpoint s) {
            this.host = host;
            this.s = s;
        }

        @Override
        public UdpResult<Void> setOption(UdpOption option, boolean value) {
            return s.setOption(option, value);
        }

        @Override
        public UdpResult<Void> bind(UdpAddress local) {
            return s.bind(local);
        }

        @Override
        public UdpResult<Void> connect(UdpAddress remote) {
            return s.connect(remote);
        }

        @Override
        public UdpResult<Void> disconnect() {
            return s.disconnect();
        }

        @Override
        public UdpResult<Integer> send(byte[] payload) {
            return s.send(payload);
        }

        @Override
        public UdpResult<Integer> sendTo(UdpAddress destination, byte[] payload) {
            return s.sendTo(destination, payload);
        }

        @Override
        public UdpResult<Datagram> receive(Duration timeout) {
            return s.receive(timeout);
        }

        @Override
        public Optional<UdpAddress> localAddress() {
            return s.localAddress();
        }

        @Override
        public Optional<UdpAddress> remoteAddress() {
            return s.remoteAddress();
        }

        @Override
        public UdpResult<Void> close() {
            return s.close();
        }
    }

    /**
     * Connect only remembers the peer as default destination: the model socket stays unconnected, so
     * datagrams from anyone are received (no peer filter).
     */
    public static final class NoPeerFilter extends BrokenUdpTarget {
        @Override
        public String id() {
            return "broken-udp-no-peer-filter";
        }

        @Override
        UdpEndpoint wrap(UdpHost host, UdpEndpoint socket) {
            return new Wrapper(host, socket) {
                private UdpAddress peer;

                @Override
                public UdpResult<Void> connect(UdpAddress remote) {
                    if (s.localAddress().isEmpty()) {
                        UdpResult<Void> b = s.bind(UdpAddress.wildcard(0));
                        if (!b.isOk()) {
                            return b;
                        }
                    }
                    peer = remote;
                    return UdpResult.ok();
                }

                @Override
                public UdpResult<Void> disconnect() {
                    peer = null;
                    return UdpResult.ok();
                }

                @Override
                public UdpResult<Integer> send(byte[] payload) {
                    return peer == null ? s.send(payload) : s.sendTo(peer, payload);
                }

                @Override
                public Optional<UdpAddress> remoteAddress() {
                    return Optional.ofNullable(peer);
                }
            };
        }
    }

    /** Reports a port unreachable to an unconnected socket too (as Windows does, or Linux with IP_RECVERR). */
    public static final class IcmpToUnconnected extends BrokenUdpTarget {
        @Override
        public String id() {
            return "broken-udp-icmp-to-unconnected";
        }

        @Override
        UdpEndpoint wrap(UdpHost host, UdpEndpoint socket) {
            return new Wrapper(host, socket) {
                private boolean pending;

                @Override
                public UdpResult<Integer> sendTo(UdpAddress destination, byte[] payload) {
                    if (pending) {
                        pending = false;
                        return UdpResult.error(UdpOutcome.PORT_UNREACHABLE);
                    }
                    int before = host.icmpPortUnreachableCount();
                    UdpResult<Integer> r = s.sendTo(destination, payload);
                    if (s.remoteAddress().isEmpty() && host.icmpPortUnreachableCount() > before) {
                        pending = true;
                    }
                    return r;
                }

                @Override
                public UdpResult<Datagram> receive(Duration timeout) {
                    if (pending) {
                        pending = false;
                        return UdpResult.error(UdpOutcome.PORT_UNREACHABLE);
                    }
                    return s.receive(timeout);
                }
            };
        }
    }

    /** Disconnect answers OK and changes nothing: the peer, the filter and the default destination stay. */
    public static final class DisconnectKeepsPeer extends BrokenUdpTarget {
        @Override
        public String id() {
            return "broken-udp-disconnect-keeps-peer";
        }

        @Override
        UdpEndpoint wrap(UdpHost host, UdpEndpoint socket) {
            return new Wrapper(host, socket) {
                @Override
                public UdpResult<Void> disconnect() {
                    return UdpResult.ok();
                }
            };
        }
    }
}
