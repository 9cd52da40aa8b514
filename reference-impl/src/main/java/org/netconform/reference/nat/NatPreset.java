package org.netconform.reference.nat;

import java.time.Duration;
import java.util.List;

/**
 * Named NAT configurations: the RFC-compliant default, the classic RFC 3489 types, two real NATs, and
 * deliberately broken NATs for the suite's self-tests ({@link #selfTest()}), each broken in one
 * dimension so that exactly the checks of that dimension fail.
 */
public enum NatPreset {
    /** {@link NatConfig#defaults()}: every MUST and RECOMMENDED met. */
    RFC_COMPLIANT("the reference NAT: every MUST and RECOMMENDED of RFC 4787, 5382, 7857 and 6888", false,
            NatConfig.defaults()),
    /** Full cone: EIM + EIF (the reference default is one). */
    FULL_CONE("full cone: endpoint-independent mapping and filtering", false,
            NatConfig.builder().mapping(MappingBehavior.EIM).filtering(FilteringBehavior.EIF).build()),
    /** Restricted cone: EIM + ADF. */
    RESTRICTED_CONE("restricted cone: endpoint-independent mapping, address-dependent filtering", false,
            NatConfig.builder().mapping(MappingBehavior.EIM).filtering(FilteringBehavior.ADF).build()),
    /** Port-restricted cone: EIM + APDF. */
    PORT_RESTRICTED_CONE("port-restricted cone: endpoint-independent mapping, address-and-port-dependent filtering",
            false, NatConfig.builder().mapping(MappingBehavior.EIM).filtering(FilteringBehavior.APDF).build()),
    /** Symmetric: APDM + APDF, a new random port per destination. Breaks RFC 4787 REQ-1. */
    SYMMETRIC("symmetric: address-and-port-dependent mapping and filtering, no port preservation", true,
            NatConfig.builder().mapping(MappingBehavior.APDM).filtering(FilteringBehavior.APDF)
                    .portPreservation(false).build()),
    /**
     * Linux netfilter {@code masquerade} in a router with no other rules, as the anchors describe it:
     * each conntrack entry keeps the source port when the resulting tuple is unique, so mapping is
     * endpoint-independent in practice (modelled as APDM with port overlapping and preservation); only
     * replies pass (APDF); UDP conntrack timers 30 s unreplied and 120 s once replied (after the 2 s
     * {@code stream_ts}), refreshed by packets both ways; TCP timers SYN_SENT 120 s, ESTABLISHED 5 days,
     * TIME_WAIT 120 s, CLOSE (after a RST) 10 s; no parity; random port on collision; no reuse delay. No
     * hairpinning without DNAT and SNAT rules. Traffic nothing admits reaches the router's own stack,
     * which answers at once: RST for TCP, ICMP port unreachable for UDP (no input filter assumed); the
     * refused packet still leaves a conntrack entry whose tuple a later mapping towards its sender cannot
     * take while it lives, so that mapping gets another port (the anchors' pitfall).
     * Approximations: half-closed connections keep the established timer (conntrack: FIN_WAIT 120 s,
     * CLOSE_WAIT 60 s); the well-known range is kept apart as one range (Linux splits 1-511 and 512-1023).
     */
    LINUX_MASQUERADE("Linux netfilter masquerade (nftables, conntrack defaults)", false,
            NatConfig.builder().mapping(MappingBehavior.APDM).portOverlapping(true).portPreservation(true)
                    .portParity(false).filtering(FilteringBehavior.APDF)
                    .udpConntrackTimers(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(2))
                    .refresh(RefreshDirection.BOTH)
                    .tcpOpeningTimeout(Duration.ofSeconds(120)).tcpEstablishedTimeout(Duration.ofDays(5))
                    .tcpClosingTimeout(Duration.ofSeconds(120)).tcpResetTimeout(Duration.ofSeconds(10))
                    .hairpinning(Hairpinning.OFF).unsolicitedTcp(UnsolicitedTcpResponse.RST).noUnsolicitedSynHold()
                    .unsolicitedUdp(UnsolicitedUdpResponse.ICMP_PORT_UNREACHABLE).conntrackStrayEntries(true)
                    .portReuseDelay(Duration.ZERO).build()),
    /**
     * A carrier-grade NAT (RFC 6888): three external addresses pooled paired (REQ-2), a quota of
     * {@value #CGN_QUOTA} mappings per subscriber that drops new flows when reached (REQ-4, REQ-11),
     * random ports without preservation (REQ-15), EIF (REQ-7), a 120 s reuse delay (REQ-8).
     */
    CARRIER_GRADE("carrier-grade NAT (RFC 6888): paired pool of three addresses, per-subscriber quota, random ports",
            false, NatConfig.builder().externalAddresses("203.0.113.1", "203.0.113.2", "203.0.113.3")
                    .pooling(AddressPooling.PAIRED).portQuota(NatPreset.CGN_QUOTA)
                    .quotaExhaustion(QuotaExhaustion.DROP_NEW).portPreservation(false)
                    .portAllocation(PortAllocation.RANDOM).build()),
    /** Keeps the internal port even when another internal endpoint holds it. Breaks RFC 4787 REQ-3. */
    PORT_OVERLOADING("broken: port overloading", true, NatConfig.builder().portOverloading(true).build()),
    /** No hairpinning. Breaks RFC 4787 REQ-9 and RFC 5382 REQ-8. */
    NO_HAIRPIN("broken: no hairpinning", true, NatConfig.builder().hairpinning(Hairpinning.OFF).build()),
    /** Only inbound packets refresh mappings. Breaks RFC 4787 REQ-6. */
    INBOUND_ONLY_REFRESH("broken: only inbound packets refresh mappings", true,
            NatConfig.builder().refresh(RefreshDirection.INBOUND).build()),
    /** An inbound ICMP error removes the mapping it quotes. Breaks RFC 4787 REQ-12 and RFC 5382 REQ-10. */
    ICMP_TEARS_DOWN("broken: ICMP errors tear mappings down", true,
            NatConfig.builder().icmpErrors(IcmpErrorHandling.TEAR_DOWN_MAPPING).build()),
    /** A quota whose exhaustion evicts the subscriber's oldest mapping. Breaks RFC 6888 REQ-11d. */
    EVICTING_QUOTA("broken: a full port quota evicts the oldest mapping", true,
            NatConfig.builder().portQuota(NatPreset.CGN_QUOTA).quotaExhaustion(QuotaExhaustion.EVICT_OLDEST).build()),
    /** A one-minute UDP mapping timer. Breaks RFC 4787 REQ-5. */
    SHORT_TIMER("broken: a 60 s UDP mapping timer", true,
            NatConfig.builder().udpTimeout(Duration.ofSeconds(60)).build());

    /** The per-subscriber quota of {@link #CARRIER_GRADE} and {@link #EVICTING_QUOTA}. */
    public static final int CGN_QUOTA = 32;

    private final String description;
    private final boolean selfTest;
    private final NatConfig config;

    NatPreset(String description, boolean selfTest, NatConfig config) {
        this.description = description;
        this.selfTest = selfTest;
        this.config = config;
    }

    public String description() {
        return description;
    }

    /** A deliberately broken NAT, for the suite's self-tests: the suite must find its deviation. */
    public boolean selfTest() {
        return selfTest;
    }

    public NatConfig config() {
        return config;
    }

    /** The requirements this preset gives up ({@link Compliance#deviations}). */
    public List<Deviation> deviations() {
        return Compliance.deviations(config);
    }
}
