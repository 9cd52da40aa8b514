package org.netconform.suites.stun;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.reference.stun.AttributeType;
import org.netconform.reference.stun.Attributes;
import org.netconform.reference.stun.ChangeRequest;
import org.netconform.reference.stun.ErrorCode;
import org.netconform.reference.stun.RawStunMessage;
import org.netconform.reference.stun.StunMessage;
import org.netconform.reference.stun.TransactionId;
import org.netconform.spi.stun.StunServerAdapter;
import org.netconform.spi.stun.StunServerEndpoints;

/**
 * A behaviour-discovery server over the wire (RFC 5780 §6, §7; spec/nat-traversal.md DISC-ATTR,
 * -CHANGE, -RPORT, -PAD): where the responses come from, what they name, RESPONSE-PORT and PADDING.
 * The server's endpoints are A1:P1, A1:P2, A2:P1, A2:P2 on 127.0.0.1 and 127.0.0.2; Table 1 is checked
 * from each of them.
 */
public class StunServerDiscoveryScenarios {
    private static final List<ChangeRequest> FLAGS = List.of(ChangeRequest.NONE, ChangeRequest.IP, ChangeRequest.PORT,
            ChangeRequest.BOTH);

    /** The four endpoints, each with its Ca:Cp. */
    static Map<InetSocketAddress, InetSocketAddress> endpoints(StunServerEndpoints at) {
        InetSocketAddress p = at.primary();
        InetSocketAddress a = at.alternate().orElseThrow(() -> new IllegalStateException("the adapter declares "
                + StunServerAdapter.CHANGE_REQUEST + " but gives no alternate address"));
        Map<InetSocketAddress, InetSocketAddress> out = new LinkedHashMap<>();
        InetSocketAddress a1p2 = new InetSocketAddress(p.getAddress(), a.getPort());
        InetSocketAddress a2p1 = new InetSocketAddress(a.getAddress(), p.getPort());
        out.put(p, a);
        out.put(a1p2, a2p1);
        out.put(a2p1, a1p2);
        out.put(a, p);
        return out;
    }

    /** Where a response to a request at {@code da} with these flags comes from (Table 1). */
    static InetSocketAddress expectedSource(InetSocketAddress da, InetSocketAddress other, ChangeRequest c) {
        return new InetSocketAddress(c.changeIp() ? other.getAddress() : da.getAddress(), c.changePort() ? other.getPort() : da.getPort());
    }

    /** For every endpoint (and the given flags): the reply, keyed by "flags at endpoint". */
    private static Map<String, Exchange> table(StunServerAdapter server, StunWire wire, List<ChangeRequest> flags) {
        Map<String, Exchange> out = new LinkedHashMap<>();
        for (Map.Entry<InetSocketAddress, InetSocketAddress> e : endpoints(server.endpoints()).entrySet()) {
            for (ChangeRequest c : flags) {
                StunMessage req = c == null ? StunMessage.bindingRequest(TransactionId.random())
                        : StunMessage.bindingRequest(TransactionId.random(), c.attribute());
                Optional<StunWire.Reply> r = wire.exchangeOrSilence(e.getKey(), req);
                out.put((c == null ? "no CHANGE-REQUEST" : c.toString()) + " at " + e.getKey(), new Exchange(e.getKey(), e.getValue(), c, r));
            }
        }
        return out;
    }

    private record Exchange(InetSocketAddress da, InetSocketAddress other, ChangeRequest flags, Optional<StunWire.Reply> reply) {
        String source() {
            return reply.map(r -> r.source().toString()).orElse("no response");
        }

        String address(int type) {
            return reply.map(r -> StunExpect.address(r.raw(), type).map(Object::toString).orElse("(no " + AttributeType.name(type) + ")"))
                    .orElse("no response");
        }
    }

    private static void changeTable(StunServerAdapter server, ChangeRequest flags) {
        try (StunWire wire = new StunWire()) {
            List<String> expected = new ArrayList<>();
            List<String> observed = new ArrayList<>();
            for (Exchange x : table(server, wire, List.of(flags)).values()) {
                expected.add(x.da() + " -> " + expectedSource(x.da(), x.other(), flags));
                observed.add(x.da() + " -> " + x.source());
            }
            Check.equal("where the responses to \"" + flags + "\" come from", expected, observed);
        }
    }

