package org.netconform.reference.nat.network;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.netconform.reference.nat.Endpoint;
import org.netconform.reference.nat.IcmpError;
import org.netconform.reference.nat.Packet;
import org.netconform.reference.nat.Payload;
import org.netconform.reference.nat.UdpDatagram;

/**
 * What one action caused before the network fell quiet: every packet that reached a host (in order)
 * and the events logged meanwhile. Delivery is immediate in virtual time, so everything a send causes,
 * answers and answers to answers included, is here when the send returns.
 */
public record Transmission(List<Arrival> arrivals, List<NetworkEvent> events) {
    public static final Transmission NOTHING = new Transmission(List.of(), List.of());

    public Transmission {
        arrivals = List.copyOf(arrivals);
        events = List.copyOf(events);
    }

    public Optional<Arrival> first(Predicate<Arrival> which) {
        return arrivals.stream().filter(which).findFirst();
    }

    /** The arrival of the datagram carrying {@code payload} at a socket, if one took it. */
    public Optional<Arrival> datagramWith(Payload payload) {
        return first(a -> a.accepted() && a.packet() instanceof UdpDatagram d && d.payload().equals(payload));
    }

    /** The ICMP errors that reached the socket at {@code local}. */
    public List<IcmpError> icmpErrorsAt(Endpoint local) {
        return arrivals.stream().filter(a -> a.at().equals(local)).map(Arrival::packet)
                .filter(p -> p instanceof IcmpError).map(p -> (IcmpError) p).toList();
    }

    /** Every packet that reached a host, in order. */
    public List<Packet> packets() {
        return arrivals.stream().map(Arrival::packet).toList();
    }
}
