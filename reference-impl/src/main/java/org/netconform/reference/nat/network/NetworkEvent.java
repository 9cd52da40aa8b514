package org.netconform.reference.nat.network;

import org.netconform.reference.nat.VirtualTime;

/**
 * One line of a network's event log: a packet sent, translated, delivered or dropped (with the reason),
 * a mapping made or removed.
 *
 * @param at   virtual time in milliseconds
 * @param node the host, NAT or realm where it happened
 * @param text what happened
 */
public record NetworkEvent(long at, String node, String text) {

    @Override
    public String toString() {
        return VirtualTime.format(at) + " " + node + ": " + text;
    }
}
