package org.netconform.suites.stun;

import static org.junit.jupiter.api.Assumptions.abort;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.reference.stun.AttributeType;
import org.netconform.reference.stun.Attributes;
import org.netconform.reference.stun.ChangeRequest;
import org.netconform.reference.stun.RawStunMessage;
import org.netconform.reference.stun.TransactionId;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.spi.stun.FilteringVerdict;
import org.netconform.spi.stun.MappingVerdict;

/**
 * An RFC 5780 discovery client against the suite's own server (spec/nat-traversal.md, DISC-SRC, -MAP,
 * -FILT, -HAIR, -LIFE, and the STUN client requirements its requests show). The server shows the
 * client no NAT, or answers as a NAT of a chosen behaviour in front of it would let it
 * ({@link ObservingStunServer}); it sees every request, so the procedure is judged as well as the
 * verdict.
 */
public class DiscoveryClientScenarios {

    private static DiscoveryRuns.Run plain(DiscoveryClientAdapter c) {
        return DiscoveryRuns.of(c, ObservingStunServer.Mode.plain());
    }

    private static DiscoveryRuns.Run behind(DiscoveryClientAdapter c, String mapping, String filtering) {
        return DiscoveryRuns.of(c, ObservingStunServer.Mode.nat(mapping, filtering));
    }

    // ---- what the client reports

    @ConformanceTest
    @Requirement("DISC-INFO-2")
    void whatTheClientReportsWithoutANat(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = plain(client).verdictOrError();
        Check.record("the verdict without a NAT", v.summary() + " (in its words: " + v.words() + ")");
    }

    @ConformanceTest
    @Requirement("DISC-MAP-1")
    @RequiresCapability(DiscoveryClientAdapter.MAPPING)
    void reportsNoNatWhenTheMappedAddressIsItsOwn(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = plain(client).verdictOrError();
        Check.that("no NAT reported (the XOR-MAPPED-ADDRESS of test I is the local address and port)", v.summary(),
                v.connectivity() && v.behindNat().equals(Optional.of(false)));
    }

    @ConformanceTest
    @Requirement("DISC-MAP-2")
    @RequiresCapability(DiscoveryClientAdapter.MAPPING)
    void findsEndpointIndependentMapping(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = behind(client, "EIM", "EIF");
        DiscoveryVerdict v = run.verdictOrError();
        InetSocketAddress a2p1 = new InetSocketAddress(run.server().alternate().get().getAddress(), run.server().primary().getPort());
        Check.that("mapping test II, a request to the alternate address and the primary port " + a2p1,
                destinations(run), run.requests().stream().anyMatch(s -> s.destination().equals(a2p1)));
        Check.equal("the mapping behaviour behind an emulated EIM NAT", Optional.of(MappingVerdict.EIM), v.mapping());
    }

    @ConformanceTest
    @Requirement("DISC-MAP-3")
    @RequiresCapability(DiscoveryClientAdapter.MAPPING)
    void findsAddressDependentMapping(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = behind(client, "ADM", "ADF").verdictOrError();
        Check.equal("the mapping behaviour behind an emulated ADM NAT", Optional.of(MappingVerdict.ADM), v.mapping());
    }

    @ConformanceTest
    @Requirement("DISC-MAP-3")
    @RequiresCapability(DiscoveryClientAdapter.MAPPING)
    void findsAddressAndPortDependentMapping(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = behind(client, "APDM", "APDF").verdictOrError();
        Check.equal("the mapping behaviour behind an emulated APDM NAT", Optional.of(MappingVerdict.APDM), v.mapping());
    }

    @ConformanceTest
    @Requirement("DISC-MAP-4")
    @RequiresCapability(DiscoveryClientAdapter.MAPPING)
    void guessesNothingWithoutOtherAddress(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = DiscoveryRuns.of(client, ObservingStunServer.Mode.withoutOtherAddress()).verdictOrError();
        Check.that("no mapping and no filtering behaviour from a server without OTHER-ADDRESS (behind an emulated NAT, so"
                + " test I's mapped address is not the local one)", v.summary(),
                v.mapping().isEmpty() && v.filtering().isEmpty());
    }

