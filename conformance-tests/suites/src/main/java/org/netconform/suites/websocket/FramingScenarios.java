package org.netconform.suites.websocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.Values;
import org.netconform.reference.websocket.RawFrameHeader;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.reference.websocket.RawFrameWriter.LengthEncoding;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/** Base framing (RFC 6455 §5.2, §5.6, §5.7): Autobahn 1.x, 3.x and 4.x at the codec layer, and what it skips. */
public class FramingScenarios {

    /** One of every kind of frame a sender writes. */
    static List<Outgoing> everyKind() {
        return List.of(Outgoing.text("Hello"), Outgoing.binary(In.filled(10, 1)),
                Outgoing.text("He", false), Outgoing.continuation(In.utf8("llo"), true),
                Outgoing.ping(In.utf8("p")), Outgoing.pong(In.utf8("q")), Outgoing.close(1000, "bye"),
                Outgoing.closeEmpty());
    }

    static byte[] encodeLogged(WebSocketCodec.Encoder enc, Role role, Outgoing o) {
        byte[] b = enc.encode(o);
        Wire.log(role.name().toLowerCase() + " encodes " + o.describe() + " -> " + Wire.octets(b));
        return b;
    }

    @ConformanceTest
    @Requirement("WS-HS-26")
    void acceptValueOfTheRfcExample(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.HANDSHAKE_ACCEPT);
        Optional<String> accept = codec.computeAccept("dGhlIHNhbXBsZSBub25jZQ==");
        Optional<String> other = codec.computeAccept("AQIDBAUGBwgJCgsMDQ4PEA==");
        // the second key checked against the definition: base64(SHA-1(key + GUID))
        String otherAccept = org.netconform.reference.websocket.Handshake.computeAccept("AQIDBAUGBwgJCgsMDQ4PEA==");
        Check.that("dGhlIHNhbXBsZSBub25jZQ== -> s3pPLMBiTxaQ9kYGzzhZRbK+xOo=; AQIDBAUGBwgJCgsMDQ4PEA== -> " + otherAccept,
                "dGhlIHNhbXBsZSBub25jZQ== -> " + accept.orElse("(none)") + "; AQIDBAUGBwgJCgsMDQ4PEA== -> "
                        + other.orElse("(none)"),
                Optional.of("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=").equals(accept) && Optional.of(otherAccept).equals(other));
    }

    @ConformanceTest
    @Requirement("WS-FRAME-1")
    void senderSetsNoReservedBits(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            for (Outgoing o : everyKind()) {
                byte[] b = encodeLogged(enc, role, o);
                if (RawFrameHeader.of(b).rsv() != 0) {
                    bad.add(role + " " + o.describe() + ": RSV " + RawFrameHeader.of(b).rsv());
                }
            }
        }
        Check.all("RSV1-3 clear in every frame written, by client and server encoders", bad, "all clear");
    }

    @ConformanceTest
    @Requirement("WS-FRAME-2")
    void reservedBitsFailTheConnection(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.RSV_VALIDATION);
        List<Checks.Case> cases = new ArrayList<>();
        for (int rsv = 1; rsv <= 7; rsv++) {
            int r = rsv;
            cases.add(Checks.Case.of("text with RSV " + r, In.stream(In.text("Hello").rsv(r))));
        }
        cases.add(Checks.Case.of("binary with RSV1", In.stream(In.binary(In.filled(5, 0)).rsv(4))));
        cases.add(Checks.Case.of("ping with RSV2", In.stream(In.ping(In.utf8("p")).rsv(2))));
        cases.add(Checks.Case.of("close with RSV3", In.stream(In.close(In.closeBody(1000, new byte[0])).rsv(1))));
        cases.add(new Checks.Case("text, then text with RSV 7",
                In.stream(In.text("ok"), In.text("Hello").rsv(7)), 1));
        Checks.mustFail(codec, Checks.BOTH, cases);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-3")
    void senderUsesOnlyDefinedOpcodes(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            for (Outgoing o : everyKind()) {
                int op = RawFrameHeader.of(encodeLogged(enc, role, o)).opcode();
                if (op != o.opcode()) {
                    bad.add(role + " " + o.describe() + ": opcode " + op);
                }
            }
        }
        Check.all("each frame with the opcode of its kind: 1, 2, 0, 9, A, 8", bad, "as expected");
    }

    @ConformanceTest
    @Requirement("WS-FRAME-4")
    void reservedOpcodesFailTheConnection(WebSocketCodec codec) {
        Wire.require(codec);
        List<Checks.Case> cases = new ArrayList<>();
        for (int op : new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}) {
            cases.add(Checks.Case.of("opcode " + op, In.stream(In.raw(op, true, In.utf8("x")))));
        }
        cases.add(new Checks.Case("text, then opcode 5", In.stream(In.text("ok"), In.raw(5, true, new byte[0])), 1));
        Checks.mustFail(codec, Checks.BOTH, cases);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-5")
    void encoderUsesTheMinimalLength(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            for (int n : new int[] {0, 1, 124, 125, 126, 127, 65535, 65536, 65537}) {
                byte[] b = enc.encode(Outgoing.binary(In.filled(n, n)));
                RawFrameHeader h = RawFrameHeader.of(b);
                int want = n <= 125 ? 0 : n <= 0xFFFF ? 2 : 8;
                Wire.log(role.name().toLowerCase() + " binary " + n + " -> header " + Values.hex(b, 0, h.headerLength()));
                if (h.lengthOctets() != want || h.length() != n) {
                    bad.add(role + " " + n + " octets: length in " + h.lengthOctets() + " extra octets, value " + h.length());
                }
            }
        }
        Check.all("0-125 in 7 bits, 126-65535 as 126 + 16 bits, 65536+ as 127 + 64 bits (top bit 0)", bad,
                "minimal everywhere");
    }

    @ConformanceTest
    @Requirement("WS-FRAME-6")
    void topBitOfA64BitLengthFailsAtOnce(WebSocketCodec codec) {
        Wire.require(codec);
        List<Checks.Case> cases = List.of(
                Checks.Case.of("binary claiming 0x8000000000000000 octets, 4 sent",
                        In.stream(In.binary(In.filled(4, 0)).declaredLength(Long.MIN_VALUE))),
                Checks.Case.of("text claiming 0xFFFFFFFFFFFFFFFF octets, 4 sent",
                        In.stream(In.text("abcd").declaredLength(-1L))),
                Checks.Case.of("binary claiming 0x8000000000000005 octets, 5 sent",
                        In.stream(In.binary(In.filled(5, 0)).declaredLength(Long.MIN_VALUE + 5))));
        Checks.mustFail(codec, Checks.BOTH, cases);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-7")
    void nonMinimalLengthIsRecorded(WebSocketCodec codec) {
        Wire.require(codec);
        Map<String, String> seen = new LinkedHashMap<>();
        record Probe(String name, RawFrameWriter frame) {
        }
        List<Probe> probes = List.of(
                new Probe("5 as 7E 00 05", In.binary(In.filled(5, 0)).lengthEncoding(LengthEncoding.EXTENDED_16)),
                new Probe("200 as 7F 00..00 C8", In.binary(In.filled(200, 0)).lengthEncoding(LengthEncoding.EXTENDED_64)),
                new Probe("5 as 7F 00..00 05", In.binary(In.filled(5, 0)).lengthEncoding(LengthEncoding.EXTENDED_64)));
        for (Probe p : probes) {
            for (Role role : Checks.BOTH) {
                Wire.log("# " + p.name());
                List<byte[]> frames = In.to(role, p.frame());
                seen.put(p.name() + " (" + role.name().toLowerCase() + ")", Wire.outcome(() ->
                        Wire.decode(codec, role, Wire.Chop.WHOLE, frames)));
            }
        }
        Check.record("non-minimal lengths: accepted, or failed and with which code", seen);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-8")
    void lengthEdgesRoundTrip(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        for (Role sender : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(sender);
            for (int n : new int[] {0, 125, 126, 127, 128, 65535, 65536, 65537}) {
                byte[] payload = In.filled(n, 7);
                byte[] wire = enc.encode(Outgoing.binary(payload));
                RawFrameHeader h = RawFrameHeader.of(wire);
                int want = n <= 125 ? 0 : n <= 0xFFFF ? 2 : 8;
                if (h.lengthOctets() != want || h.length() != n || !java.util.Arrays.equals(Checks.payload(wire), payload)) {
                    bad.add(sender + " wrote " + n + " octets as length " + h.length() + " in form " + h.lengthOctets());
                }
                // the library's own output, and the reference's, through the library's decoder
                for (byte[] frame : List.of(wire, In.from(sender, In.binary(payload)))) {
                    for (Wire.Chop chop : List.of(Wire.Chop.WHOLE, Wire.Chop.PER_FRAME)) {
                        Wire.Result r = Wire.decode(codec, sender.peer(), chop, List.of(frame));
                        if (!r.messages().equals(List.of(Checks.binary(payload))) || r.failed()) {
                            bad.add(sender.peer() + " decoder, " + n + " octets: " + r.summary());
                        }
                    }
                }
            }
        }
        Check.all("0, 125, 126, 127, 128, 65535, 65536, 65537 octets: minimal length form, same payload back", bad,
                "all round-tripped");
    }

    @ConformanceTest
    @Requirement("WS-FRAME-9")
    void anyChopDecodesTheSame(WebSocketCodec codec) {
        Wire.require(codec);
        List<Wire.Msg> expected = List.of(Checks.text("Hello"), Checks.binary(In.filled(300, 3)),
                Checks.text(""), Checks.binary(In.filled(70000, 4)), Checks.text("fragmented"));
        Checks.mustDeliver(codec, Checks.BOTH, org.netconform.spi.websocket.Limits.DEFAULT,
                Checks.Case.of("five messages and a ping in one stream", In.stream(In.text("Hello"),
                        In.binary(In.filled(300, 3)), In.ping(In.utf8("hb")), In.text(""), In.binary(In.filled(70000, 4)),
                        In.text(In.utf8("frag"), false), In.cont(In.utf8("mented"), true))),
                expected, List.of(CodecEvent.PING));
        // 64 KiB written in 997-octet reads, as Autobahn 1.1.8 does
        byte[] big = In.ascii(65536);
        for (Role role : Checks.BOTH) {
            byte[] all = Wire.concat(In.to(role, In.text(big, true)));
            List<byte[]> chops = new ArrayList<>();
            for (int i = 0; i < all.length; i += 997) {
                chops.add(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + 997)));
            }
            Wire.Result r = Wire.feed(codec.receiver(role, org.netconform.spi.websocket.Limits.DEFAULT), role,
                    "997-octet reads", chops);
            Check.equal("64 KiB text in 997-octet reads, " + role + " decoder", List.of(Checks.text(big)), r.messages());
        }
    }

    @ConformanceTest
    @Requirement("WS-FRAME-10")
    void rfcExamplesHoldBothWays(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        // decode the octets of §5.7
        record Vec(String octets, Role receiver, Wire.Msg msg, Integer control) {
        }
        byte[] b256 = In.filled(256, 9);
        byte[] b64k = In.filled(65536, 9);
        List<Vec> vectors = List.of(
                new Vec("81 05 48 65 6c 6c 6f", Role.CLIENT, Checks.text("Hello"), null),
                new Vec("81 85 37 fa 21 3d 7f 9f 4d 51 58", Role.SERVER, Checks.text("Hello"), null),
                new Vec("01 03 48 65 6c 80 02 6c 6f", Role.CLIENT, Checks.text("Hello"), null),
                new Vec("89 05 48 65 6c 6c 6f", Role.CLIENT, null, CodecEvent.PING),
                new Vec("8a 85 37 fa 21 3d 7f 9f 4d 51 58", Role.SERVER, null, CodecEvent.PONG));
        for (Vec v : vectors) {
            for (Wire.Chop chop : Wire.Chop.values()) {
                Wire.Result r = Wire.decode(codec, v.receiver(), chop, List.of(Wire.hex(v.octets())));
                boolean ok = !r.failed() && (v.msg() != null ? r.messages().equals(List.of(v.msg()))
                        : r.controls().size() == 1 && r.controls().get(0).opcode() == v.control()
                        && java.util.Arrays.equals(r.controls().get(0).payload(), In.utf8("Hello")));
                if (!ok) {
                    bad.add("decode " + v.octets() + ": " + r.summary());
                }
            }
        }
        for (byte[][] big : new byte[][][] {{Wire.hex("82 7E 01 00"), b256}, {Wire.hex("82 7F 00 00 00 00 00 01 00 00"), b64k}}) {
            Wire.Result r = Wire.decode(codec, Role.CLIENT, Wire.Chop.WHOLE, List.of(big[0], big[1]));
            if (r.failed() || !r.messages().equals(List.of(Checks.binary(big[1])))) {
                bad.add("decode " + Values.hex(big[0]) + " + payload: " + r.summary());
            }
        }
        // encode: unmasked (server) exactly; masked (client) with its own key, checked through that key
        WebSocketCodec.Encoder server = codec.encoder(Role.SERVER);
        expectOctets(bad, server, Outgoing.text("Hello"), "81 05 48 65 6c 6c 6f");
        expectOctets(bad, server, Outgoing.text("Hel", false), "01 03 48 65 6c");
        expectOctets(bad, server, Outgoing.continuation(In.utf8("lo"), true), "80 02 6c 6f");
        expectOctets(bad, server, Outgoing.ping(In.utf8("Hello")), "89 05 48 65 6c 6c 6f");
        byte[] h256 = server.encode(Outgoing.binary(b256));
        if (!java.util.Arrays.equals(java.util.Arrays.copyOf(h256, 4), Wire.hex("82 7e 01 00")) || h256.length != 260) {
            bad.add("binary 256: " + Wire.octets(h256));
        }
        byte[] h64k = server.encode(Outgoing.binary(b64k));
        if (!java.util.Arrays.equals(java.util.Arrays.copyOf(h64k, 10), Wire.hex("82 7f 00 00 00 00 00 01 00 00"))
                || h64k.length != 65546) {
            bad.add("binary 65536: " + Wire.octets(h64k));
        }
        WebSocketCodec.Encoder client = codec.encoder(Role.CLIENT);
        for (Outgoing o : List.of(Outgoing.text("Hello"), Outgoing.pong(In.utf8("Hello")))) {
            byte[] f = encodeLogged(client, Role.CLIENT, o);
            RawFrameHeader h = RawFrameHeader.of(f);
            int first = o.opcode() == CodecEvent.TEXT ? 0x81 : 0x8a;
            if ((f[0] & 0xFF) != first || (f[1] & 0xFF) != 0x85 || f.length != 11
                    || !java.util.Arrays.equals(Checks.payload(f), In.utf8("Hello"))) {
                bad.add("client " + o.describe() + ": " + Wire.octets(f));
            }
        }
        Check.all("the seven examples of RFC 6455 §5.7, decoded and encoded", bad, "all hold");
    }

    private static void expectOctets(List<String> bad, WebSocketCodec.Encoder enc, Outgoing o, String octets) {
        byte[] b = encodeLogged(enc, Role.SERVER, o);
        if (!java.util.Arrays.equals(b, Wire.hex(octets))) {
            bad.add("server " + o.describe() + ": " + Values.hex(b) + ", expected " + octets);
        }
    }

    @ConformanceTest
    @Requirement("WS-FRAME-11")
    void textAndBinaryKeepTheirTypeAndPayload(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        for (Role sender : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(sender);
            List<Outgoing> out = List.of(Outgoing.text("h\u00e9llo \u20ac \uD83D\uDE00"), Outgoing.text(""),
                    Outgoing.binary(new byte[] {0, (byte) 0xFF, (byte) 0xC0, 0x01}), Outgoing.binary(new byte[0]));
            List<byte[]> frames = new ArrayList<>();
            for (Outgoing o : out) {
                byte[] f = encodeLogged(enc, sender, o);
                int op = RawFrameHeader.of(f).opcode();
                if (op != o.opcode()) {
                    bad.add(sender + " wrote " + o.describe() + " with opcode " + op);
                }
                frames.add(f);
            }
            List<Wire.Msg> expected = List.of(Checks.text("h\u00e9llo \u20ac \uD83D\uDE00"), Checks.text(""),
                    Checks.binary(new byte[] {0, (byte) 0xFF, (byte) 0xC0, 0x01}), Checks.binary(new byte[0]));
            for (Wire.Chop chop : Wire.Chop.values()) {
                Wire.Result r = Wire.decode(codec, sender.peer(), chop, frames);
                if (r.failed() || !r.messages().equals(expected)) {
                    bad.add(r.summary());
                }
            }
        }
        Check.all("text as opcode 1, binary as 2, delivered with that type and exact payload, empty included", bad,
                "as expected");
    }
}
