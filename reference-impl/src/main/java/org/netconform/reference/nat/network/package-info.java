/**
 * A virtual network for the reference NAT: {@link org.netconform.reference.nat.network.VirtualNetwork}
 * with realms, NATs (nested ones for double NAT), hosts and their sockets. One FIFO queue carries every
 * packet; a send returns once the network is quiet, with what arrived where, so tests and traversal
 * code (STUN, hole punching) can drive peers step by step in virtual time.
 *
 * <p>The hosts' TCP is the least that exercises a NAT (handshake, simultaneous open, data with ACKs,
 * FIN exchange, RST, ICMP while connecting); sockets are bound to one address each and UDP sockets are
 * unconnected. Hosts answer closed ports as real stacks do: ICMP port unreachable for UDP, RST for TCP.
 */
package org.netconform.reference.nat.network;
