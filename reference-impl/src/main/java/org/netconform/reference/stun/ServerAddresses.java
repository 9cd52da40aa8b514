package org.netconform.reference.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Where a STUN server listens: the primary transport address A1:P1 and, for RFC 5780, the alternate
 * A2:P2, a second address and a second port, so that the server has the four endpoints A1:P1,
 * A1:P2, A2:P1, A2:P2 (RFC 5780 §6). Without an alternate the server has A1:P1 alone. Port 0 in a
 * server's requested addresses means "choose one" ({@link UdpStunServer}).
 */
public record ServerAddresses(InetSocketAddress primary, Optional<InetSocketAddress> alternate) {

    public ServerAddresses {
        if (alternate.isPresent()) {
            InetSocketAddress a = alternate.get();
            boolean portsToChoose = a.getPort() == 0 && primary.getPort() == 0;
            if (a.getAddress().equals(primary.getAddress()) || a.getPort() == primary.getPort() && !portsToChoose) {
                throw new IllegalArgumentException("the alternate needs another address and another port: "
                        + primary + " and " + a);
            }
        }
    }

    public static ServerAddresses single(InetSocketAddress primary) {
        return new ServerAddresses(primary, Optional.empty());
    }

    public static ServerAddresses pair(InetSocketAddress primary, InetSocketAddress alternate) {
        return new ServerAddresses(primary, Optional.of(alternate));
    }

    /** Every endpoint the server receives on: A1:P1 first. */
    public List<InetSocketAddress> endpoints() {
        if (alternate.isEmpty()) {
            return List.of(primary);
        }
        InetAddress a1 = primary.getAddress();
        InetAddress a2 = alternate.get().getAddress();
        int p1 = primary.getPort();
        int p2 = alternate.get().getPort();
        return List.of(primary, new InetSocketAddress(a1, p2), new InetSocketAddress(a2, p1), alternate.get());
    }

    public boolean serves(InetSocketAddress endpoint) {
        return endpoints().contains(endpoint);
    }

    /**
     * The endpoint a response goes out from for a request received at {@code da}, by RFC 5780's
     * Table 1: Ca for change IP, Cp for change port.
     */
    public InetSocketAddress responseSource(InetSocketAddress da, ChangeRequest change) {
        if (!change.changeIp() && !change.changePort()) {
            return da;
        }
        InetSocketAddress other = other(da);
        return new InetSocketAddress(change.changeIp() ? other.getAddress() : da.getAddress(),
                change.changePort() ? other.getPort() : da.getPort());
    }

    /** Ca:Cp for a request received at Da:Dp: what OTHER-ADDRESS names. */
    public InetSocketAddress other(InetSocketAddress da) {
        InetSocketAddress alt = alternate.orElseThrow(() -> new IllegalStateException("no alternate address"));
        InetAddress ca = da.getAddress().equals(primary.getAddress()) ? alt.getAddress() : primary.getAddress();
        int cp = da.getPort() == primary.getPort() ? alt.getPort() : primary.getPort();
        return new InetSocketAddress(ca, cp);
    }

    @Override
    public String toString() {
        return alternate.map(a -> "primary " + primary + ", alternate " + a).orElse("single " + primary);
    }
}