    @ConformanceTest
    @Requirement("DISC-FILT-1")
    @RequiresCapability(DiscoveryClientAdapter.FILTERING)
    void findsEndpointIndependentFiltering(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = behind(client, "EIM", "EIF");
        DiscoveryVerdict v = run.verdictOrError();
        Check.that("filtering test II, a request to the primary address with change IP and change port",
                changes(run), run.requests().stream().anyMatch(s -> s.destination().equals(run.server().primary())
                        && s.change().equals(Optional.of(ChangeRequest.BOTH))));
        Check.equal("the filtering behaviour behind an emulated EIF NAT", Optional.of(FilteringVerdict.EIF), v.filtering());
    }

    @ConformanceTest
    @Requirement("DISC-FILT-2")
    @RequiresCapability(DiscoveryClientAdapter.FILTERING)
    void findsAddressDependentFiltering(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = behind(client, "ADM", "ADF").verdictOrError();
        Check.equal("the filtering behaviour behind an emulated ADF NAT", Optional.of(FilteringVerdict.ADF), v.filtering());
    }

    @ConformanceTest
    @Requirement("DISC-FILT-2")
    @RequiresCapability(DiscoveryClientAdapter.FILTERING)
    void findsAddressAndPortDependentFiltering(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = behind(client, "APDM", "APDF").verdictOrError();
        Check.equal("the filtering behaviour behind an emulated APDF NAT", Optional.of(FilteringVerdict.APDF), v.filtering());
    }

    @ConformanceTest
    @Requirement("DISC-HAIR-1")
    @RequiresCapability(DiscoveryClientAdapter.HAIRPINNING)
    void reportsHairpinningWhenItsProbeArrives(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = plain(client).verdictOrError();
        Check.equal("hairpinning without a NAT (the probe to its own mapped address arrives)", Optional.of(true), v.hairpinning());
    }

    @ConformanceTest
    @Requirement("DISC-HAIR-1")
    @RequiresCapability(DiscoveryClientAdapter.HAIRPINNING)
    void reportsNoHairpinningWhenItsProbeIsLost(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = behind(client, "EIM", "EIF").verdictOrError();
        Check.equal("hairpinning behind the emulated NAT (the probe to the mapped address never comes back)",
                Optional.of(false), v.hairpinning());
    }

    // ---- the procedure, as the server saw it

    @ConformanceTest
    @Requirement("DISC-SRC-1")
    @RequiresCapability(DiscoveryClientAdapter.FILTERING)
    void filteringProbesComeFromAPortWithoutPriorState(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = behind(client, "ADM", "ADF");
        run.replay();
        List<String> violations = new ArrayList<>();
        List<String> probes = new ArrayList<>();
        Map<InetSocketAddress, InetSocketAddress> others = StunServerDiscoveryScenarios.endpoints(
                new org.netconform.spi.stun.StunServerEndpoints(run.server().primary(), run.server().alternate()));
        List<ObservingStunServer.Seen> reqs = run.requests();
        for (int i = 0; i < reqs.size(); i++) {
            ObservingStunServer.Seen s = reqs.get(i);
            Optional<ChangeRequest> c = s.change();
            if (c.isEmpty() || (!c.get().changeIp() && !c.get().changePort())) {
                continue;
            }
            InetSocketAddress other = others.get(s.destination());
            InetSocketAddress from = StunServerDiscoveryScenarios.expectedSource(s.destination(), other, c.get());
            probes.add(s.source() + " asks " + s.destination() + " for " + c.get() + " (from " + from + ")");
            for (int j = 0; j < i; j++) {
                ObservingStunServer.Seen earlier = reqs.get(j);
                if (!earlier.source().equals(s.source())) {
                    continue;
                }
                boolean stateful = c.get().changeIp() ? earlier.destination().getAddress().equals(from.getAddress())
                        : earlier.destination().equals(from);
                if (stateful) {
                    violations.add(s.source() + " asked for " + c.get() + " from " + from + " after sending to "
                            + earlier.destination() + " (t+" + earlier.atMillis() + " ms)");
                    break;
                }
            }
        }
        if (probes.isEmpty()) {
            abort("the client sent no request with CHANGE-REQUEST");
        }
        Check.that("every CHANGE-REQUEST probe from a port that has not sent to where its response comes from: " + probes,
                violations.isEmpty() ? "none had" : violations, violations.isEmpty());
    }

