package org.netconform.suites.websocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.Values;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/** UTF-8 in text messages and Close reasons (§5.6, §8.1): Autobahn 6.x at the codec layer. */
public class Utf8Scenarios {

    /** Invalid sequences, each named; from the spec's list and Markus Kuhn's stress test. */
    static final Map<String, String> INVALID = new LinkedHashMap<>();

    static {
        INVALID.put("overlong NUL C0 80", "c0 80");
        INVALID.put("overlong E0 80 80", "e0 80 80");
        INVALID.put("overlong slash F0 80 80 AF", "f0 80 80 af");
        INVALID.put("surrogate ED A0 80", "ed a0 80");
        INVALID.put("low surrogate ED BF BF", "ed bf bf");
        INVALID.put("above U+10FFFF F4 90 80 80", "f4 90 80 80");
        INVALID.put("C1", "c1 bf");
        INVALID.put("F5", "f5 80 80 80");
        INVALID.put("FE", "fe");
        INVALID.put("FF", "ff");
        INVALID.put("stray continuation 80", "80");
        INVALID.put("stray continuation after ASCII", "41 42 bf 43");
        INVALID.put("cut short at the end (E2 82)", "e2 82");
        INVALID.put("cut short before ASCII (E2 82 41)", "e2 82 41");
        INVALID.put("Autobahn 6.3.1 (\u03ba\u1f79\u03c3\u03bc\u03b5 + ED A0 80 + edited)", "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64");
    }

