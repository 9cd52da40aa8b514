package org.netconform.reference.nat;

import java.util.List;

/**
 * A mapping as the table holds it at one moment.
 *
 * @param id        creation order within its NAT (1 for the first)
 * @param scope     which destinations it serves: {@code to any} (EIM), {@code to ADDRESS} (ADM) or
 *                  {@code to ADDRESS:PORT} (APDM)
 * @param expiresAt virtual time (ms) at which it times out unless refreshed
 * @param sessions  the remote endpoints it has exchanged packets with, in the order first seen
 */
public record MappingSnapshot(long id, Transport transport, Endpoint internal, Endpoint external, String scope,
                              long createdAt, long expiresAt, List<SessionSnapshot> sessions) {

    public MappingSnapshot {
        sessions = List.copyOf(sessions);
    }
}
