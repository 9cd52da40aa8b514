/**
 * The UDP connect area: the API a test drives ({@link org.netconform.spi.udp.UdpStack},
 * {@link org.netconform.spi.udp.UdpEndpoint}, results as
 * {@link org.netconform.spi.udp.UdpResult} of a {@link org.netconform.spi.udp.UdpOutcome})
 * and the reference model of a host's UDP stack, {@link org.netconform.reference.udp.UdpHost}.
 *
 * <h2>Why Linux semantics</h2>
 * The spec ({@code spec/udp-connect.md}) leaves several behaviours implementation-defined
 * (UDP-INFO-*). The model must pick one answer for each to be a deterministic oracle; it picks what
 * the Linux kernel does, because the kernel is the layer every Java stack on Linux sits on (the JDK
 * and Netty differ from it only where they add their own checks, and the anchors table records
 * those), and because its behaviour is the most permissive: a stricter target shows up as a
 * recorded INFO difference instead of the model refusing operations a target allows.
 *
 * <table>
 * <caption>Choices the model makes</caption>
 * <tr><th>requirement</th><th>model (Linux)</th></tr>
 * <tr><td>UDP-INFO-1 datagrams queued before connect</td><td>kept and delivered: the peer filter applies
 *     when a datagram arrives (udp lookup), not when it is read</td></tr>
 * <tr><td>UDP-INFO-2 send-to another address while connected</td><td>delivered</td></tr>
 * <tr><td>UDP-INFO-3 local port after disconnect</td><td>lost (socket unbound again, port free) unless
 *     bound explicitly to a non-zero port; the local address returns to the wildcard unless bound
 *     explicitly to a specific address ({@code __udp_disconnect}, also on an unconnected socket);
 *     the queue and a pending error are kept</td></tr>
 * <tr><td>UDP-INFO-4 connect while connected</td><td>switches the peer; the queue and any pending error
 *     are kept</td></tr>
 * <tr><td>UDP-INFO-5 send without address, unconnected</td><td>{@code NOT_CONNECTED} (EDESTADDRREQ); the
 *     call still binds an unbound socket first ({@code inet_send_prepare} autobinds)</td></tr>
 * <tr><td>UDP-INFO-6 local address after connect</td><td>127.0.0.1 (the route's source) for a socket
 *     bound to the wildcard or unbound</td></tr>
 * <tr><td>UDP-INFO-7 SO_REUSEADDR duplicates</td><td>the socket bound last receives</td></tr>
 * <tr><td>UDP-INFO-8 send that reports a pending error</td><td>fails without sending its datagram</td></tr>
 * </table>
 *
 * <h2>Other modelling decisions</h2>
 * <ul>
 * <li>Delivery is immediate: a send either queues the datagram at its receiver or, when no socket
 *     accepts it, generates an ICMP port unreachable at once. There is no loss other than a full
 *     receive queue (counted in datagrams, where Linux counts bytes against SO_RCVBUF).</li>
 * <li>Matching a datagram to a socket follows {@code __udp4_lib_lookup}: a socket matches if the port
 *     is equal, its address is the wildcard or the destination, and, if connected, its peer is the
 *     source; the best score wins (specific address, then connected). Ties among unconnected
 *     SO_REUSEPORT members are broken by a seeded 4-tuple hash over the members in bind order, so one
 *     source always reaches the same member while the group is unchanged (UDP-REUSE-3).</li>
 * <li>A port unreachable is attributed the way {@code __udp4_lib_err} does: to the socket that would
 *     receive the reverse datagram, and only if it is connected (no IP_RECVERR in the model). It
 *     becomes a single pending error (a newer one replaces it), reported and cleared by the next
 *     send, send-to or receive; reading addresses does not clear it. Receive reports it even when
 *     datagrams are queued.</li>
 * <li>Ephemeral ports come from a seeded counter over 32768..60999 and never reuse a port any open
 *     socket holds. Real stacks pick other numbers, so compare ports by role: see
 *     {@link org.netconform.reference.udp.PortAssignment} and
 *     {@link org.netconform.reference.udp.PortCorrespondence}.</li>
 * <li>Outside the spec, the model answers {@code INVALID}: options changed after bind, a peer or
 *     destination that is not in 127.0.0.0/8 or has port 0. Generators of operation sequences that
 *     are compared with real stacks avoid these.</li>
 * <li>Checked on Linux 6.18 with plain sockets: a failed send on an unbound unconnected socket leaves
 *     it bound; a disconnect of an unconnected socket drops its implicit port; a pending
 *     ECONNREFUSED survives a disconnect; the send that reports it does not transmit.</li>
 * </ul>
 */
package org.netconform.reference.udp;

import org.netconform.spi.udp.UdpStack;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpOutcome;
