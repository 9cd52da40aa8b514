package org.netconform.reference.nat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything that makes one NAT behave differently from another. {@link #defaults()} meets every MUST
 * and RECOMMENDED of RFC 4787, RFC 5382, RFC 7857 and RFC 6888 that a configuration can meet; the
 * named configurations of real and deliberately broken NATs are in {@link NatPreset}, and
 * {@link Compliance#deviations(NatConfig)} lists which requirements a configuration gives up.
 *
 * <p>Build one with {@link #builder()} (starting from the defaults) or {@link #toBuilder()}:
 * <pre>{@code
 * NatConfig c = NatConfig.builder().mapping(MappingBehavior.EIM).filtering(FilteringBehavior.APDF)
 *         .portPreservation(false).hairpinning(Hairpinning.OFF).build();
 * }</pre>
 *
 * @param mapping               which packets share a mapping
 * @param filtering             which inbound packets a mapping admits
 * @param portPreservation      try the internal port first (RFC 4787 section 4.2.1)
 * @param portParity            an allocated port has the internal port's parity (RFC 4787 REQ-4)
 * @param keepPortRanges        internal ports 1-1023 map into 1-1023 and 1024-65535 into 1024-65535
 *                              (RFC 4787 REQ-3a), as far as {@code externalPorts} allows
 * @param portAllocation        how a port is picked when the internal one is not kept
 * @param externalPorts         the ports the NAT gives out
 * @param externalAddresses     the NAT's external addresses (its pool); the first is the primary one
 * @param pooling               how mappings are spread over several external addresses
 * @param portOverloading       keep the internal port even when another internal endpoint holds it
 *                              externally (RFC 4787 REQ-3 forbids it: a broken option)
 * @param portOverlapping       share an external port among internal endpoints whose destinations
 *                              differ (RFC 7857 section 3; Linux conntrack); needs {@link MappingBehavior#APDM}
 *                              so that each mapping has exactly one destination
 * @param udpTimeout            the UDP mapping timer; with per-session timers, the timer of a session
 *                              that has seen replies (conntrack's {@code udp_timeout_stream})
 * @param udpUnrepliedTimeout   present: UDP timers are kept per session, as Linux conntrack does, and a
 *                              session that has seen no reply uses this one ({@code udp_timeout})
 * @param udpStreamAfter        with per-session timers: a replied session gets {@code udpTimeout} only
 *                              for packets this long after it was created (conntrack's 2 s
 *                              {@code stream_ts}); earlier packets keep {@code udpUnrepliedTimeout}
 * @param tcpOpeningTimeout     TCP transitory idle timer while a connection is partially open
 * @param tcpEstablishedTimeout TCP established idle timer (also half-closed: RFC 5382 section 5)
 * @param tcpClosingTimeout     TCP transitory idle timer once FINs went both ways
 * @param tcpResetTimeout       how long a session lives after a RST (RFC 7857 section 2.2)
 * @param refresh               which packets restart the idle timers
 * @param outboundErrorsRefresh outbound ICMP errors and RSTs refresh the timers (RFC 7857 section 7.1
 *                              says they SHOULD NOT)
 * @param hairpinning           what happens to a packet from inside to an external endpoint of the NAT
 * @param icmpErrors            what an inbound ICMP error does to the mapping it quotes
 * @param portQuota             the most mappings one internal address (subscriber) may hold (RFC 6888 REQ-4)
 * @param quotaExhaustion       what happens to a new flow beyond the quota
 * @param icmpOnExhaustion      a refused new flow gets ICMP host unreachable (RFC 6888 REQ-11b)
 * @param portReuseDelay        how long a freed external port waits before another internal endpoint
 *                              gets it (RFC 6888 REQ-8)
 * @param unsolicitedTcp        the answer to an inbound SYN no mapping admits, after the hold
 * @param unsolicitedSynHold    present: such a SYN is held this long first, and dropped silently if
 *                              an outbound SYN for it comes meanwhile (RFC 5382 REQ-4)
 * @param unsolicitedUdp        the answer to an inbound datagram no mapping admits
 * @param conntrackStrayEntries an inbound packet no mapping admits still leaves a conntrack entry, as on
 *                              Linux, and a new mapping towards that packet's source cannot take its
 *                              tuple while the entry lives (UDP: the unreplied timer; TCP: the RST timer
 *                              when the NAT answers with RST, else the opening timer), so the port changes
 */
public record NatConfig(
        MappingBehavior mapping,
        FilteringBehavior filtering,
        boolean portPreservation,
        boolean portParity,
        boolean keepPortRanges,
        PortAllocation portAllocation,
        PortRange externalPorts,
        List<String> externalAddresses,
        AddressPooling pooling,
        boolean portOverloading,
        boolean portOverlapping,
        Duration udpTimeout,
        Optional<Duration> udpUnrepliedTimeout,
        Duration udpStreamAfter,
        Duration tcpOpeningTimeout,
        Duration tcpEstablishedTimeout,
        Duration tcpClosingTimeout,
        Duration tcpResetTimeout,
        RefreshDirection refresh,
        boolean outboundErrorsRefresh,
        Hairpinning hairpinning,
        IcmpErrorHandling icmpErrors,
        OptionalInt portQuota,
        QuotaExhaustion quotaExhaustion,
        boolean icmpOnExhaustion,
        Duration portReuseDelay,
        UnsolicitedTcpResponse unsolicitedTcp,
        Optional<Duration> unsolicitedSynHold,
        UnsolicitedUdpResponse unsolicitedUdp,
        boolean conntrackStrayEntries) {

    /** The external address of a NAT in the standard lab topology. */
    public static final String DEFAULT_EXTERNAL_ADDRESS = "203.0.113.1";

    public NatConfig {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(filtering, "filtering");
        Objects.requireNonNull(portAllocation, "portAllocation");
        Objects.requireNonNull(externalPorts, "externalPorts");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(hairpinning, "hairpinning");
        Objects.requireNonNull(icmpErrors, "icmpErrors");
        Objects.requireNonNull(portQuota, "portQuota");
        Objects.requireNonNull(quotaExhaustion, "quotaExhaustion");
        Objects.requireNonNull(unsolicitedTcp, "unsolicitedTcp");
        Objects.requireNonNull(unsolicitedSynHold, "unsolicitedSynHold");
        Objects.requireNonNull(unsolicitedUdp, "unsolicitedUdp");
        externalAddresses = List.copyOf(externalAddresses);
        if (externalAddresses.isEmpty()) {
            throw new IllegalArgumentException("a NAT has at least one external address");
        }
        externalAddresses.forEach(Ipv4::requireValid);
        if (new HashSet<>(externalAddresses).size() != externalAddresses.size()) {
            throw new IllegalArgumentException("external addresses repeat: " + externalAddresses);
        }
        positive("udpTimeout", udpTimeout);
        udpUnrepliedTimeout.ifPresent(d -> positive("udpUnrepliedTimeout", d));
        notNegative("udpStreamAfter", udpStreamAfter);
        positive("tcpOpeningTimeout", tcpOpeningTimeout);
        positive("tcpEstablishedTimeout", tcpEstablishedTimeout);
        positive("tcpClosingTimeout", tcpClosingTimeout);
        positive("tcpResetTimeout", tcpResetTimeout);
        notNegative("portReuseDelay", portReuseDelay);
        unsolicitedSynHold.ifPresent(d -> positive("unsolicitedSynHold", d));
        if (portQuota.isPresent() && portQuota.getAsInt() < 1) {
            throw new IllegalArgumentException("a port quota is at least 1: " + portQuota.getAsInt());
        }
        if (portOverloading && !portPreservation) {
            throw new IllegalArgumentException("port overloading is port preservation kept even on collision: "
                    + "it needs portPreservation");
        }
        if (portOverlapping && (mapping != MappingBehavior.APDM || portOverloading)) {
            throw new IllegalArgumentException("port overlapping (RFC 7857 section 3) is modelled for APDM "
                    + "mappings without overloading only");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void notNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }

    /**
     * The reference NAT. Each choice and the requirement behind it:
     * <ul>
     * <li>EIM: RFC 4787 REQ-1, RFC 5382 REQ-1 (MUST); kept per transport, RFC 7857 section 5.</li>
     * <li>EIF, not ADF: RFC 4787 REQ-8 and RFC 5382 REQ-3 recommend EIF where transparency matters
     *     most and ADF where stringency does, so either meets them; RFC 6888 REQ-7 recommends EIF
     *     outright and allows ADF only where it is known not to break the application. EIF is the one
     *     choice that meets all three, and it is what hole punching needs from the NAT. (APDF meets none.)
     *     Its risk is limited the way RFC 5382 section 9 describes: an attacker must guess a live mapping,
     *     and inbound packets never refresh one (RFC 7857 section 7).</li>
     * <li>Port preservation, with parity (REQ-4) and the well-known range kept apart (REQ-3a); when the
     *     port must change, a random one (RFC 7857 section 9, RFC 6056); never overloading (REQ-3).</li>
     * <li>Paired pooling (REQ-2; RFC 6888 REQ-2).</li>
     * <li>UDP timer 5 minutes (REQ-5, REQ-5c), refreshed by outbound packets only (REQ-6; RFC 7857
     *     section 7), and not by outbound ICMP errors or RSTs (RFC 7857 section 7.1).</li>
     * <li>TCP: 4 minutes partially open, 2 h 4 min established, 4 minutes closing (RFC 5382 REQ-5;
     *     separately configurable, RFC 7857 section 2.1), 4 minutes after a RST (RFC 7857 section 2.2).</li>
     * <li>Hairpinning with the external source (REQ-9, REQ-9a; RFC 5382 REQ-8).</li>
     * <li>ICMP errors translated, never destroying a mapping (REQ-12, REQ-12b; RFC 5382 REQ-9, REQ-10).</li>
     * <li>No quota by default, but a refused flow is dropped with ICMP host unreachable and never evicts
     *     (RFC 6888 REQ-11); a freed port waits 120 s before another endpoint gets it (RFC 6888 REQ-8).</li>
     * <li>An unsolicited SYN is held 6 s, dropped silently if an outbound SYN for it comes, otherwise
     *     answered with ICMP port unreachable (RFC 5382 REQ-4).</li>
     * </ul>
     */
    public static NatConfig defaults() {
        return new NatConfig(MappingBehavior.EIM, FilteringBehavior.EIF, true, true, true, PortAllocation.RANDOM,
                PortRange.ALL, List.of(DEFAULT_EXTERNAL_ADDRESS), AddressPooling.PAIRED, false, false,
                Duration.ofMinutes(5), Optional.empty(), Duration.ZERO,
                Duration.ofMinutes(4), Duration.ofHours(2).plusMinutes(4), Duration.ofMinutes(4), Duration.ofMinutes(4),
                RefreshDirection.OUTBOUND, false, Hairpinning.EXTERNAL_SOURCE, IcmpErrorHandling.KEEP_MAPPING,
                OptionalInt.empty(), QuotaExhaustion.DROP_NEW, true, Duration.ofSeconds(120),
                UnsolicitedTcpResponse.ICMP_PORT_UNREACHABLE, Optional.of(Duration.ofSeconds(6)),
                UnsolicitedUdpResponse.DROP, false);
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The defaults with a classification applied: what RFC 5780 discovery (mapping, filtering), a port
     * test and a hairpin test report. Everything not classified keeps its compliant default.
     */
    public static NatConfig classified(MappingBehavior mapping, FilteringBehavior filtering,
                                       boolean portPreservation, Hairpinning hairpinning) {
        return builder().mapping(mapping).filtering(filtering).portPreservation(portPreservation)
                .hairpinning(hairpinning).build();
    }

    /** How long an inbound packet no mapping admits holds its tuple ({@link #conntrackStrayEntries}). */
    public Duration strayEntryTimeout(Transport transport) {
        if (transport == Transport.UDP) {
            return udpUnrepliedTimeout.orElse(udpTimeout);
        }
        return unsolicitedTcp == UnsolicitedTcpResponse.RST ? tcpResetTimeout : tcpOpeningTimeout;
    }

    /** True when UDP timers are kept per session (Linux conntrack) rather than per mapping. */
    public boolean perSessionUdpTimers() {
        return udpUnrepliedTimeout.isPresent();
    }

    /** The idle timer of a TCP session in a state. */
    public Duration tcpTimeout(TcpSessionState state) {
        return switch (state) {
            case SYN_OUTBOUND, SYN_INBOUND -> tcpOpeningTimeout;
            case ESTABLISHED, FIN_OUTBOUND, FIN_INBOUND -> tcpEstablishedTimeout;
            case FIN_BOTH -> tcpClosingTimeout;
            case RESET -> tcpResetTimeout;
        };
    }

    /** One line for reports, e.g. {@code EIM/EIF, port preservation+parity, paired 203.0.113.1, ...}. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(mapping).append('/').append(filtering);
        b.append(portOverloading ? ", port overloading" : portPreservation ? ", port preservation" : ", no port preservation");
        b.append(portParity ? "+parity" : "").append(portOverlapping ? ", port overlapping" : "");
        b.append(", ").append(portAllocation.name().toLowerCase()).append(" ports ").append(externalPorts);
        b.append(", ").append(pooling.name().toLowerCase()).append(' ').append(String.join(",", externalAddresses));
        b.append(", UDP ").append(udpTimeout.toSeconds()).append(" s");
        udpUnrepliedTimeout.ifPresent(d -> b.append(" (unreplied ").append(d.toSeconds()).append(" s)"));
        b.append(", TCP ").append(tcpOpeningTimeout.toSeconds()).append('/').append(tcpEstablishedTimeout.toSeconds())
                .append('/').append(tcpClosingTimeout.toSeconds()).append(" s");
        b.append(", refresh ").append(refresh.name().toLowerCase());
        b.append(", hairpin ").append(hairpinning.name().toLowerCase().replace('_', ' '));
        b.append(icmpErrors == IcmpErrorHandling.TEAR_DOWN_MAPPING ? ", ICMP tears down" : "");
        portQuota.ifPresent(q -> b.append(", quota ").append(q).append(' ')
                .append(quotaExhaustion.name().toLowerCase().replace('_', ' ')));
        b.append(", reuse delay ").append(portReuseDelay.toSeconds()).append(" s");
        b.append(", unsolicited SYN ").append(unsolicitedTcp.name().toLowerCase().replace('_', ' '));
        unsolicitedSynHold.ifPresent(d -> b.append(" after ").append(d.toSeconds()).append(" s"));
        b.append(conntrackStrayEntries ? ", conntrack stray entries" : "");
        return b.toString();
    }

    /** Builds a {@link NatConfig}; every setter returns the builder. */
    public static final class Builder {
        private MappingBehavior mapping;
        private FilteringBehavior filtering;
        private boolean portPreservation;
        private boolean portParity;
        private boolean keepPortRanges;
        private PortAllocation portAllocation;
        private PortRange externalPorts;
        private List<String> externalAddresses;
        private AddressPooling pooling;
        private boolean portOverloading;
        private boolean portOverlapping;
        private Duration udpTimeout;
        private Optional<Duration> udpUnrepliedTimeout;
        private Duration udpStreamAfter;
        private Duration tcpOpeningTimeout;
        private Duration tcpEstablishedTimeout;
        private Duration tcpClosingTimeout;
        private Duration tcpResetTimeout;
        private RefreshDirection refresh;
        private boolean outboundErrorsRefresh;
        private Hairpinning hairpinning;
        private IcmpErrorHandling icmpErrors;
        private OptionalInt portQuota;
        private QuotaExhaustion quotaExhaustion;
        private boolean icmpOnExhaustion;
        private Duration portReuseDelay;
        private UnsolicitedTcpResponse unsolicitedTcp;
        private Optional<Duration> unsolicitedSynHold;
        private UnsolicitedUdpResponse unsolicitedUdp;
        private boolean conntrackStrayEntries;

        private Builder(NatConfig c) {
            mapping = c.mapping;
            filtering = c.filtering;
            portPreservation = c.portPreservation;
            portParity = c.portParity;
            keepPortRanges = c.keepPortRanges;
            portAllocation = c.portAllocation;
            externalPorts = c.externalPorts;
            externalAddresses = c.externalAddresses;
            pooling = c.pooling;
            portOverloading = c.portOverloading;
            portOverlapping = c.portOverlapping;
            udpTimeout = c.udpTimeout;
            udpUnrepliedTimeout = c.udpUnrepliedTimeout;
            udpStreamAfter = c.udpStreamAfter;
            tcpOpeningTimeout = c.tcpOpeningTimeout;
            tcpEstablishedTimeout = c.tcpEstablishedTimeout;
            tcpClosingTimeout = c.tcpClosingTimeout;
            tcpResetTimeout = c.tcpResetTimeout;
            refresh = c.refresh;
            outboundErrorsRefresh = c.outboundErrorsRefresh;
            hairpinning = c.hairpinning;
            icmpErrors = c.icmpErrors;
            portQuota = c.portQuota;
            quotaExhaustion = c.quotaExhaustion;
            icmpOnExhaustion = c.icmpOnExhaustion;
            portReuseDelay = c.portReuseDelay;
            unsolicitedTcp = c.unsolicitedTcp;
            unsolicitedSynHold = c.unsolicitedSynHold;
            unsolicitedUdp = c.unsolicitedUdp;
            conntrackStrayEntries = c.conntrackStrayEntries;
        }

        public Builder mapping(MappingBehavior v) {
            mapping = v;
            return this;
        }

        public Builder filtering(FilteringBehavior v) {
            filtering = v;
            return this;
        }

        public Builder portPreservation(boolean v) {
            portPreservation = v;
            return this;
        }

        public Builder portParity(boolean v) {
            portParity = v;
            return this;
        }

        public Builder keepPortRanges(boolean v) {
            keepPortRanges = v;
            return this;
        }

        public Builder portAllocation(PortAllocation v) {
            portAllocation = v;
            return this;
        }

        public Builder externalPorts(PortRange v) {
            externalPorts = v;
            return this;
        }

        public Builder externalAddresses(List<String> v) {
            externalAddresses = List.copyOf(v);
            return this;
        }

        public Builder externalAddresses(String... v) {
            return externalAddresses(List.of(v));
        }

        public Builder pooling(AddressPooling v) {
            pooling = v;
            return this;
        }

        public Builder portOverloading(boolean v) {
            portOverloading = v;
            return this;
        }

        public Builder portOverlapping(boolean v) {
            portOverlapping = v;
            return this;
        }

        public Builder udpTimeout(Duration v) {
            udpTimeout = v;
            return this;
        }

        /** Per-session UDP timers as Linux conntrack keeps them; {@link #udpTimeout} is then the replied one. */
        public Builder udpConntrackTimers(Duration unreplied, Duration replied, Duration streamAfter) {
            udpUnrepliedTimeout = Optional.of(unreplied);
            udpTimeout = replied;
            udpStreamAfter = streamAfter;
            return this;
        }

        /** Back to one timer per UDP mapping. */
        public Builder udpMappingTimer(Duration v) {
            udpUnrepliedTimeout = Optional.empty();
            udpStreamAfter = Duration.ZERO;
            udpTimeout = v;
            return this;
        }

        public Builder tcpOpeningTimeout(Duration v) {
            tcpOpeningTimeout = v;
            return this;
        }

        public Builder tcpEstablishedTimeout(Duration v) {
            tcpEstablishedTimeout = v;
            return this;
        }

        public Builder tcpClosingTimeout(Duration v) {
            tcpClosingTimeout = v;
            return this;
        }

        public Builder tcpResetTimeout(Duration v) {
            tcpResetTimeout = v;
            return this;
        }

        /** Sets the opening, closing and after-RST timers at once (RFC 5382's one "transitory" timer). */
        public Builder tcpTransitoryTimeout(Duration v) {
            tcpOpeningTimeout = v;
            tcpClosingTimeout = v;
            tcpResetTimeout = v;
            return this;
        }

        public Builder refresh(RefreshDirection v) {
            refresh = v;
            return this;
        }

        public Builder outboundErrorsRefresh(boolean v) {
            outboundErrorsRefresh = v;
            return this;
        }

        public Builder hairpinning(Hairpinning v) {
            hairpinning = v;
            return this;
        }

        public Builder icmpErrors(IcmpErrorHandling v) {
            icmpErrors = v;
            return this;
        }

        public Builder portQuota(int v) {
            portQuota = OptionalInt.of(v);
            return this;
        }

        public Builder noPortQuota() {
            portQuota = OptionalInt.empty();
            return this;
        }

        public Builder quotaExhaustion(QuotaExhaustion v) {
            quotaExhaustion = v;
            return this;
        }

        public Builder icmpOnExhaustion(boolean v) {
            icmpOnExhaustion = v;
            return this;
        }

        public Builder portReuseDelay(Duration v) {
            portReuseDelay = v;
            return this;
        }

        public Builder unsolicitedTcp(UnsolicitedTcpResponse v) {
            unsolicitedTcp = v;
            return this;
        }

        public Builder unsolicitedSynHold(Duration v) {
            unsolicitedSynHold = Optional.of(v);
            return this;
        }

        public Builder noUnsolicitedSynHold() {
            unsolicitedSynHold = Optional.empty();
            return this;
        }

        public Builder unsolicitedUdp(UnsolicitedUdpResponse v) {
            unsolicitedUdp = v;
            return this;
        }

        public Builder conntrackStrayEntries(boolean v) {
            conntrackStrayEntries = v;
            return this;
        }

        public NatConfig build() {
            return new NatConfig(mapping, filtering, portPreservation, portParity, keepPortRanges, portAllocation,
                    externalPorts, externalAddresses, pooling, portOverloading, portOverlapping, udpTimeout,
                    udpUnrepliedTimeout, udpStreamAfter, tcpOpeningTimeout, tcpEstablishedTimeout, tcpClosingTimeout,
                    tcpResetTimeout, refresh, outboundErrorsRefresh, hairpinning, icmpErrors, portQuota,
                    quotaExhaustion, icmpOnExhaustion, portReuseDelay, unsolicitedTcp, unsolicitedSynHold,
                    unsolicitedUdp, conntrackStrayEntries);
        }
    }
}