    @ConformanceTest
    @Requirement("DISC-CHANGE-1")
    @RequiresCapability(StunServerAdapter.CHANGE_REQUEST)
    void changeIpIsAnsweredFromTheOtherAddress(StunServerAdapter server) {
        changeTable(server, ChangeRequest.IP);
    }

    @ConformanceTest
    @Requirement("DISC-CHANGE-2")
    @RequiresCapability(StunServerAdapter.CHANGE_REQUEST)
    void changePortIsAnsweredFromTheOtherPort(StunServerAdapter server) {
        changeTable(server, ChangeRequest.PORT);
    }

    @ConformanceTest
    @Requirement("DISC-CHANGE-3")
    @RequiresCapability(StunServerAdapter.CHANGE_REQUEST)
    void changeBothIsAnsweredFromTheOtherAddressAndPort(StunServerAdapter server) {
        changeTable(server, ChangeRequest.BOTH);
    }

    @ConformanceTest
    @Requirement("DISC-CHANGE-4")
    @RequiresCapability(StunServerAdapter.CHANGE_REQUEST)
    void noFlagsAreAnsweredFromWhereTheRequestWent(StunServerAdapter server) {
        changeTable(server, ChangeRequest.NONE);
    }

    @ConformanceTest
    @Requirement("DISC-CHANGE-5")
    @RequiresCapability(StunServerAdapter.SINGLE_ADDRESS)
    void aSingleAddressServerNamesNoOtherAddressAndRefusesChangeRequest(StunServerAdapter server) {
        InetSocketAddress to = server.singleAddressEndpoints().primary();
        try (StunWire wire = new StunWire()) {
            StunWire.Reply plain = wire.exchange(to, StunMessage.bindingRequest(TransactionId.random()));
            Optional<StunWire.Reply> change = wire.exchangeOrSilence(to, StunMessage.bindingRequest(TransactionId.random(),
                    ChangeRequest.BOTH.attribute()));
            String observed = (plain.raw().first(AttributeType.OTHER_ADDRESS).isPresent() ? "OTHER-ADDRESS " : "no OTHER-ADDRESS")
                    + "; CHANGE-REQUEST answered with " + change.map(c -> StunExpect.type(c.raw()) + " "
                    + StunExpect.errorCode(c.raw()).map(ErrorCode::toString).orElse("")).orElse(StunWire.SILENT);
            Check.equal("a single-address server", "no OTHER-ADDRESS; CHANGE-REQUEST answered with 0x0111 420",
                    observed.replaceAll("420 .*", "420").strip());
        }
    }

