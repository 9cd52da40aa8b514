package org.netconform.reference.nat;

import java.util.Optional;

/**
 * A session of a mapping at one moment.
 *
 * @param remote    the remote endpoint
 * @param tcpState  the tracked TCP state, for TCP
 * @param replied   an inbound packet of the session was seen
 * @param expiresAt when it times out (the mapping's timer where sessions have none of their own)
 */
public record SessionSnapshot(Endpoint remote, Optional<TcpSessionState> tcpState, boolean replied, long expiresAt) {
}
