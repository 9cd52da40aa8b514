/**
 * The reference NAT: {@link org.netconform.reference.nat.Nat}, a deterministic state machine
 * configured in every dimension the NAT behaviour RFCs name ({@link org.netconform.reference.nat.NatConfig},
 * presets in {@link org.netconform.reference.nat.NatPreset}); the virtual network that hosts it is in
 * {@link org.netconform.reference.nat.network}. The model has its own small types and depends on
 * nothing but the JDK.
 *
 * <h2>Modelling choices</h2>
 * <ul>
 * <li><b>Time</b> is virtual, in milliseconds, carried by every call. A timer of length T started at t
 *     holds through t + T - 1 ms and has run out at t + T: RFC 4787 REQ-5 says a mapping "MUST NOT
 *     expire in less than two minutes", so at exactly two minutes it may go. Expiry events carry the
 *     exact expiry time, however late the next call comes.</li>
 * <li><b>Mappings and filters are per transport</b> (RFC 7857 sections 5 and 6, the required default).</li>
 * <li><b>Sessions.</b> A mapping keeps the remote endpoints its internal endpoint sent to; they are the
 *     filter's permissions (RFC 4787 section 5). A datagram the filter admits from an endpoint the
 *     mapping never sent to (EIF, ADF) creates no session and refreshes nothing, even with inbound
 *     refresh (RFC 7857 section 7). UDP keeps one timer per mapping, or, configured like Linux conntrack,
 *     one per session, the mapping living as long as its longest-lived session.</li>
 * <li><b>TCP</b> sessions follow RFC 7857 Figure 1 (from RFC 6146) on flags alone; only a SYN opens
 *     one; a SYN the filter admits from outside opens one too (RFC 5382 section 4.3); a TCP mapping lives
 *     while it has a session. A RST moves a session to the RST timer; an outbound RST or ICMP error never
 *     lengthens a timer unless configured to (RFC 7857 section 7.1).</li>
 * <li><b>What nothing admits</b>: an inbound SYN is held (RFC 5382 REQ-4) and dropped silently when an
 *     outbound SYN of the same connection comes, else answered after the hold; other packets are
 *     answered at once or not at all, as configured. With hairpinning off, a packet from inside to an
 *     external endpoint is treated as one for the NAT itself and answered at once, without a hold
 *     (REQ-4 concerns SYNs for the NAT'ed hosts, not for the NAT).</li>
 * <li><b>Port choice</b>: the internal port first when preserving, then random (seeded) or sequential
 *     within the internal port's range (REQ-3a) and parity (REQ-4), falling back to the other parity
 *     rather than refusing the mapping. A freed port waits out the reuse delay (RFC 6888 REQ-8) except
 *     for the internal endpoint that held it: no session can be redirected to another host that way.</li>
 * <li><b>Broken options</b>: port overloading hands an inbound packet to the newest of the mappings
 *     holding the port that has a session with its sender (else the newest the filter admits), so two
 *     internal endpoints talking to one destination through one port lose the older one's traffic; hairpinning with the internal source forwards without filtering and makes no mapping for the
 *     sender; an ICMP-tearing NAT forwards the error, then removes the mapping; an evicting quota removes
 *     the subscriber's oldest mapping.</li>
 * <li><b>Port overlapping</b> (RFC 7857 section 3, Linux conntrack) is modelled for APDM only, where a
 *     mapping has exactly one destination and an inbound packet is matched on its full 5-tuple.</li>
 * <li><b>Conntrack stray entries</b> (an option of the Linux preset): a refused inbound packet leaves an
 *     entry whose tuple a new mapping towards that packet's sender avoids while it lives; only port
 *     choice looks at it.</li>
 * <li><b>ICMP errors</b> are translated when they quote a session, whatever their source address
 *     (RFC 4787 REQ-12a), and refresh nothing.</li>
 * <li><b>Quota</b> counts the mappings of an internal address over all transports (RFC 6888 REQ-4);
 *     paired pooling keeps an internal address on one external address while it holds any mapping.</li>
 * <li><b>Not modelled</b>: fragments (RFC 4787 REQ-13, REQ-14), ALGs (REQ-10), internal and external
 *     address overlap (REQ-7), ICMP query mappings, PCP (RFC 6888 REQ-9), IP identification, rate limits.</li>
 * </ul>
 */
package org.netconform.reference.nat;