    @ConformanceTest
    @Requirement("WS-UTF8-1")
    void senderNeverWritesInvalidUtf8(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        String unpaired = "a\uD800b";
        String unpairedLow = "\uDC00";
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            for (Outgoing o : List.of(Outgoing.text(unpaired), Outgoing.text(unpairedLow), Outgoing.close(1000, unpaired))) {
                try {
                    byte[] f = enc.encode(o);
                    byte[] p = Checks.payload(f);
                    byte[] text = o.opcode() == CodecEvent.CLOSE ? java.util.Arrays.copyOfRange(p, Math.min(2, p.length), p.length) : p;
                    Wire.log(role.name().toLowerCase() + " " + o.describe() + " -> payload " + Wire.octets(p));
                    if (!org.netconform.reference.websocket.Utf8Validator.isValid(text, 0, text.length)) {
                        bad.add(role + " wrote " + o.describe() + " as invalid UTF-8 " + Values.hex(text));
                    }
                } catch (RuntimeException refused) {
                    Wire.log(role.name().toLowerCase() + " " + o.describe() + " refused: " + refused);
                }
            }
        }
        Check.all("a String with an unpaired surrogate is refused or replaced, never written as ED A0 80", bad,
                "refused or replaced");
    }

    @ConformanceTest
    @Requirement("WS-UTF8-2")
    void invalidTextFails(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.UTF8_VALIDATION);
        List<Checks.Case> cases = new ArrayList<>();
        INVALID.forEach((name, hex) -> cases.add(Checks.Case.of(name, In.stream(In.text(Wire.hex(hex), true)))));
        Checks.mustFail(codec, Checks.BOTH, cases);
    }

    @ConformanceTest
    @Requirement("WS-UTF8-3")
    void validTextSplitAnywhereIsDelivered(WebSocketCodec codec) {
        Wire.require(codec);
        byte[] text = In.utf8("\u03ba\u1f79\u03c3\u03bc\u03b5 \uD834\uDD1E \u20ac!");
        // every split point, two fragments
        List<RawFrameWriter> frames = new ArrayList<>();
        for (int cut = 0; cut <= text.length; cut++) {
            frames.add(In.text(java.util.Arrays.copyOf(text, cut), false));
            frames.add(In.cont(java.util.Arrays.copyOfRange(text, cut, text.length), true));
        }
        List<Wire.Msg> expected = new ArrayList<>();
        for (int cut = 0; cut <= text.length; cut++) {
            expected.add(Checks.text(text));
        }
        Checks.mustDeliver(codec, Checks.BOTH, Limits.DEFAULT,
                Checks.Case.of("the text cut at every octet, in two fragments", In.stream(frames.toArray(RawFrameWriter[]::new))),
                expected, null);
        byte[] clef = In.utf8("\uD834\uDD1E"); // F0 9D 84 9E
        Checks.mustDeliver(codec, Checks.BOTH, Checks.Case.of("U+1D11E in four one-octet fragments",
                In.stream(In.text(new byte[] {clef[0]}, false), In.cont(new byte[] {clef[1]}, false),
                        In.cont(new byte[] {clef[2]}, false), In.cont(new byte[] {clef[3]}, true))),
                List.of(Checks.text(clef)));
    }

    @ConformanceTest
    @Requirement("WS-UTF8-4")
    void invalidReassembledTextFails(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.UTF8_VALIDATION);
        Checks.mustFail(codec, Checks.BOTH, List.of(
                new Checks.Case("E2 82 in one fragment, 41 in the next",
                        In.stream(In.text(Wire.hex("e2 82"), false), In.cont(Wire.hex("41"), true)), 1),
                new Checks.Case("ED in one fragment, A0 80 in the next (surrogate)",
                        In.stream(In.text(Wire.hex("ed"), false), In.cont(Wire.hex("a0 80"), true)), 1),
                new Checks.Case("final fragment ends inside a code point",
                        In.stream(In.text(In.utf8("ok"), false), In.cont(Wire.hex("f0 9d 84"), true)), 1),
                new Checks.Case("valid first fragment, invalid second (Autobahn 6.4.x)",
                        In.stream(In.text(In.utf8("\u03ba\u1f79\u03c3\u03bc\u03b5"), false), In.cont(Wire.hex("f4 90 80 80"), false),
                                In.cont(In.utf8("edited"), true)), 1)));
    }

    @ConformanceTest
    @Requirement("WS-UTF8-5")
    void everyValidCodePointIsAccepted(WebSocketCodec codec) {
        Wire.require(codec);
        String all = "\u0000 \u007f \u0080 \u07ff \u0800 \ufeff \ufffe \uffff \uD800\uDC00 \uDBFF\uDFFF";
        Checks.mustDeliver(codec, Checks.BOTH, Checks.Case.of("U+0000 U+007F U+0080 U+07FF U+0800 U+FEFF U+FFFE U+FFFF U+10000 U+10FFFF",
                In.stream(In.text(all))), List.of(Checks.text(all)));
        Checks.mustDeliver(codec, Checks.BOTH, Checks.Case.of("BOM alone (kept, not stripped)",
                In.stream(In.text(Wire.hex("ef bb bf"), true))), List.of(Checks.text(Wire.hex("ef bb bf"))));
    }

    @ConformanceTest
    @Requirement("WS-UTF8-6")
    void binaryAndPingsAreNotValidated(WebSocketCodec codec) {
        Wire.require(codec);
        byte[] junk = Wire.hex("ed a0 80 c0 80 ff fe 80");
        List<Wire.Result> rs = Checks.mustDeliver(codec, Checks.BOTH, Limits.DEFAULT,
                Checks.Case.of("binary, ping and pong carrying invalid UTF-8",
                        In.stream(In.binary(junk), In.ping(junk), In.pong(junk), In.raw(2, false, Wire.hex("ed")),
                                In.cont(Wire.hex("a0"), true))),
                List.of(Checks.binary(junk), Checks.binary(Wire.hex("ed a0"))), List.of(CodecEvent.PING, CodecEvent.PONG));
        for (Wire.Result r : rs) {
            for (CodecEvent.Control c : r.controls()) {
                Check.that("ping/pong payload " + Values.hex(junk), Values.hex(c.payload()),
                        java.util.Arrays.equals(c.payload(), junk));
            }
        }
    }

    @ConformanceTest
    @Requirement("WS-UTF8-7")
    void failFastIsRecorded(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.UTF8_VALIDATION);
        Map<String, String> seen = new LinkedHashMap<>();
        for (Role role : Checks.BOTH) {
            // the bad octet in the first of three fragments: does it fail before the last arrives?
            List<byte[]> frames = In.to(role, In.text(Wire.hex("41 ff 42"), false), In.cont(In.utf8("more"), false),
                    In.cont(In.utf8("end"), true));
            Wire.Result r = Wire.decode(codec, role, Wire.Chop.PER_FRAME, frames);
            seen.put(role.name().toLowerCase(), !r.failed() ? "accepted"
                    : r.failedAtChop() == 0 ? "fails on the first fragment (fail-fast)"
                    : "fails on fragment " + (r.failedAtChop() + 1) + " of 3");
        }
        Check.record("whether invalid text fails at the bad octet or at the end of the message", seen);
    }

    @ConformanceTest
    @Requirement("WS-UTF8-8")
    void invalidCloseReasonFails(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.CLOSE_PAYLOAD_VALIDATION);
        Checks.mustFail(codec, Checks.BOTH, List.of(
                Checks.Case.of("close 1000 with reason ED A0 80 (Autobahn 7.5.1)",
                        In.stream(In.close(In.closeBody(1000, Wire.hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64"))))),
                Checks.Case.of("close 1000 with reason FF", In.stream(In.close(In.closeBody(1000, Wire.hex("ff"))))),
                Checks.Case.of("close 1000 with a reason cut inside a code point",
                        In.stream(In.close(In.closeBody(1000, Wire.hex("61 e2 82")))))));
    }
}
