package org.netconform.suites.stun;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.reference.stun.AttributeType;
import org.netconform.reference.stun.Attributes;
import org.netconform.reference.stun.ErrorCode;
import org.netconform.reference.stun.MessageType;
import org.netconform.reference.stun.RawStunMessage;
import org.netconform.reference.stun.StunAttribute;
import org.netconform.reference.stun.StunClass;
import org.netconform.reference.stun.StunCodec;
import org.netconform.reference.stun.StunMessage;
import org.netconform.reference.stun.TransactionId;
import org.netconform.spi.stun.StunServerAdapter;

/**
 * A STUN server over the wire, what it must not answer and how it refuses: unknown attributes (420),
 * error responses, malformed datagrams, indications, responses and other methods
 * (spec/nat-traversal.md, STUN-UNK, STUN-ERR).
 */
public class StunServerErrorScenarios {
    /** Comprehension-required and -optional types that no registry assigns. */
    static final int UNKNOWN_REQUIRED = 0x7EEE;
    static final int UNKNOWN_REQUIRED_2 = 0x7EEF;
    static final int UNKNOWN_OPTIONAL = 0xFEEE;

    /** A request with these attributes; empty when the server did not answer it but answers plain requests. */
    private static Optional<StunWire.Reply> unknownExchange(StunServerAdapter server, StunWire wire, int... types) {
        StunMessage req = StunMessage.bindingRequest(TransactionId.random());
        for (int t : types) {
            req = req.with(new StunAttribute(t, new byte[] {0, 1, 2, 3}));
        }
        return wire.exchangeOrSilence(server.endpoints().primary(), req);
    }

    private static String describe(Optional<StunWire.Reply> r) {
        return r.map(x -> StunExpect.type(x.raw()) + " " + StunExpect.errorCode(x.raw()).map(ErrorCode::toString).orElse(""))
                .orElse(StunWire.SILENT).strip();
    }

