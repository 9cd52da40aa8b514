package org.netconform.reference.nat;

/**
 * One remote endpoint a mapping has exchanged packets with: a filter permission for UDP, a tracked
 * connection for TCP. Mutable, owned by its {@link NatMapping}.
 */
final class NatSession {
    final Endpoint remote;
    final long createdAt;
    /** Per-session timers only (TCP, conntrack-style UDP): the moment this session times out. */
    long expiresAt;
    /** An inbound packet of this session was seen (conntrack's SEEN_REPLY). */
    boolean replied;
    /** TCP only. */
    TcpSessionState tcpState;

    NatSession(Endpoint remote, long createdAt) {
        this.remote = remote;
        this.createdAt = createdAt;
    }

    SessionSnapshot snapshot(long mappingExpiry, boolean perSessionTimers) {
        return new SessionSnapshot(remote, java.util.Optional.ofNullable(tcpState), replied,
                perSessionTimers ? expiresAt : mappingExpiry);
    }
}
