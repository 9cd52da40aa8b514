package org.netconform.suites.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.Values;
import org.netconform.reference.websocket.RawFrameHeader;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/** Close frames and status codes (§5.5.1, §7.4, IANA registry): Autobahn 7.x at the codec layer, and the codes chosen on failure. */
public class CloseScenarios {
    static final int[] VALID = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999};
    static final int[] NEVER = {0, 1, 500, 999, 1005, 1006, 1015};
    static final int[] UNASSIGNED = {1004, 1016, 1100, 2000, 2999};

    /** Whether a code may be on the wire (table of spec/websocket.md). */
    static boolean validOnWire(int c) {
        return (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-1")
    void closePayloadIsCodeThenReason(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        WebSocketCodec.Encoder server = codec.encoder(Role.SERVER);
        byte[] bye = FramingScenarios.encodeLogged(server, Role.SERVER, Outgoing.close(1000, "bye"));
        if (!Arrays.equals(bye, Wire.hex("88 05 03 e8 62 79 65"))) {
            bad.add("server close 1000 \"bye\": " + Values.hex(bye));
        }
        byte[] empty = FramingScenarios.encodeLogged(server, Role.SERVER, Outgoing.closeEmpty());
        if (!Arrays.equals(empty, Wire.hex("88 00"))) {
            bad.add("server empty close: " + Values.hex(empty));
        }
        byte[] c4000 = FramingScenarios.encodeLogged(server, Role.SERVER, Outgoing.close(4000, ""));
        if (!Arrays.equals(c4000, Wire.hex("88 02 0f a0"))) {
            bad.add("server close 4000: " + Values.hex(c4000));
        }
        byte[] client = FramingScenarios.encodeLogged(codec.encoder(Role.CLIENT), Role.CLIENT, Outgoing.close(1000, "bye"));
        RawFrameHeader h = RawFrameHeader.of(client);
        if (h.opcode() != 8 || !Arrays.equals(Checks.payload(client), Wire.hex("03 e8 62 79 65"))) {
            bad.add("client close 1000 \"bye\": payload " + Values.hex(Checks.payload(client)));
        }
        Check.all("server close 1000 \"bye\": 88 05 03 E8 62 79 65; empty close: 88 00; close 4000: 88 02 0F A0; "
                + "client close 1000 \"bye\": payload 03 E8 62 79 65", bad, "as expected");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-2")
    void oneOctetClosePayloadFails(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.CLOSE_PAYLOAD_VALIDATION);
        Checks.mustFail(codec, Checks.BOTH, List.of(
                Checks.Case.of("close with payload 03 (Autobahn 7.3.2)", In.stream(In.close(Wire.hex("03")))),
                new Checks.Case("text, then close with payload e8",
                        In.stream(In.text("ok"), In.close(Wire.hex("e8"))), 1)));
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-3")
    void closeReasonNeverOver123Octets(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.SEND_VALIDATION);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            for (String reason : List.of("x".repeat(124), "\u00e9".repeat(62), "\u20ac".repeat(42))) {
                Outgoing o = Outgoing.close(1000, reason);
                try {
                    byte[] f = enc.encode(o);
                    byte[] p = Checks.payload(f);
                    byte[] r = java.util.Arrays.copyOfRange(p, 2, p.length);
                    String sent = new String(r, StandardCharsets.UTF_8);
                    Wire.log(role.name().toLowerCase() + " " + o.describe() + " -> " + Wire.octets(f));
                    if (r.length > 123 || !org.netconform.reference.websocket.Utf8Validator.isValid(r, 0, r.length)
                            || !reason.startsWith(sent)) {
                        bad.add(role + " sent a " + r.length + "-octet reason for " + reason.getBytes(StandardCharsets.UTF_8).length
                                + " octets asked" + (reason.startsWith(sent) ? "" : " (not a prefix cut at a code point)"));
                    }
                } catch (RuntimeException refused) {
                    Wire.log(role.name().toLowerCase() + " " + o.describe() + " refused: " + refused);
                }
            }
        }
        Check.all("a reason over 123 octets refused, or truncated at a code point boundary", bad, "refused or truncated");
    }

    /** Asks each role's encoder to close with each code; lists every code that reached the wire invalid. */
    /** The Close body as the library reports it: rebuilt from its parsed code and reason when it parses them. */
    static byte[] reported(CodecEvent.Control c) {
        return c.closeCode().isPresent() ? In.closeBody(c.closeCode().getAsInt(), In.utf8(c.closeReason())) : c.payload();
    }

    private static List<String> sendCodes(WebSocketCodec codec, int[] codes) {
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            for (int code : codes) {
                Outgoing o = Outgoing.close(code, "");
                try {
                    byte[] f = enc.encode(o);
                    Wire.log(role.name().toLowerCase() + " close " + code + " -> " + Wire.octets(f));
                    byte[] p = Checks.payload(f);
                    if (p.length >= 2) {
                        int sent = (p[0] & 0xFF) << 8 | (p[1] & 0xFF);
                        if (!validOnWire(sent)) {
                            bad.add(role + " sent " + sent + (sent == code ? "" : " for " + code));
                        }
                    } else if (p.length == 1) {
                        bad.add(role + " sent a 1-octet close payload for " + code);
                    }
                } catch (RuntimeException refused) {
                    Wire.log(role.name().toLowerCase() + " close " + code + " refused: " + refused.getClass().getSimpleName()
                            + ": " + refused.getMessage());
                }
            }
        }
        return bad;
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-4")
    void apiOnlyCodesAreNeverSent(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.SEND_VALIDATION);
        List<String> bad = sendCodes(codec, new int[] {1005, 1006, 1015});
        Check.all("close 1005, 1006, 1015 refused or sent as another code or none", bad, "never sent");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-5")
    void onlyValidCodesAreSent(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.SEND_VALIDATION);
        List<String> bad = sendCodes(codec, new int[] {0, 999, 1004, 1016, 2000, 2999, 5000, 65535});
        List<String> valid = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            for (int code : VALID) {
                byte[] f = enc.encode(Outgoing.close(code, ""));
                byte[] p = Checks.payload(f);
                if (p.length != 2 || ((p[0] & 0xFF) << 8 | (p[1] & 0xFF)) != code) {
                    valid.add(role + " close " + code + " -> " + Values.hex(p));
                }
            }
        }
        bad.addAll(valid);
        Check.all("0, 999, 1004, 1016, 2000, 2999, 5000, 65535 never on the wire; valid codes sent as asked", bad,
                "as expected");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-6")
    void validClosesAreAccepted(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(new byte[0]);
        for (int c : VALID) {
            bodies.add(In.closeBody(c, new byte[0]));
            bodies.add(In.closeBody(c, In.utf8("Hello \u00e9")));
        }
        bodies.add(In.closeBody(1000, In.ascii(123)));
        for (byte[] body : bodies) {
            for (Role role : Checks.BOTH) {
                for (Wire.Chop chop : List.of(Wire.Chop.WHOLE, Wire.Chop.PER_OCTET)) {
                    Wire.Result r = Wire.decode(codec, role, chop, In.to(role, In.close(body)));
                    List<CodecEvent.Control> cs = r.controls();
                    // accepted: one Close delivered, no failure; with a code on the wire, its payload and code as sent
                    if (r.failed() || cs.size() != 1 || cs.get(0).opcode() != CodecEvent.CLOSE
                            || (body.length > 0 && !java.util.Arrays.equals(reported(cs.get(0)), body))) {
                        bad.add("close " + Wire.octets(body) + ": " + r.summary());
                    } else if (body.length >= 2 && cs.get(0).closeCode().isPresent()
                            && cs.get(0).closeCode().getAsInt() != ((body[0] & 0xFF) << 8 | (body[1] & 0xFF))) {
                        bad.add("close " + Wire.octets(body) + " reported with code " + cs.get(0).closeCode().getAsInt());
                    }
                }
            }
        }
        Check.all("accepted: empty close; 1000-1003, 1007-1014, 3000, 3999, 4000, 4999 with and without reason; "
                + "123-octet reason", bad, "all accepted");
    }

    private static List<Checks.Case> closeCases(int[] codes) {
        List<Checks.Case> cases = new ArrayList<>();
        for (int c : codes) {
            cases.add(Checks.Case.of("close " + c, In.stream(In.close(In.closeBody(c, new byte[0])))));
        }
        return cases;
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-7")
    void neverValidCodesFail(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.CLOSE_PAYLOAD_VALIDATION);
        Checks.mustFail(codec, Checks.BOTH, closeCases(NEVER));
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-8")
    void unassignedCodesFail(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.CLOSE_PAYLOAD_VALIDATION);
        Checks.mustFail(codec, Checks.BOTH, closeCases(UNASSIGNED));
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-9")
    void codesAbove4999AreRecorded(WebSocketCodec codec) {
        Wire.require(codec);
        Map<String, String> seen = new LinkedHashMap<>();
        for (int c : new int[] {5000, 65535}) {
            for (Role role : Checks.BOTH) {
                seen.put(c + " (" + role.name().toLowerCase() + ")", Wire.outcome(() ->
                        Wire.decode(codec, role, Wire.Chop.WHOLE, In.to(role, In.close(In.closeBody(c, new byte[0]))))));
            }
        }
        Check.record("close 5000 and 65535: accepted, or failed with which code", seen);
    }

    static String describe(Wire.Result r) {
        return r.failed() ? "fails " + (r.closeCode().isPresent() ? "with " + r.closeCode().getAsInt() : "without a code")
                : "accepts";
    }

    /** Protocol errors of §5 each with the capability that owns its check (null: every codec). */
    record Violation(String name, String capability, java.util.function.Function<Role, List<byte[]>> frames) {
    }

    static List<Violation> protocolErrors() {
        return List.of(
                new Violation("RSV1 on text", WebSocketCodec.RSV_VALIDATION, In.stream(In.text("x").rsv(4))),
                new Violation("opcode 3", null, In.stream(In.raw(3, true, new byte[0]))),
                new Violation("opcode 11", null, In.stream(In.raw(11, true, new byte[0]))),
                new Violation("64-bit length with the top bit set", null,
                        In.stream(In.binary(In.filled(4, 0)).declaredLength(Long.MIN_VALUE))),
                new Violation("unmasked frame to a server", WebSocketCodec.MASK_POLICY, r -> r == Role.SERVER
                        ? List.of(In.text("x").unmasked().toBytes()) : List.of(In.text("x").mask(0x01020304).toBytes())),
                new Violation("continuation with nothing to continue", WebSocketCodec.FRAGMENT_ASSEMBLY,
                        In.stream(In.cont(In.utf8("x"), true))),
                new Violation("text inside a fragmented message", WebSocketCodec.FRAGMENT_ASSEMBLY,
                        In.stream(In.text(In.utf8("a"), false), In.text("b"))),
                new Violation("fragmented ping", null, In.stream(In.raw(CodecEvent.PING, false, new byte[0]))),
                new Violation("126-octet ping", null, In.stream(In.ping(In.filled(126, 0)))),
                new Violation("1-octet close payload", WebSocketCodec.CLOSE_PAYLOAD_VALIDATION, In.stream(In.close(Wire.hex("03")))),
                new Violation("close 1005", WebSocketCodec.CLOSE_PAYLOAD_VALIDATION, In.stream(In.close(In.closeBody(1005, new byte[0])))),
                new Violation("close 999", WebSocketCodec.CLOSE_PAYLOAD_VALIDATION, In.stream(In.close(In.closeBody(999, new byte[0])))),
                new Violation("close 2000", WebSocketCodec.CLOSE_PAYLOAD_VALIDATION, In.stream(In.close(In.closeBody(2000, new byte[0])))));
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-22")
    void protocolErrorsFailWith1002(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Violation v : protocolErrors()) {
            if (v.capability() != null && !codec.capabilities().contains(v.capability())) {
                seen.put(v.name(), "not judged (" + v.capability() + " not owned)");
                continue;
            }
            for (Role role : Checks.BOTH) {
                Wire.Result r = Wire.decode(codec, role, Wire.Chop.WHOLE, v.frames().apply(role));
                seen.put(v.name() + " (" + role.name().toLowerCase() + ")", describe(r));
                if (r.failed() && (r.closeCode().isEmpty() || r.closeCode().getAsInt() != 1002)) {
                    bad.add(v.name() + " (" + role.name().toLowerCase() + "): " + describe(r));
                }
            }
        }
        Check.all("1002 for every protocol error the codec fails on", bad, seen.toString());
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-23")
    void invalidTextFailsWith1007(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.UTF8_VALIDATION);
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> e : Utf8Scenarios.INVALID.entrySet()) {
            for (Role role : Checks.BOTH) {
                Wire.Result r = Wire.decode(codec, role, Wire.Chop.WHOLE, In.to(role, In.text(Wire.hex(e.getValue()), true)));
                if (r.failed() && (r.closeCode().isEmpty() || r.closeCode().getAsInt() != 1007)) {
                    bad.add(e.getKey() + " (" + role.name().toLowerCase() + "): " + describe(r));
                }
            }
        }
        Check.all("1007 for invalid UTF-8 in a text message", bad, "1007 throughout");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-24")
    void codesWhereSeveralFitAreRecorded(WebSocketCodec codec) {
        Wire.require(codec);
        Map<String, String> seen = new LinkedHashMap<>();
        record Probe(String name, Role role, List<byte[]> frames) {
        }
        List<Probe> probes = List.of(
                new Probe("invalid UTF-8 close reason", Role.SERVER, In.to(Role.SERVER, In.close(In.closeBody(1000, Wire.hex("ff"))))),
                new Probe("non-minimal length 7E 00 05", Role.CLIENT, In.to(Role.CLIENT,
                        In.binary(In.filled(5, 0)).lengthEncoding(RawFrameWriter.LengthEncoding.EXTENDED_16))),
                new Probe("126-octet ping", Role.CLIENT, In.to(Role.CLIENT, In.ping(In.filled(126, 0)))),
                new Probe("unmasked frame to a server", Role.SERVER, List.of(In.text("x").unmasked().toBytes())),
                new Probe("masked frame to a client", Role.CLIENT, List.of(In.text("x").mask(0x01020304).toBytes())));
        for (Probe p : probes) {
            seen.put(p.name(), Wire.outcome(() -> Wire.decode(codec, p.role(), Wire.Chop.WHOLE, p.frames())));
        }
        Check.record("the code chosen where the RFC allows several", seen);
    }
}
