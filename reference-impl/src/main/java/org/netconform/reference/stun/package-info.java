/**
 * The NAT traversal area's reference: STUN (RFC 8489, the Binding transaction that behaviour
 * discovery needs) and RFC 5780 NAT behaviour discovery ({@code spec/nat-traversal.md}).
 *
 * <h2>Pieces</h2>
 * <ul>
 * <li>Codec: {@link org.netconform.reference.stun.StunCodec} writes and strictly reads messages
 *     (header, TLV attributes with zero padding, FINGERPRINT); {@link org.netconform.reference.stun.RawStunMessage}
 *     reads leniently and lists every rule a datagram breaks, for harnesses;
 *     {@link org.netconform.reference.stun.Attributes} has the typed values (addresses and their XOR
 *     form for IPv4 and IPv6, UNKNOWN-ATTRIBUTES, RESPONSE-PORT, PADDING, SOFTWARE).</li>
 * <li>Server: {@link org.netconform.reference.stun.StunServerCore} is a pure function from a
 *     datagram received at one of the server's endpoints to the response (or to why there is none),
 *     given the server's primary and alternate addresses ({@link org.netconform.reference.stun.ServerAddresses}).
 *     {@link org.netconform.reference.stun.UdpStunServer} hosts it on real sockets; an in-process
 *     network hosts the same function in virtual time.</li>
 * <li>Client: {@link org.netconform.reference.stun.StunClient} runs one transaction with the
 *     retransmission schedule of RFC 8489 §6.2.1 ({@link org.netconform.reference.stun.RetransmissionPolicy});
 *     {@link org.netconform.reference.stun.BehaviorDiscovery} runs RFC 5780 §4's tests (mapping,
 *     filtering, hairpinning, binding lifetime) with a local port of their own for each test.</li>
 * <li>Transport: both clients see the network only through {@link org.netconform.reference.stun.StunTransport}
 *     (open a socket on a local port, send to, receive on any of several sockets with a timeout, the
 *     time). {@link org.netconform.reference.stun.UdpStunTransport} is the kernel in real time; an
 *     in-process network implements it in virtual time, where receiving advances the clock, so a
 *     40-second retransmission schedule or a 10-minute lifetime search costs nothing. Point a
 *     discovery at a transport behind a NAT of known behaviour and its verdict can be compared with
 *     the NAT's.</li>
 * </ul>
 *
 * <h2>Choices the reference makes</h2>
 * <table>
 * <caption>Where the RFCs leave a choice</caption>
 * <tr><th>question</th><th>reference</th></tr>
 * <tr><td>malformed request (length, overrun, FINGERPRINT)</td><td>silently discarded (RFC 8489 §6.3), not 400</td></tr>
 * <tr><td>request of another method</td><td>discarded (§6.3)</td></tr>
 * <tr><td>classic (RFC 3489) request</td><td>answered, with MAPPED-ADDRESS, SOURCE-ADDRESS, CHANGED-ADDRESS and
 *     the 128-bit ID (RFC 8489 §12 SHOULD; RFC 5780 §3 says SHOULD NOT: configurable)</td></tr>
 * <tr><td>FINGERPRINT in responses</td><td>when the request carried one</td></tr>
 * <tr><td>RESPONSE-PORT, PADDING</td><td>supported; PADDING answered with 1500 octets (a common MTU: on loopback the
 *     MTU of 65536 does not fit a datagram)</td></tr>
 * <tr><td>RTO caching between transactions</td><td>none: every transaction starts at 500 ms</td></tr>
 * </table>
 */
package org.netconform.reference.stun;
