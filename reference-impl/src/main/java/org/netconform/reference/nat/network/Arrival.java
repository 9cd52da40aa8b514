package org.netconform.reference.nat.network;

import org.netconform.reference.nat.Endpoint;
import org.netconform.reference.nat.Packet;

/**
 * A packet that reached a host, as the host received it (after every translation on the way).
 *
 * @param host     the host's name
 * @param at       the local endpoint it was for: the socket's, or for an ICMP error the endpoint of
 *                 the socket whose packet it quotes
 * @param packet   the packet as received
 * @param accepted a socket, listener or connection took it; false when the host answered it instead
 *                 (ICMP port unreachable, RST) or ignored it
 */
public record Arrival(String host, Endpoint at, Packet packet, boolean accepted) {

    @Override
    public String toString() {
        return host + " " + at + (accepted ? " got " : " refused ") + packet.describe();
    }
}
