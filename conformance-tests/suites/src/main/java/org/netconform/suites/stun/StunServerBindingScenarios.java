package org.netconform.suites.stun;

import static org.junit.jupiter.api.Assumptions.abort;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.reference.stun.AttributeType;
import org.netconform.reference.stun.Attributes;
import org.netconform.reference.stun.RawStunMessage;
import org.netconform.reference.stun.StunAttribute;
import org.netconform.reference.stun.StunCodec;
import org.netconform.reference.stun.StunMessage;
import org.netconform.reference.stun.TransactionId;
import org.netconform.spi.stun.StunServerAdapter;
import org.netconform.spi.stun.StunServerEndpoints;

/**
 * A STUN server over the wire, Binding as RFC 8489 defines it: header, attributes and padding,
 * XOR-MAPPED-ADDRESS, FINGERPRINT, transactions (spec/nat-traversal.md, STUN-HDR, -ATTR, -XOR, -FP,
 * -TXN, -RETX). The suite sends from a fresh UDP socket on 127.0.0.1 to the server's primary address.
 */
public class StunServerBindingScenarios {

    private static StunWire.Reply plainExchange(StunServerAdapter server, StunWire wire) {
        return wire.exchange(server.endpoints().primary(), StunMessage.bindingRequest(TransactionId.random()));
    }