    @ConformanceTest
    @Requirement("DISC-SRC-2")
    void startsAtMostTenTransactionsASecond(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = plain(client);
        run.replay();
        Map<TransactionId, Long> starts = new LinkedHashMap<>();
        for (ObservingStunServer.Seen s : run.requests()) {
            starts.putIfAbsent(s.raw().effectiveTransactionId(), s.atMillis());
        }
        List<Long> t = new ArrayList<>(starts.values());
        int most = 0;
        long at = 0;
        for (int i = 0; i < t.size(); i++) {
            int n = 0;
            // a second, less 20 ms for the delivery of datagrams sent at a steady ten per second
            for (int j = i; j < t.size() && t.get(j) - t.get(i) < 980; j++) {
                n++;
            }
            if (n > most) {
                most = n;
                at = t.get(i);
            }
        }
        Check.that("at most 10 new transactions in any second, 20 ms allowed (" + t.size() + " in all)",
                most + " starting within one second from t+" + at + " ms", most <= 10);
    }

    @ConformanceTest
    @Requirement("DISC-LIFE-1")
    @RequiresCapability(DiscoveryClientAdapter.LIFETIME)
    void lifetimeProbeAsksFromASecondPortForTheFirstPortsMapping(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = lifetimeRun(client);
        DiscoveryVerdict v = run.verdictOrError();
        List<String> bad = new ArrayList<>();
        int probes = 0;
        Map<Integer, InetSocketAddress> lastDestinationOf = new HashMap<>();
        for (ObservingStunServer.Seen s : run.requests()) {
            Optional<RawStunMessage.RawAttribute> rp = s.raw().first(AttributeType.RESPONSE_PORT);
            if (rp.isEmpty()) {
                lastDestinationOf.put(s.source().getPort(), s.destination());
                continue;
            }
            probes++;
            int asked = Attributes.readResponsePort(rp.get().attribute());
            Integer x = run.externalPorts().get(asked);
            if (x == null) {
                bad.add("RESPONSE-PORT " + asked + " is no mapped port the client learned");
            } else if (x == s.source().getPort()) {
                bad.add("the probe for port " + x + "'s mapping comes from that port itself");
            } else if (!s.destination().equals(lastDestinationOf.get(x))) {
                bad.add("the probe goes to " + s.destination() + ", port " + x + " sent to " + lastDestinationOf.get(x));
            }
        }
        if (probes == 0) {
            abort("the client sent no request with RESPONSE-PORT");
        }
        Check.that(probes + " probes, each from a second port to the server address and port the first port used, asking"
                + " for the first port's mapped port", bad.isEmpty() ? "as asked" : bad, bad.isEmpty());
        long timer = LIFETIME_TIMER_MS;
        boolean within = v.lifetimeAlive().map(d -> d.toMillis() <= timer + LIFETIME_SLACK_MS).orElse(true)
                && v.lifetimeGone().map(d -> d.toMillis() >= timer - LIFETIME_SLACK_MS).orElse(false);
        Check.that("a lifetime that brackets the emulated NAT's " + timer + " ms mapping timer (" + LIFETIME_SLACK_MS
                + " ms either way)", v.summary(), within);
    }

