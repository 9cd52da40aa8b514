package org.netconform.spi.nat;

/**
 * What arrived: the socket that received a datagram (or accepted a connection) and the source it saw.
 * Sent from inside to outside, {@code seenSource} is the NAT's translation (the mapping); sent from
 * outside to an external endpoint, {@code receivedAt} is the inside socket the NAT forwarded it to;
 * hairpinned, {@code seenSource} tells whether the NAT presented the external or the internal source.
 */
public record Delivery(NatEndpoint receivedAt, NatEndpoint seenSource) {
}
