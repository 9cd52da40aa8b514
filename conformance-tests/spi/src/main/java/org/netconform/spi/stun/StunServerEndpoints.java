package org.netconform.spi.stun;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a running STUN server listens: its primary transport address A1:P1 and, when it serves
 * RFC 5780, its alternate A2:P2 (a second address and a second port; the server then also receives
 * on A1:P2 and A2:P1).
 */
public record StunServerEndpoints(InetSocketAddress primary, Optional<InetSocketAddress> alternate) {
}
