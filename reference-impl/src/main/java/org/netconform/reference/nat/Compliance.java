package org.netconform.reference.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which requirements of RFC 4787, RFC 5382, RFC 7857 and RFC 6888 a configuration gives up, judged
 * as if it were the NAT's default configuration. RFC 6888 requirements concern carrier-grade NATs;
 * they are listed for every configuration, so read them as "would not do for a CGN". Requirements
 * the model meets whatever the configuration (deterministic behaviour, REQ-11; protocol-dependent
 * mappings, RFC 7857 sections 5 and 6) and those it does not model (fragments, ALGs, PCP) are absent.
 */
public final class Compliance {
    private static final Duration TWO_MINUTES = Duration.ofMinutes(2);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration FOUR_MINUTES = Duration.ofMinutes(4);
    private static final Duration TWO_HOURS_FOUR = Duration.ofHours(2).plusMinutes(4);
    private static final Duration SYN_HOLD = Duration.ofSeconds(6);
    private static final Duration REUSE_DELAY = Duration.ofSeconds(120);

    private Compliance() {
    }

    /** The empty list for {@link NatConfig#defaults()}. */
    public static List<Deviation> deviations(NatConfig c) {
        List<Deviation> d = new ArrayList<>();
        if (c.mapping() != MappingBehavior.EIM) {
            String how = c.mapping() + (c.portOverlapping() && c.portPreservation()
                    ? " (endpoint-independent in practice while the internal port is free: port overlapping)" : "");
            d.add(must("RFC 4787 REQ-1", "mapping is " + how));
            d.add(must("RFC 5382 REQ-1", "TCP mapping is " + how));
        }
        if (c.pooling() == AddressPooling.ARBITRARY && c.externalAddresses().size() > 1) {
            d.add(should("RFC 4787 REQ-2", "arbitrary address pooling, not paired"));
            d.add(must("RFC 6888 REQ-2", "a CGN's default pooling must be paired"));
        }
        if (c.portOverloading()) {
            d.add(must("RFC 4787 REQ-3", "port overloading"));
            d.add(must("RFC 5382 REQ-7", "port overloading for TCP"));
        }
        if (!c.keepPortRanges()) {
            d.add(should("RFC 4787 REQ-3a", "ports 0-1023 and 1024-65535 are not kept apart"));
        } else if (c.externalPorts().intersect(PortRange.WELL_KNOWN) == null
                || c.externalPorts().intersect(PortRange.NOT_WELL_KNOWN) == null) {
            d.add(should("RFC 4787 REQ-3a", "external ports " + c.externalPorts() + " cover only one of the ranges"));
        }
        if (!c.portParity()) {
            d.add(should("RFC 4787 REQ-4", "port parity not preserved (RFC 7857 section 8 allows disabling it)"));
        }
        Duration shortestUdp = c.udpUnrepliedTimeout().filter(u -> u.compareTo(c.udpTimeout()) < 0)
                .orElse(c.udpTimeout());
        if (shortestUdp.compareTo(TWO_MINUTES) < 0) {
            d.add(must("RFC 4787 REQ-5", "UDP mapping timer " + shortestUdp.toSeconds() + " s, under 2 minutes"));
        } else if (shortestUdp.compareTo(FIVE_MINUTES) < 0) {
            d.add(should("RFC 4787 REQ-5c", "default UDP mapping timer " + shortestUdp.toSeconds() + " s, under 5 minutes"));
        }
        if (!c.refresh().outbound()) {
            d.add(must("RFC 4787 REQ-6", "outbound packets do not refresh mappings"));
        }
        if (c.filtering() == FilteringBehavior.APDF) {
            d.add(should("RFC 4787 REQ-8", "APDF: neither endpoint-independent nor address-dependent filtering"));
            d.add(should("RFC 5382 REQ-3", "APDF for TCP"));
        }
        if (c.filtering() != FilteringBehavior.EIF) {
            d.add(should("RFC 6888 REQ-7", c.filtering() + ": a CGN is recommended endpoint-independent filtering"));
        }
        if (c.hairpinning() == Hairpinning.OFF) {
            d.add(must("RFC 4787 REQ-9", "no hairpinning"));
            d.add(must("RFC 5382 REQ-8", "no hairpinning for TCP"));
        } else if (c.hairpinning() == Hairpinning.INTERNAL_SOURCE) {
            d.add(must("RFC 4787 REQ-9a", "hairpinning presents the internal source"));
            d.add(must("RFC 5382 REQ-8a", "TCP hairpinning presents the internal source"));
        }
        if (c.icmpErrors() == IcmpErrorHandling.TEAR_DOWN_MAPPING) {
            d.add(must("RFC 4787 REQ-12", "an ICMP error removes the mapping"));
            d.add(must("RFC 5382 REQ-10", "an ICMP error removes the mapping and its TCP connection"));
        }
        unsolicitedSyn(c, d);
        if (c.tcpEstablishedTimeout().compareTo(TWO_HOURS_FOUR) < 0) {
            d.add(must("RFC 5382 REQ-5", "established idle timeout " + c.tcpEstablishedTimeout().toSeconds()
                    + " s, under 2 h 4 min"));
        }
        if (c.tcpOpeningTimeout().compareTo(FOUR_MINUTES) < 0) {
            d.add(must("RFC 5382 REQ-5", "partially open idle timeout " + c.tcpOpeningTimeout().toSeconds()
                    + " s, under 4 minutes (RFC 7857 section 2.1 allows it configured, not as the default)"));
        }
        if (c.tcpClosingTimeout().compareTo(FOUR_MINUTES) < 0) {
            d.add(must("RFC 5382 REQ-5", "closing idle timeout " + c.tcpClosingTimeout().toSeconds()
                    + " s, under 4 minutes"));
        }
        if (c.tcpResetTimeout().compareTo(FOUR_MINUTES) < 0) {
            d.add(should("RFC 7857 section 2.2", "state after a RST kept " + c.tcpResetTimeout().toSeconds()
                    + " s, under 4 minutes"));
        }
        if (c.outboundErrorsRefresh()) {
            d.add(should("RFC 7857 section 7.1", "outbound ICMP errors and RSTs refresh mappings"));
        }
        if (c.portAllocation() == PortAllocation.SEQUENTIAL) {
            d.add(should("RFC 7857 section 9", "ports it must change are given out in sequence, not obfuscated"));
            d.add(should("RFC 6888 REQ-15", "sequential ports are easy to guess"));
        }
        if (c.portReuseDelay().compareTo(REUSE_DELAY) < 0) {
            d.add(should("RFC 6888 REQ-8", "a freed port is reused after " + c.portReuseDelay().toSeconds()
                    + " s, under 120 s"));
        }
        if (c.quotaExhaustion() == QuotaExhaustion.EVICT_OLDEST) {
            d.add(must("RFC 6888 REQ-11d", "quota exhaustion evicts the oldest mapping"));
        }
        if (!c.icmpOnExhaustion()) {
            d.add(should("RFC 6888 REQ-11b", "a refused flow gets no ICMP host unreachable"));
        }
        return d;
    }