    @ConformanceTest
    @Requirement("STUN-UNK-1")
    void unknownComprehensionRequiredAttributeGets420(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            Optional<StunWire.Reply> r = unknownExchange(server, wire, UNKNOWN_REQUIRED);
            Check.equal("the response to a request with attribute 0x7EEE", "Binding error 420", r.isPresent()
                    && r.get().raw().type() == MessageType.BINDING_ERROR && StunExpect.errorCode(r.get().raw()).isPresent()
                    ? "Binding error " + StunExpect.errorCode(r.get().raw()).get().code() : describe(r));
        }
    }

    @ConformanceTest
    @Requirement("STUN-UNK-2")
    void unknownAttributesListsEveryUnknownTypeWithNormalPadding(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            Optional<StunWire.Reply> one = unknownExchange(server, wire, UNKNOWN_REQUIRED, UNKNOWN_OPTIONAL);
            Optional<StunWire.Reply> two = unknownExchange(server, wire, UNKNOWN_REQUIRED, UNKNOWN_REQUIRED_2);
            String expected = "[0x7EEE] in 2 octets; [0x7EEE, 0x7EEF] in 4 octets";
            Check.equal("UNKNOWN-ATTRIBUTES of the two 420s", expected, listed(one) + "; " + listed(two));
        }
    }

    private static String listed(Optional<StunWire.Reply> reply) {
        if (reply.isEmpty()) {
            return StunWire.SILENT;
        }
        StunWire.Reply r = reply.get();
        Optional<RawStunMessage.RawAttribute> ua = r.raw().first(AttributeType.UNKNOWN_ATTRIBUTES);
        if (ua.isEmpty()) {
            return "(no UNKNOWN-ATTRIBUTES in " + StunExpect.type(r.raw()) + ")";
        }
        Optional<List<Integer>> types = StunExpect.unknownAttributes(r.raw());
        Set<Integer> sorted = new java.util.TreeSet<>(types.orElse(List.of()));
        return (types.isEmpty() ? "(odd length)" : sorted.stream().map(t -> String.format("0x%04X", t)).toList()
                + (new HashSet<>(types.get()).size() != types.get().size() ? " (with repeats " + types.get().stream()
                .map(t -> String.format("0x%04X", t)).toList() + ")" : "")) + " in " + ua.get().declaredLength() + " octets";
    }

    @ConformanceTest
    @Requirement("STUN-UNK-3")
    void unknownComprehensionOptionalAttributeIsIgnored(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            Optional<StunWire.Reply> r = unknownExchange(server, wire, UNKNOWN_OPTIONAL);
            Check.that("a success response with XOR-MAPPED-ADDRESS " + wire.local(), r.map(Object::toString).orElse(StunWire.SILENT),
                    r.isPresent() && StunExpect.isSuccess(r.get().raw()) && StunExpect.xorMapped(r.get().raw()).equals(Optional.of(wire.local())));
        }
    }

    @ConformanceTest
    @Requirement("STUN-ERR-1")
    void errorCodeIsWellFormed(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = unknownExchange(server, wire, UNKNOWN_REQUIRED).filter(x -> StunExpect.isError(x.raw()))
                    .orElseGet(() -> org.junit.jupiter.api.Assumptions.abort("the server sends no error response to a request with"
                            + " an unknown comprehension-required attribute (STUN-UNK-1)"));
            Optional<RawStunMessage.RawAttribute> ec = r.raw().first(AttributeType.ERROR_CODE);
            String observed;
            boolean ok = false;
            if (ec.isEmpty()) {
                observed = "no ERROR-CODE in " + StunExpect.type(r.raw());
            } else {
                byte[] v = ec.get().value();
                if (v.length < 4) {
                    observed = "ERROR-CODE of " + v.length + " octets";
                } else {
                    int cls = v[2] & 0x07;
                    int number = v[3] & 0xFF;
                    Optional<String> reason = StunExpect.utf8(java.util.Arrays.copyOfRange(v, 4, v.length));
                    observed = "class " + cls + ", number " + number + ", reason "
                            + reason.map(t -> "\"" + t + "\" (" + StunExpect.characters(t) + " characters)").orElse("not UTF-8");
                    ok = cls >= 3 && cls <= 6 && number <= 99 && reason.isPresent() && StunExpect.characters(reason.get()) < 128;
                }
            }
            Check.that("ERROR-CODE with class 3..6, number 0..99 and a UTF-8 reason of fewer than 128 characters",
                    observed, ok);
        }
    }

    /** Sends a datagram the server must not answer with a success; collects what comes back. */
    private static List<StunWire.Reply> silenceAfter(StunServerAdapter server, StunWire wire, byte[] datagram) {
        InetSocketAddress to = server.endpoints().primary();
        wire.send(to, datagram);
        List<StunWire.Reply> got = wire.collect(StunWire.silence());
        wire.requireAlive(to);
        return got;
    }

    private static void expectNothing(String what, List<StunWire.Reply> got) {
        Check.that("no response to " + what, got.isEmpty() ? "nothing" : got, got.isEmpty());
    }

    /** Discarded, or 400 and nothing else. */
    private static void expectDiscardOr400(String what, List<StunWire.Reply> got) {
        boolean ok = got.stream().allMatch(r -> StunExpect.isErrorWith(r.raw(), ErrorCode.BAD_REQUEST));
        Check.that(what + " discarded or answered with 400 (never a success response)", got.isEmpty() ? "discarded" : got, ok);
    }

    @ConformanceTest
    @Requirement("STUN-ERR-2")
    void datagramWithLeadingBitsSetGetsNothing(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            byte[] req = StunCodec.encode(StunMessage.bindingRequest(TransactionId.random()));
            req[0] |= (byte) 0x80;
            expectNothing("a Binding request whose first two bits are 10", silenceAfter(server, wire, req));
        }
    }

    /** A request with SOFTWARE "abcd" (8 octets of attributes): a body to break. */
    private static byte[] softwareRequest() {
        return StunCodec.encode(StunMessage.bindingRequest(TransactionId.random(), Attributes.software("abcd")));
    }

    @ConformanceTest
    @Requirement("STUN-ERR-3")
    void lengthLongerThanTheDatagramIsMalformed(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            byte[] req = softwareRequest();
            req[3] = 12;
            expectDiscardOr400("a request whose Message Length (12) exceeds the 8 octets after the header",
                    silenceAfter(server, wire, req));
        }
    }

    @ConformanceTest
    @Requirement("STUN-ERR-3")
    void lengthNotAMultipleOfFourIsMalformed(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            byte[] ok = StunCodec.encode(StunMessage.bindingRequest(TransactionId.random()));
            byte[] req = java.util.Arrays.copyOf(ok, ok.length + 2);
            req[3] = 2;
            expectDiscardOr400("a request of 22 octets whose Message Length is 2", silenceAfter(server, wire, req));
        }
    }

    @ConformanceTest
    @Requirement("STUN-ERR-3")
    void attributeRunningPastTheEndIsMalformed(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            byte[] req = softwareRequest();
            req[23] = 12;
            expectDiscardOr400("a request whose SOFTWARE declares 12 octets where 4 remain", silenceAfter(server, wire, req));
        }
    }

    @ConformanceTest
    @Requirement("STUN-ERR-4")
    void indicationGetsNothing(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            byte[] ind = StunCodec.encode(new StunMessage(MessageType.BINDING, StunClass.INDICATION, TransactionId.random(), List.of()));
            expectNothing("a Binding indication", silenceAfter(server, wire, ind));
        }
    }

    @ConformanceTest
    @Requirement("STUN-ERR-5")
    void responseSentToTheServerGetsNothing(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            TransactionId id = TransactionId.random();
            byte[] resp = StunCodec.encode(new StunMessage(MessageType.BINDING, StunClass.SUCCESS, id,
                    List.of(Attributes.xorMapped(wire.local(), id))));
            expectNothing("a Binding success response", silenceAfter(server, wire, resp));
        }
    }

    @ConformanceTest
    @Requirement("STUN-ERR-6")
    void unsupportedMethodGetsNoSuccess(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            byte[] req = StunCodec.encode(new StunMessage(0x0DE, StunClass.REQUEST, TransactionId.random(), List.of()));
            List<StunWire.Reply> got = silenceAfter(server, wire, req);
            boolean ok = got.stream().noneMatch(r -> StunExpect.isSuccess(r.raw()));
            Check.that("a request of method 0x0DE discarded (an error response tolerated, no success response)",
                    got.isEmpty() ? "discarded" : got, ok);
        }
    }
}
