package org.netconform.reference.nat;

import java.util.Optional;

/**
 * Something a NAT did, for the event log: a translation, a drop and why, a mapping made or removed.
 *
 * @param at     virtual time in milliseconds (for an expiry: the exact moment the timer ran out)
 * @param kind   what happened
 * @param packet the packet it happened to, as it arrived, when there is one
 * @param detail a readable sentence (the translation, the reason for a drop, the mapping)
 */
public record NatEvent(long at, Kind kind, Optional<Packet> packet, String detail) {

    public enum Kind {
        /** A packet was translated and forwarded. */
        TRANSLATED,
        /** A packet from inside to an external endpoint of the NAT was turned back inside. */
        HAIRPINNED,
        /** A packet was dropped; the detail says why. */
        DROPPED,
        /** An unsolicited inbound SYN is held (RFC 5382 REQ-4). */
        HELD,
        /** The NAT itself answered (ICMP error, RST). */
        ANSWERED,
        MAPPING_CREATED,
        MAPPING_EXPIRED,
        /** Removed to make room for a new one (the broken quota option). */
        MAPPING_EVICTED,
        /** Removed because an ICMP error quoted it (the broken ICMP option). */
        MAPPING_TORN_DOWN,
        /** One session of a mapping timed out; the mapping lives on through its other sessions. */
        SESSION_EXPIRED
    }

    public String describe() {
        return VirtualTime.format(at) + " " + kind.name().toLowerCase().replace('_', ' ') + ": " + detail;
    }
}
