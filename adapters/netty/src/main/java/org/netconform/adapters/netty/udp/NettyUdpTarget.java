package org.netconform.adapters.netty.udp;

import io.netty.channel.epoll.Epoll;
import io.netty.util.Version;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpStack;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.udp.UdpStackAdapter;

/** Netty datagram channels on this machine's kernel, over loopback. */
public abstract class NettyUdpTarget implements Target {
    private final NettyUdpStack.Transport transport;
    private final List<AreaAdapter> adapters;

    NettyUdpTarget(NettyUdpStack.Transport transport) {
        this.transport = transport;
        this.adapters = List.of(new UdpStackAdapter() {
            @Override
            public Set<String> capabilities() {
                return UdpStackAdapter.capabilitiesOf(Set.of(UdpOption.values()), true);
            }

            @Override
            public UdpStack stack() {
                return new NettyUdpStack(transport);
            }

            @Override
            public Optional<String> unavailableReason() {
                return transport == NettyUdpStack.Transport.EPOLL ? epollUnavailable() : Optional.empty();
            }
        });
    }

    static Optional<String> epollUnavailable() {
        try {
            if (Epoll.isAvailable()) {
                return Optional.empty();
            }
            Throwable cause = Epoll.unavailabilityCause();
            return Optional.of("Netty native epoll is not available: " + (cause == null ? "no cause given"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage()));
        } catch (LinkageError e) {
            return Optional.of("Netty native epoll classes cannot load: " + e);
        }
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static String netty() {
        Version v = Version.identify().get("netty-transport");
        return "Netty " + (v == null ? "?" : v.artifactVersion());
    }

    /** {@code NioDatagramChannel} (SocketProtocolFamily.INET) on a NIO event loop, default options. */
    public static final class Nio extends NettyUdpTarget {
        public Nio() {
            super(NettyUdpStack.Transport.NIO);
        }

        @Override
        public String id() {
            return "netty-nio-udp";
        }

        @Override
        public String description() {
            return netty() + " NioDatagramChannel (INET), default options, inbound events queued for receive";
        }
    }

    /** {@code EpollDatagramChannel} (SocketProtocolFamily.INET) on an epoll event loop, default options. */
    public static final class Epoll_ extends NettyUdpTarget {
        public Epoll_() {
            super(NettyUdpStack.Transport.EPOLL);
        }

        @Override
        public String id() {
            return "netty-epoll-udp";
        }

        @Override
        public String description() {
            return netty() + " EpollDatagramChannel (INET, native epoll), default options, inbound events queued for receive";
        }
    }
}
