package org.netconform.adapters.jdk.udp;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpStack;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.udp.UdpStackAdapter;

/** The JDK's datagram APIs on this machine's kernel, over loopback. */
public abstract class JdkUdpTarget implements Target {
    private final List<AreaAdapter> adapters;

    JdkUdpTarget(Supplier<UdpStack> stacks) {
        this.adapters = List.of(new UdpStackAdapter() {
            @Override
            public Set<String> capabilities() {
                return UdpStackAdapter.capabilitiesOf(Set.of(UdpOption.values()), true);
            }

            @Override
            public UdpStack stack() {
                return stacks.get();
            }
        });
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static String jdk() {
        return "JDK " + Runtime.version();
    }

    /** {@code java.nio.channels.DatagramChannel}, blocking; receives with a timeout through its socket adaptor. */
    public static final class Blocking extends JdkUdpTarget {
        public Blocking() {
            super(() -> new DatagramChannelStack(false));
        }

        @Override
        public String id() {
            return "jdk-datagramchannel";
        }

        @Override
        public String description() {
            return jdk() + " java.nio.channels.DatagramChannel (INET), blocking; timed receive via DatagramChannel.socket()";
        }
    }

    /** {@code java.nio.channels.DatagramChannel}, non-blocking, with a Selector for timed receives. */
    public static final class NonBlocking extends JdkUdpTarget {
        public NonBlocking() {
            super(() -> new DatagramChannelStack(true));
        }

        @Override
        public String id() {
            return "jdk-datagramchannel-nb";
        }

        @Override
        public String description() {
            return jdk() + " java.nio.channels.DatagramChannel (INET), non-blocking, Selector with timeouts";
        }
    }

    /** {@code java.net.DatagramSocket}. */
    public static final class Socket extends JdkUdpTarget {
        public Socket() {
            super(DatagramSocketStack::new);
        }

        @Override
        public String id() {
            return "jdk-datagramsocket";
        }

        @Override
        public String description() {
            return jdk() + " java.net.DatagramSocket, SO_TIMEOUT for timed receives";
        }
    }
}