    @ConformanceTest
    @Requirement("DISC-ATTR-1")
    @RequiresCapability(StunServerAdapter.RFC5780)
    void otherAddressNamesTheOtherAddressAndPortWhateverTheFlags(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            List<String> expected = new ArrayList<>();
            List<String> observed = new ArrayList<>();
            List<ChangeRequest> flags = new ArrayList<>(FLAGS);
            flags.add(0, null);
            for (Map.Entry<String, Exchange> e : table(server, wire, flags).entrySet()) {
                expected.add(e.getKey() + ": " + e.getValue().other());
                observed.add(e.getKey() + ": " + e.getValue().address(AttributeType.OTHER_ADDRESS));
            }
            Check.equal("OTHER-ADDRESS", expected, observed);
        }
    }

    @ConformanceTest
    @Requirement("DISC-ATTR-2")
    @RequiresCapability(StunServerAdapter.RFC5780)
    void responseOriginNamesWhereTheResponseCameFrom(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            List<String> expected = new ArrayList<>();
            List<String> observed = new ArrayList<>();
            for (Map.Entry<String, Exchange> e : table(server, wire, FLAGS).entrySet()) {
                expected.add(e.getKey() + ": " + e.getValue().source());
                observed.add(e.getKey() + ": " + e.getValue().address(AttributeType.RESPONSE_ORIGIN));
            }
            Check.equal("RESPONSE-ORIGIN (the response's source)", expected, observed);
        }
    }

    @ConformanceTest
    @Requirement("DISC-ATTR-3")
    @RequiresCapability(StunServerAdapter.RFC5780)
    void bothMappedAddressesNameTheSource(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = wire.exchange(server.endpoints().primary(), StunMessage.bindingRequest(TransactionId.random()));
            String mapped = StunExpect.address(r.raw(), AttributeType.MAPPED_ADDRESS).map(Object::toString).orElse("(none)");
            String xor = StunExpect.xorMapped(r.raw()).map(Object::toString).orElse("(none)");
            Check.equal("MAPPED-ADDRESS and XOR-MAPPED-ADDRESS", "MAPPED-ADDRESS " + wire.local() + ", XOR-MAPPED-ADDRESS "
                    + wire.local(), "MAPPED-ADDRESS " + mapped + ", XOR-MAPPED-ADDRESS " + xor);
        }
    }

    @ConformanceTest
    @Requirement("DISC-RPORT-1")
    void responsePortIsHonouredOrRefusedWith420(StunServerAdapter server) {
        InetSocketAddress to = server.endpoints().primary();
        try (StunWire sender = new StunWire(); StunWire port = new StunWire()) {
            TransactionId id = TransactionId.random();
            sender.send(to, StunMessage.bindingRequest(id, Attributes.responsePort(port.local().getPort())));
            Optional<StunWire.Reply> atPort = port.receive(StunWire.timeout());
            List<StunWire.Reply> atSender = sender.collect(atPort.isPresent() ? java.time.Duration.ofMillis(200) : java.time.Duration.ZERO);
            if (atPort.isEmpty()) {
                atSender = sender.collect(StunWire.timeout());
            }
            if (atPort.isEmpty() && atSender.isEmpty()) {
                sender.requireAlive(to);
            }
            String observed = atPort.map(r -> "at RESPONSE-PORT: " + StunExpect.type(r.raw()) + " " + r.raw().transactionId()).orElse("")
                    + atSender.stream().map(r -> " at the source port: " + StunExpect.type(r.raw()) + " "
                    + StunExpect.errorCode(r.raw()).map(ErrorCode::toString).orElse("")
                    + StunExpect.unknownAttributes(r.raw()).map(u -> " " + u.stream().map(t -> String.format("0x%04X", t)).toList()).orElse(""))
                    .reduce("", String::concat) + (atPort.isEmpty() && atSender.isEmpty() ? StunWire.SILENT : "");
            boolean honoured = atPort.isPresent() && StunExpect.isSuccess(atPort.get().raw())
                    && atPort.get().raw().transactionId().equals(id) && atSender.isEmpty();
            boolean refused = atPort.isEmpty() && atSender.size() == 1 && StunExpect.isErrorWith(atSender.get(0).raw(), 420)
                    && StunExpect.unknownAttributes(atSender.get(0).raw()).orElse(List.of()).contains(AttributeType.RESPONSE_PORT);
            Check.that("a success response at " + port.local() + " (the RESPONSE-PORT), or a 420 listing 0x0027 at "
                    + sender.local(), observed.strip(), honoured || refused);
        }
    }

    @ConformanceTest
    @Requirement("DISC-RPORT-2")
    void responsePortWithPaddingIsRefused(StunServerAdapter server) {
        InetSocketAddress to = server.endpoints().primary();
        try (StunWire sender = new StunWire(); StunWire port = new StunWire()) {
            sender.send(to, StunMessage.bindingRequest(TransactionId.random(), Attributes.responsePort(port.local().getPort()),
                    Attributes.padding(64)));
            List<StunWire.Reply> got = new ArrayList<>(sender.collect(StunWire.silence()));
            got.addAll(port.collect(java.time.Duration.ofMillis(100)));
            if (got.isEmpty()) {
                sender.requireAlive(to);
            }
            boolean ok = got.size() == 1 && got.get(0).at().equals(sender.local()) && (StunExpect.isErrorWith(got.get(0).raw(), 400)
                    || StunExpect.isErrorWith(got.get(0).raw(), 420) && StunExpect.unknownAttributes(got.get(0).raw()).orElse(List.of())
                    .stream().anyMatch(t -> t == AttributeType.RESPONSE_PORT || t == AttributeType.PADDING));
            Check.that("400 (or 420 for the one of RESPONSE-PORT and PADDING it does not support) at the source",
                    got.isEmpty() ? "no response" : got.stream().map(r -> "at " + r.at() + ": " + StunExpect.type(r.raw()) + " "
                            + StunExpect.errorCode(r.raw()).map(ErrorCode::toString).orElse("")).toList(), ok);
        }
    }

    private static Optional<RawStunMessage> paddedExchange(StunServerAdapter server, StunWire wire) {
        return wire.exchangeOrSilence(server.endpoints().primary(), StunMessage.bindingRequest(TransactionId.random(),
                Attributes.padding(64))).map(StunWire.Reply::raw);
    }

    @ConformanceTest
    @Requirement("DISC-PAD-1")
    void paddingIsReturnedOrRefusedWith420(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            Optional<RawStunMessage> got = paddedExchange(server, wire);
            boolean padded = got.filter(r -> StunExpect.isSuccess(r) && r.first(AttributeType.PADDING).isPresent()).isPresent();
            boolean refused = got.filter(r -> StunExpect.isErrorWith(r, 420)
                    && StunExpect.unknownAttributes(r).orElse(List.of()).contains(AttributeType.PADDING)).isPresent();
            Check.that("a success response with PADDING, or a 420 listing 0x0026",
                    got.map(r -> StunExpect.type(r) + " " + r.attributes()).orElse(StunWire.SILENT), padded || refused);
        }
    }

    @ConformanceTest
    @Requirement("DISC-PAD-2")
    void paddingLengthReturned(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            Optional<RawStunMessage> got = paddedExchange(server, wire);
            Check.record("the PADDING length in the response to a request with 64 octets of PADDING", got.map(r ->
                    r.first(AttributeType.PADDING).map(a -> a.declaredLength() + " octets")
                            .orElse("no PADDING (" + StunExpect.type(r) + ")")).orElse("no response"));
        }
    }

    @ConformanceTest
    @Requirement("DISC-INFO-1")
    void whichRfc5780FeaturesTheServerServes(StunServerAdapter server) {
        StunServerEndpoints at = server.endpoints();
        List<String> features = new ArrayList<>();
        try (StunWire wire = new StunWire()) {
            RawStunMessage plain = wire.exchange(at.primary(), StunMessage.bindingRequest(TransactionId.random())).raw();
            for (int type : List.of(AttributeType.OTHER_ADDRESS, AttributeType.RESPONSE_ORIGIN, AttributeType.CHANGED_ADDRESS,
                    AttributeType.SOURCE_ADDRESS)) {
                if (plain.first(type).isPresent()) {
                    features.add(AttributeType.name(type));
                }
            }
        }
        try (StunWire wire = new StunWire()) {
            Optional<StunWire.Reply> change = wire.exchangeOrSilence(at.primary(), StunMessage.bindingRequest(TransactionId.random(),
                    ChangeRequest.BOTH.attribute()));
            if (change.filter(c -> StunExpect.isSuccess(c.raw()) && !c.source().equals(at.primary())).isPresent()) {
                features.add("CHANGE-REQUEST");
            }
        }
        try (StunWire wire = new StunWire(); StunWire port = new StunWire()) {
            wire.send(at.primary(), StunMessage.bindingRequest(TransactionId.random(), Attributes.responsePort(port.local().getPort())));
            if (port.receive(StunWire.timeout()).filter(r -> StunExpect.isSuccess(r.raw())).isPresent()) {
                features.add("RESPONSE-PORT");
            }
        }
        try (StunWire wire = new StunWire()) {
            if (paddedExchange(server, wire).filter(r -> StunExpect.isSuccess(r) && r.first(AttributeType.PADDING).isPresent()).isPresent()) {
                features.add("PADDING");
            }
        }
        Check.record("RFC 5780 features served (RFC 3489's names where it uses those)",
                features.isEmpty() ? "none" : String.join(", ", features));
    }
}