    @ConformanceTest
    @Requirement("STUN-HDR-1")
    void responseStartsWithTwoZeroBits(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = plainExchange(server, wire);
            Check.equal("the two most significant bits of the response", 0, r.data().length == 0 ? -1 : (r.data()[0] & 0xC0) >>> 6);
        }
    }

    @ConformanceTest
    @Requirement("STUN-HDR-2")
    void responseCarriesTheMagicCookie(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = plainExchange(server, wire);
            Check.equal("the Magic Cookie field", "2112A442", r.raw().hasHeader() ? String.format("%08X", r.raw().cookieField()) : "(no header)");
        }
    }

    @ConformanceTest
    @Requirement("STUN-HDR-3")
    void responseLengthCountsTheOctetsAfterTheHeader(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = plainExchange(server, wire);
            int after = r.data().length - 20;
            int field = r.raw().hasHeader() ? r.raw().lengthField() : -1;
            Check.that("Message Length = " + after + " (the octets after the header), a multiple of 4",
                    "Message Length " + field, field == after && field % 4 == 0);
        }
    }

    @ConformanceTest
    @Requirement("STUN-HDR-5")
    void bindingRequestGetsABindingResponse(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = plainExchange(server, wire);
            Check.that("message type 0x0101 (Binding success) or 0x0111 (Binding error)", StunExpect.type(r.raw()),
                    r.raw().hasHeader() && (r.raw().type() == 0x0101 || r.raw().type() == 0x0111));
        }
    }

    /**
     * A success response and a 420 with one unknown type (2 octets of UNKNOWN-ATTRIBUTES need padding);
     * the 420 only if the server sends one (STUN-UNK-1 judges that).
     */
    private static List<StunWire.Reply> successAndError(StunServerAdapter server, StunWire wire) {
        List<StunWire.Reply> out = new ArrayList<>();
        out.add(plainExchange(server, wire));
        wire.exchangeOrSilence(server.endpoints().primary(),
                StunMessage.bindingRequest(TransactionId.random(), new StunAttribute(0x7EEE, new byte[] {1, 2, 3, 4})))
                .ifPresent(out::add);
        return out;
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-1")
    void responseAttributesFillTheMessageAsTlv(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            List<String> broken = new ArrayList<>();
            for (StunWire.Reply r : successAndError(server, wire)) {
                for (int i = 0; i < r.raw().problems().size(); i++) {
                    RawStunMessage.Problem p = r.raw().problems().get(i);
                    if (p == RawStunMessage.Problem.ATTRIBUTE_OVERRUN || p == RawStunMessage.Problem.LENGTH_MISMATCH) {
                        broken.add(StunExpect.type(r.raw()) + ": " + r.raw().details().get(i));
                    }
                }
            }
            Check.that("every attribute's length counts its value, padding ends it on a 32-bit boundary, and the"
                    + " attributes fill the message", broken.isEmpty() ? "well-formed" : broken, broken.isEmpty());
        }
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-2")
    void paddingSentIsZero(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            List<String> padded = new ArrayList<>();
            List<String> nonZero = new ArrayList<>();
            for (StunWire.Reply r : successAndError(server, wire)) {
                for (RawStunMessage.RawAttribute a : r.raw().attributes()) {
                    if (a.padding().length > 0) {
                        padded.add(AttributeType.name(a.type()));
                        if (!a.paddingIsZero()) {
                            nonZero.add(AttributeType.name(a.type()) + " padded with " + StunExpect.hex(a.padding()));
                        }
                    }
                }
            }
            if (padded.isEmpty()) {
                abort("no attribute of the success response or of the 420 needed padding: nothing to check");
            }
            Check.that("zero padding after " + padded, nonZero.isEmpty() ? "all zero" : nonZero, nonZero.isEmpty());
        }
    }

    /** A request with SOFTWARE of 13 octets, so three octets of padding follow it, filled with {@code fill}. */
    private static byte[] paddedRequest(int fill) {
        return StunCodec.encode(StunMessage.bindingRequest(TransactionId.random(), Attributes.software("netconform 13")),
                StunCodec.Options.PLAIN.withPaddingFill(fill));
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-1")
    void requestWithAPaddedAttributeIsAnswered(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            Optional<StunWire.Reply> r = wire.exchangeOrSilence(server.endpoints().primary(), paddedRequest(0));
            Check.that("a success response to a request with a 13-octet SOFTWARE and three octets of zero padding",
                    r.map(Object::toString).orElse(StunWire.SILENT), r.isPresent() && StunExpect.isSuccess(r.get().raw()));
        }
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-3")
    void paddingReceivedIsIgnored(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            InetSocketAddress to = server.endpoints().primary();
            if (wire.exchangeOrSilence(to, paddedRequest(0)).filter(r -> StunExpect.isSuccess(r.raw())).isEmpty()) {
                abort("the server does not answer a request with a padded attribute even when the padding is zero (STUN-ATTR-1)");
            }
            Optional<StunWire.Reply> r = wire.exchangeOrSilence(to, paddedRequest(0xFF));
            Check.that("a success response to the same request with padding FF FF FF, as to the one with zero padding",
                    r.map(Object::toString).orElse(StunWire.SILENT), r.isPresent() && StunExpect.isSuccess(r.get().raw()));
        }
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-5")
    void responseCarriesSoftware(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = plainExchange(server, wire);
            Check.that("a SOFTWARE attribute", r.raw().attributes(), r.raw().first(AttributeType.SOFTWARE).isPresent());
        }
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-6")
    void softwareIsShortUtf8(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = plainExchange(server, wire);
            Optional<RawStunMessage.RawAttribute> sw = r.raw().first(AttributeType.SOFTWARE);
            if (sw.isEmpty()) {
                abort("the response has no SOFTWARE attribute (STUN-ATTR-5)");
            }
            Optional<String> text = StunExpect.utf8(sw.get().value());
            Check.that("SOFTWARE is UTF-8 of fewer than 128 characters", text.map(t -> "\"" + t + "\" ("
                    + StunExpect.characters(t) + " characters)").orElse("not UTF-8: " + StunExpect.hex(sw.get().value())),
                    text.isPresent() && StunExpect.characters(text.get()) < 128);
        }
    }

    private static Optional<StunWire.Reply> classicExchange(StunServerAdapter server, StunWire wire, TransactionId id) {
        InetSocketAddress to = server.endpoints().primary();
        Optional<StunWire.Reply> r = wire.tryExchange(to, StunCodec.encode(StunMessage.bindingRequest(id)), StunWire.timeout());
        if (r.isEmpty()) {
            wire.requireAlive(to);
        }
        return r;
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-7")
    void whatAClassicRequestGets(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            Optional<StunWire.Reply> r = classicExchange(server, wire, TransactionId.randomClassic());
            Check.record("the answer to a classic (RFC 3489) Binding request", r.map(x -> StunExpect.type(x.raw())
                    + " with " + x.raw().attributes().stream().map(a -> AttributeType.name(a.type())).toList()
                    + (x.raw().hasMagicCookie() ? " and the magic cookie" : "")).orElse("discarded"));
        }
    }

    @ConformanceTest
    @Requirement("STUN-ATTR-8")
    void classicRequestGetsMappedAddress(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            Optional<StunWire.Reply> r = classicExchange(server, wire, TransactionId.randomClassic());
            if (r.isEmpty()) {
                abort("the server discards classic requests (STUN-ATTR-7)");
            }
            Check.equal("MAPPED-ADDRESS", Optional.of(wire.local()), StunExpect.address(r.get().raw(), AttributeType.MAPPED_ADDRESS));
        }
    }

    @ConformanceTest
    @Requirement("STUN-TXN-2")
    void classicResponseCarriesAll128Bits(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            TransactionId id = TransactionId.randomClassic();
            Optional<StunWire.Reply> r = classicExchange(server, wire, id);
            if (r.isEmpty()) {
                abort("the server discards classic requests (STUN-ATTR-7)");
            }
            Check.equal("the 128 bits after the length", id.toString(),
                    r.get().raw().hasHeader() ? r.get().raw().classicTransactionId().toString() : "(no header)");
        }
    }

    @ConformanceTest
    @Requirement("STUN-XOR-1")
    void xorMappedAddressIsTheRequestsSource(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = plainExchange(server, wire);
            Check.equal("XOR-MAPPED-ADDRESS (the suite's socket)", Optional.of(wire.local()), StunExpect.xorMapped(r.raw()));
        }
    }

    @ConformanceTest
    @Requirement("STUN-XOR-2")
    void xorMappedAddressIsXoredWithTheCookie(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            TransactionId id = TransactionId.random();
            StunWire.Reply r = wire.exchange(server.endpoints().primary(), StunMessage.bindingRequest(id));
            Optional<RawStunMessage.RawAttribute> x = r.raw().first(AttributeType.XOR_MAPPED_ADDRESS);
            Check.equal("XOR-MAPPED-ADDRESS value for " + wire.local(), StunExpect.hex(StunExpect.xorAddressValue(wire.local(), id.bytes())),
                    x.map(a -> StunExpect.hex(a.value())).orElse("(absent)"));
        }
    }

    /** A request with FINGERPRINT, and the response to it (none if the server ignores such requests). */
    private static Optional<StunWire.Reply> fingerprintedExchange(StunServerAdapter server, StunWire wire) {
        byte[] req = StunCodec.encode(StunMessage.bindingRequest(TransactionId.random()), StunCodec.Options.FINGERPRINT);
        return wire.exchangeOrSilence(server.endpoints().primary(), req);
    }

    private static StunWire.Reply fingerprintedReply(StunServerAdapter server, StunWire wire) {
        return fingerprintedExchange(server, wire).orElseGet(() -> abort("the server does not answer a Binding request"
                + " that carries FINGERPRINT"));
    }

    @ConformanceTest
    @Requirement("STUN-FP-1")
    void responseFingerprintIsTheCrcXor5354554E(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = fingerprintedReply(server, wire);
            Optional<RawStunMessage.RawAttribute> fp = r.raw().first(AttributeType.FINGERPRINT);
            if (fp.isEmpty()) {
                abort("the server adds no FINGERPRINT to its responses (STUN-FP-5)");
            }
            Check.equal("FINGERPRINT", String.format("%08X", StunExpect.fingerprint(r.data(), fp.get().offset())),
                    StunExpect.hex(fp.get().value()));
        }
    }

    @ConformanceTest
    @Requirement("STUN-FP-2")
    void responseFingerprintIsLast(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            StunWire.Reply r = fingerprintedReply(server, wire);
            List<RawStunMessage.RawAttribute> attrs = r.raw().attributes();
            if (r.raw().first(AttributeType.FINGERPRINT).isEmpty()) {
                abort("the server adds no FINGERPRINT to its responses (STUN-FP-5)");
            }
            Check.equal("the last attribute", "FINGERPRINT", AttributeType.name(attrs.get(attrs.size() - 1).type()));
        }
    }

    @ConformanceTest
    @Requirement("STUN-FP-4")
    void requestsWithoutFingerprintAreAnswered(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            InetSocketAddress to = server.endpoints().primary();
            Optional<StunWire.Reply> r = wire.tryExchange(to, StunCodec.encode(StunMessage.bindingRequest(TransactionId.random())),
                    StunWire.timeout());
            if (r.isEmpty()) {
                Observation.wire("(is a request with FINGERPRINT answered?)");
                if (fingerprintedExchange(server, wire).isEmpty()) {
                    throw new NoAnswerException("the server answers no Binding request, with FINGERPRINT or without");
                }
            }
            Check.that("a response to a Binding request without FINGERPRINT",
                    r.map(Object::toString).orElse("none, while a request with FINGERPRINT is answered"), r.isPresent());
        }
    }

    @ConformanceTest
    @Requirement("STUN-FP-5")
    void whetherResponsesCarryFingerprint(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            Optional<StunWire.Reply> r = fingerprintedExchange(server, wire);
            Check.record("FINGERPRINT in the response to a request that carried one", r.map(x ->
                    x.raw().first(AttributeType.FINGERPRINT).isPresent() ? "added" : "not added").orElse("no response"));
        }
    }

    @ConformanceTest
    @Requirement("STUN-FP-6")
    void whatAWrongFingerprintGets(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            InetSocketAddress to = server.endpoints().primary();
            byte[] req = StunCodec.encode(StunMessage.bindingRequest(TransactionId.random()), StunCodec.Options.FINGERPRINT);
            req[req.length - 1] ^= 0x5A;
            Optional<StunWire.Reply> r = wire.tryExchange(to, req, StunWire.silence());
            if (r.isEmpty()) {
                wire.requireAlive(to);
            }
            Check.record("the answer to a Binding request with a wrong FINGERPRINT",
                    r.map(x -> "answered: " + StunExpect.type(x.raw())).orElse("discarded"));
        }
    }

    @ConformanceTest
    @Requirement("STUN-TXN-1")
    void responseCarriesTheRequestsTransactionId(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            TransactionId id = TransactionId.random();
            StunWire.Reply r = wire.exchange(server.endpoints().primary(), StunMessage.bindingRequest(id));
            Check.equal("the transaction ID", id.toString(), r.raw().hasHeader() ? r.raw().transactionId().toString() : "(no header)");
        }
    }

    @ConformanceTest
    @Requirement("STUN-TXN-3")
    void responseComesFromWhereTheRequestWent(StunServerAdapter server) {
        StunServerEndpoints at = server.endpoints();
        List<InetSocketAddress> targets = new ArrayList<>(List.of(at.primary()));
        at.alternate().ifPresent(targets::add);
        try (StunWire wire = new StunWire()) {
            List<String> seen = new ArrayList<>();
            boolean ok = true;
            for (InetSocketAddress to : targets) {
                StunWire.Reply r = wire.exchange(to, StunMessage.bindingRequest(TransactionId.random()));
                seen.add(to + " answered from " + r.source());
                ok &= r.source().equals(to);
            }
            Check.that("each response from the address and port its request was sent to, to the suite's socket "
                    + wire.local(), seen, ok);
        }
    }

    @ConformanceTest
    @Requirement("STUN-RETX-4")
    void retransmittedRequestIsAnsweredAgainAlike(StunServerAdapter server) {
        try (StunWire wire = new StunWire()) {
            InetSocketAddress to = server.endpoints().primary();
            TransactionId id = TransactionId.random();
            byte[] req = StunCodec.encode(StunMessage.bindingRequest(id));
            StunWire.Reply first = wire.exchange(to, req);
            Optional<StunWire.Reply> again = wire.tryExchange(to, req, StunWire.timeout());
            if (again.isEmpty()) {
                wire.requireAlive(to);
            }
            String a = first.raw().transactionId() + " " + StunExpect.xorMapped(first.raw()).map(Object::toString).orElse("-");
            String b = again.map(r -> r.raw().transactionId() + " " + StunExpect.xorMapped(r.raw()).map(Object::toString)
                    .orElse("-")).orElse("no answer to the retransmission");
            Check.equal("the retransmission's transaction ID and XOR-MAPPED-ADDRESS", a, b);
        }
    }
}
