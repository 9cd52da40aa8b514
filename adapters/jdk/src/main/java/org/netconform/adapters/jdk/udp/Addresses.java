package org.netconform.adapters.jdk.udp;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import org.netconform.spi.udp.UdpAddress;

/** JDK socket addresses to {@link UdpAddress}: null or port 0 is "no local address" (the model's empty). */
final class Addresses {
    private Addresses() {
    }

    static Optional<UdpAddress> of(SocketAddress a) {
        if (!(a instanceof InetSocketAddress isa) || isa.getAddress() == null) {
            return Optional.empty();
        }
        if (isa.getAddress() instanceof Inet6Address && isa.getAddress().isAnyLocalAddress()) {
            return isa.getPort() == 0 ? Optional.empty() : Optional.of(UdpAddress.wildcard(isa.getPort()));
        }
        UdpAddress u = UdpAddress.from(isa);
        return Optional.of(u);
    }

    static Optional<UdpAddress> local(SocketAddress a) {
        return of(a).filter(u -> u.port() != 0);
    }
}