    /** RFC 5382 REQ-4: hold at least 6 s, drop if an outbound SYN comes, else ICMP port unreachable. */
    private static void unsolicitedSyn(NatConfig c, List<Deviation> d) {
        boolean answers = c.unsolicitedTcp() != UnsolicitedTcpResponse.DROP;
        if (answers && c.unsolicitedSynHold().isEmpty()) {
            d.add(must("RFC 5382 REQ-4", "answers an unsolicited SYN at once with " + c.unsolicitedTcp()));
        } else if (answers && c.unsolicitedSynHold().get().compareTo(SYN_HOLD) < 0) {
            d.add(must("RFC 5382 REQ-4", "answers an unsolicited SYN after " + c.unsolicitedSynHold().get().toMillis()
                    + " ms, under 6 s"));
        }
        if (c.unsolicitedTcp() != UnsolicitedTcpResponse.ICMP_PORT_UNREACHABLE) {
            d.add(should("RFC 5382 REQ-4", "answers an unsolicited SYN with " + c.unsolicitedTcp()
                    + ", not ICMP port unreachable"));
        }
    }

    private static Deviation must(String requirement, String detail) {
        return new Deviation(requirement, Deviation.Level.MUST, detail);
    }

    private static Deviation should(String requirement, String detail) {
        return new Deviation(requirement, Deviation.Level.SHOULD, detail);
    }
}
