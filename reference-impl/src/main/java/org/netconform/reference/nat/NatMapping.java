package org.netconform.reference.nat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One mapping: an internal endpoint, the external endpoint it got, and the sessions (remote endpoints)
 * it has. Mutable, owned by a {@link NatTable}.
 */
final class NatMapping {
    final long id;
    final MappingKey key;
    final Endpoint external;
    final long createdAt;
    /** True when the mapping lives exactly as long as its longest-lived session (TCP, conntrack UDP). */
    final boolean perSessionTimers;
    /** Mapping-timer mode only: the moment the mapping times out. */
    long expiresAt;
    final Map<Endpoint, NatSession> sessions = new LinkedHashMap<>();

    NatMapping(long id, MappingKey key, Endpoint external, long createdAt, boolean perSessionTimers) {
        this.id = id;
        this.key = key;
        this.external = external;
        this.createdAt = createdAt;
        this.perSessionTimers = perSessionTimers;
    }

    Transport transport() {
        return key.transport();
    }

    Endpoint internal() {
        return key.internal();
    }

    /** When the mapping as a whole times out unless refreshed. */
    long expiresAt() {
        if (!perSessionTimers) {
            return expiresAt;
        }
        long latest = Long.MIN_VALUE;
        for (NatSession s : sessions.values()) {
            latest = Math.max(latest, s.expiresAt);
        }
        return latest;
    }

    /** The earliest moment something about this mapping times out (a session or the whole). */
    long nextDeadline() {
        if (!perSessionTimers) {
            return expiresAt;
        }
        long earliest = Long.MAX_VALUE;
        for (NatSession s : sessions.values()) {
            earliest = Math.min(earliest, s.expiresAt);
        }
        return earliest;
    }

    boolean hasSessionWithAddress(String address) {
        for (Endpoint remote : sessions.keySet()) {
            if (remote.address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    MappingSnapshot snapshot() {
        long expiry = expiresAt();
        return new MappingSnapshot(id, key.transport(), key.internal(), external, key.scope(), createdAt, expiry,
                sessions.values().stream().map(s -> s.snapshot(expiry, perSessionTimers)).toList());
    }
}