    @ConformanceTest
    @Requirement("DISC-LIFE-2")
    @RequiresCapability(DiscoveryClientAdapter.LIFETIME)
    void lifetimeProbesAreEachPrecededByARefresh(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = lifetimeRun(client);
        run.verdictOrError();
        List<String> bad = new ArrayList<>();
        boolean refreshed = false;
        int probes = 0;
        java.util.Set<TransactionId> probeIds = new java.util.HashSet<>();
        for (ObservingStunServer.Seen s : run.requests()) {
            Optional<RawStunMessage.RawAttribute> rp = s.raw().first(AttributeType.RESPONSE_PORT);
            if (rp.isEmpty()) {
                refreshed = true;
                continue;
            }
            if (!probeIds.add(s.raw().effectiveTransactionId())) {
                continue; // a retransmission of a probe
            }
            int asked = Attributes.readResponsePort(rp.get().attribute());
            Integer x = run.externalPorts().get(asked);
            if (probes > 0 && !refreshed) {
                bad.add("probe " + (probes + 1) + " (t+" + s.atMillis() + " ms) without a request from port " + x + " before it");
            }
            probes++;
            refreshed = false;
        }
        if (probes < 2) {
            abort("fewer than two lifetime probes: nothing to refresh between");
        }
        Check.that("a request from the first port before each further probe", bad.isEmpty() ? probes + " probes, each refreshed"
                : bad, bad.isEmpty());
    }

    static final long LIFETIME_TIMER_MS = 1200;
    static final long LIFETIME_SLACK_MS = 250;

    private static DiscoveryRuns.Run lifetimeRun(DiscoveryClientAdapter client) {
        return DiscoveryRuns.of(client, ObservingStunServer.Mode.natWithTimer(LIFETIME_TIMER_MS),
                Set.of(DiscoveryClientAdapter.LIFETIME), Optional.of(DiscoveryRuns.probeTimeout()),
                Optional.of(Duration.ofMillis(3000)), DiscoveryRuns.deadline());
    }

    // ---- the client's requests (STUN-HDR, -ATTR, -TXN, -RETX as the client role)

    @ConformanceTest
    @Requirement("STUN-HDR-1")
    void requestsStartWithTwoZeroBits(DiscoveryClientAdapter client) {
        List<String> bad = everyDatagram(client, s -> (s.data()[0] & 0xC0) == 0, s -> String.format("first octet 0x%02X", s.data()[0] & 0xFF));
        Check.that("the two most significant bits of every datagram zero", bad.isEmpty() ? "all" : bad, bad.isEmpty());
    }

    @ConformanceTest
    @Requirement("STUN-HDR-2")
    void requestsCarryTheMagicCookie(DiscoveryClientAdapter client) {
        List<String> bad = everyDatagram(client, s -> s.raw().hasHeader() && s.raw().hasMagicCookie(),
                s -> s.raw().hasHeader() ? String.format("%08X in the cookie's place", s.raw().cookieField()) : "no header");
        Check.that("the magic cookie 2112A442 in every request", bad.isEmpty() ? "all" : bad, bad.isEmpty());
    }

    @ConformanceTest
    @Requirement("STUN-HDR-3")
    void requestLengthsCountTheOctetsAfterTheHeader(DiscoveryClientAdapter client) {
        List<String> bad = everyDatagram(client, s -> s.raw().hasHeader() && s.raw().lengthField() == s.data().length - 20
                        && s.raw().lengthField() % 4 == 0,
                s -> s.raw().hasHeader() ? "Message Length " + s.raw().lengthField() + " for " + (s.data().length - 20) + " octets" : "no header");
        Check.that("Message Length = the octets after the header, a multiple of 4, in every request", bad.isEmpty() ? "all" : bad, bad.isEmpty());
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-1")
    void requestAttributesFillTheMessageAsTlv(DiscoveryClientAdapter client) {
        List<String> bad = everyDatagram(client, s -> !s.raw().problems().contains(RawStunMessage.Problem.ATTRIBUTE_OVERRUN),
                s -> String.join("; ", s.raw().details()));
        Check.that("attributes that fill every request exactly", bad.isEmpty() ? "all" : bad, bad.isEmpty());
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-2")
    void requestPaddingIsZero(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = plain(client);
        run.replay();
        List<String> padded = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (ObservingStunServer.Seen s : run.seen()) {
            for (RawStunMessage.RawAttribute a : s.raw().attributes()) {
                if (a.padding().length > 0) {
                    padded.add(AttributeType.name(a.type()));
                    if (!a.paddingIsZero()) {
                        bad.add(AttributeType.name(a.type()) + " padded with " + StunExpect.hex(a.padding()));
                    }
                }
            }
        }
        if (padded.isEmpty()) {
            abort("no attribute of the client's requests needed padding");
        }
        Check.that("zero padding", bad.isEmpty() ? "zero in " + new java.util.TreeSet<>(padded) : bad, bad.isEmpty());
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-5")
    void requestsCarrySoftware(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = plain(client);
        run.replay();
        List<String> without = run.requests().stream().filter(s -> s.raw().first(AttributeType.SOFTWARE).isEmpty())
                .map(ObservingStunServer.Seen::toString).toList();
        Check.that("SOFTWARE in every request (" + run.requests().size() + ")", without.isEmpty() ? "in all" : without,
                without.isEmpty() && !run.requests().isEmpty());
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-6")
    void requestSoftwareIsShortUtf8(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = plain(client);
        run.replay();
        Optional<RawStunMessage.RawAttribute> sw = run.requests().stream().flatMap(s -> s.raw().first(AttributeType.SOFTWARE).stream())
                .findFirst();
        if (sw.isEmpty()) {
            abort("the client's requests carry no SOFTWARE");
        }
        Optional<String> text = StunExpect.utf8(sw.get().value());
        Check.that("SOFTWARE is UTF-8 of fewer than 128 characters", text.map(t -> "\"" + t + "\"").orElse("not UTF-8"),
                text.isPresent() && StunExpect.characters(text.get()) < 128);
    }

    @ConformanceTest
    @Requirement("STUN-TXN-4")
    void everyNewTransactionHasANewId(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = plain(client);
        run.replay();
        Map<TransactionId, ObservingStunServer.Seen> first = new HashMap<>();
        List<String> bad = new ArrayList<>();
        for (ObservingStunServer.Seen s : run.requests()) {
            ObservingStunServer.Seen f = first.putIfAbsent(s.raw().effectiveTransactionId(), s);
            if (f != null && !(StunExpect.hex(f.data()).equals(StunExpect.hex(s.data())) && f.source().equals(s.source())
                    && f.destination().getAddress().equals(s.destination().getAddress()))) {
                bad.add(s.raw().effectiveTransactionId() + " reused by a different request: " + f + " then " + s);
            }
        }
        Check.that("requests sharing a transaction ID are bit-wise identical, from one transport address to one IP address ("
                + first.size() + " IDs)", bad.isEmpty() ? "they are" : bad, bad.isEmpty());
    }

    private static void sameAsWithoutTricks(DiscoveryClientAdapter client, ObservingStunServer.Mode mode, String what) {
        DiscoveryVerdict expected = plain(client).verdictOrError();
        DiscoveryVerdict v = DiscoveryRuns.of(client, mode).verdictOrError();
        Check.equal("the verdict against a server " + what, expected.summary(), v.summary());
        Check.that("a mapped address other than the false " + ObservingStunServer.BOGUS, v.mapped(),
                !v.mapped().equals(Optional.of(ObservingStunServer.BOGUS)));
    }

    @ConformanceTest
    @Requirement("STUN-TXN-5")
    void responsesOfOtherTransactionsChangeNothing(DiscoveryClientAdapter client) {
        sameAsWithoutTricks(client, ObservingStunServer.Mode.forging(),
                "that sends, before each response, one with another transaction ID naming " + ObservingStunServer.BOGUS);
    }

    @ConformanceTest
    @Requirement("STUN-XOR-4")
    void aRewrittenMappedAddressChangesNothing(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run plain = plain(client);
        if (plain.requests().stream().noneMatch(s -> s.raw().hasMagicCookie())) {
            abort("the client sends only classic requests, whose responses carry no XOR-MAPPED-ADDRESS");
        }
        sameAsWithoutTricks(client, ObservingStunServer.Mode.rewritingMappedAddress(),
                "whose MAPPED-ADDRESS names " + ObservingStunServer.BOGUS + " (XOR-MAPPED-ADDRESS is right)");
    }

    @ConformanceTest
    @Requirement("STUN-UNK-3")
    void anUnknownOptionalAttributeChangesNothing(DiscoveryClientAdapter client) {
        sameAsWithoutTricks(client, ObservingStunServer.Mode.extra(0xFEEE),
                "that adds the unknown comprehension-optional attribute 0xFEEE to every success response");
    }

    @ConformanceTest
    @Requirement("STUN-UNK-4")
    void aResponseWithAnUnknownRequiredAttributeIsNotUsed(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = DiscoveryRuns.of(client, ObservingStunServer.Mode.extra(0x7EEE)).verdictOrError();
        Check.that("nothing taken from success responses that carry the unknown comprehension-required 0x7EEE and name "
                        + ObservingStunServer.BOGUS + " (no mapped address from them, no NAT inferred from them)",
                v.summary() + ", mapped " + v.mapped().map(Object::toString).orElse("-"),
                !v.mapped().equals(Optional.of(ObservingStunServer.BOGUS)) && !v.behindNat().equals(Optional.of(true))
                        && v.mapping().isEmpty() && v.filtering().isEmpty());
    }

    // ---- retransmission

    private static DiscoveryRuns.Run dropping(DiscoveryClientAdapter client) {
        return DiscoveryRuns.of(client, ObservingStunServer.Mode.droppingFirst(2));
    }

    /** The copies of the first transaction the server dropped, and any resend of it under a new ID. */
    private static List<ObservingStunServer.Seen> copiesOfFirst(DiscoveryRuns.Run run) {
        List<ObservingStunServer.Seen> reqs = run.requests();
        if (reqs.isEmpty()) {
            throw new NoAnswerException("the client sent no request at all");
        }
        TransactionId id = reqs.get(0).raw().effectiveTransactionId();
        return reqs.stream().filter(s -> s.raw().effectiveTransactionId().equals(id)).toList();
    }

    @ConformanceTest
    @Requirement("STUN-RETX-1")
    void retransmitsAfterAtLeast500MsThenDoubling(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = dropping(client);
        run.replay();
        List<ObservingStunServer.Seen> copies = copiesOfFirst(run);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < copies.size(); i++) {
            gaps.add(copies.get(i).atMillis() - copies.get(i - 1).atMillis());
        }
        boolean ok = gaps.size() >= 1 && gaps.get(0) >= 480
                && (gaps.size() < 2 || gaps.get(1) >= 1.5 * gaps.get(0) && gaps.get(1) <= 2.5 * gaps.get(0));
        Check.that("the first request, unanswered twice, sent again after >= 500 ms (20 ms allowed), then after twice that"
                + " (25 % allowed)", copies.size() + " copies, gaps " + gaps + " ms", ok);
    }

    @ConformanceTest
    @Requirement("STUN-RETX-2")
    void retransmissionsAreTheSameRequest(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = dropping(client);
        run.replay();
        List<ObservingStunServer.Seen> copies = copiesOfFirst(run);
        ObservingStunServer.Seen first = copies.get(0);
        if (copies.size() < 2) {
            Optional<ObservingStunServer.Seen> resent = run.requests().stream()
                    .filter(s -> s.atMillis() > first.atMillis() && s.source().equals(first.source())
                            && s.destination().equals(first.destination()) && s.withoutId().equals(first.withoutId()))
                    .findFirst();
            if (resent.isEmpty()) {
                abort("the client never resent its first request");
            }
            Check.equal("the resent request's transaction ID", first.raw().effectiveTransactionId().toString(),
                    resent.get().raw().effectiveTransactionId() + " (the same request otherwise, t+" + resent.get().atMillis() + " ms)");
            return;
        }
        List<String> bad = new ArrayList<>();
        for (ObservingStunServer.Seen c : copies.subList(1, copies.size())) {
            if (!StunExpect.hex(c.data()).equals(StunExpect.hex(first.data())) || !c.source().equals(first.source())
                    || !c.destination().equals(first.destination())) {
                bad.add(c.toString());
            }
        }
        Check.that("every retransmission the same octets from " + first.source() + " to " + first.destination(),
                bad.isEmpty() ? copies.size() + " identical copies" : bad, bad.isEmpty());
    }

    /** A run against a server that answers nothing, with the client's own retransmission defaults. */
    private static DiscoveryRuns.Run unanswered(DiscoveryClientAdapter client) {
        if (!Boolean.getBoolean("netconform.stun.longTimers")) {
            abort("watching a whole retransmission schedule takes 40 s: run with -Dnetconform.stun.longTimers=true");
        }
        return DiscoveryRuns.of(client, ObservingStunServer.Mode.answeringNothing(), Set.of(DiscoveryClientAdapter.MAPPING),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(90));
    }

    @ConformanceTest
    @Requirement("STUN-RETX-3")
    void withoutAnyAnswerSendsSevenRequestsAndGivesUpAfter39500Ms(DiscoveryClientAdapter client) {
        DiscoveryRuns.Run run = unanswered(client);
        run.verdictOrError();
        List<ObservingStunServer.Seen> copies = copiesOfFirst(run);
        List<Long> at = copies.stream().map(s -> s.atMillis() - copies.get(0).atMillis()).toList();
        Check.that("7 transmissions (0, 500, 1500, 3500, 7500, 15500, 31500 ms) and no verdict before 39500 ms",
                copies.size() + " transmissions at " + at + " ms, the run took " + run.millis() + " ms",
                copies.size() == 7 && run.millis() >= 39_000);
    }

    @ConformanceTest
    @Requirement("DISC-CONN-1")
    void withoutAnyAnswerReportsNoConnectivity(DiscoveryClientAdapter client) {
        DiscoveryVerdict v = unanswered(client).verdictOrError();
        Check.that("no UDP connectivity reported, and no NAT behaviour", v.summary(), !v.connectivity() && v.mapping().isEmpty()
                && v.filtering().isEmpty());
    }

    // ---- helpers

    private static List<String> everyDatagram(DiscoveryClientAdapter client, java.util.function.Predicate<ObservingStunServer.Seen> ok,
                                              java.util.function.Function<ObservingStunServer.Seen, String> why) {
        DiscoveryRuns.Run run = plain(client);
        run.replay();
        if (run.seen().isEmpty()) {
            throw new NoAnswerException("the client sent nothing to the suite's server");
        }
        return run.seen().stream().filter(ok.negate()).map(s -> s + ": " + why.apply(s)).toList();
    }

    private static List<String> destinations(DiscoveryRuns.Run run) {
        return run.requests().stream().map(s -> s.source().getPort() + " -> " + s.destination()).distinct().toList();
    }

    private static List<String> changes(DiscoveryRuns.Run run) {
        return run.requests().stream().map(s -> s.source().getPort() + " -> " + s.destination()
                + s.change().map(c -> " (" + c + ")").orElse("")).distinct().toList();
    }
}
