package org.netconform.suites.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.netconform.harness.ConformanceProperties;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/** Properties of a codec over generated frames, streams, chops and garbage, run once per target. */
@ConformanceProperties
public class CodecProperties {
    static final Limits ROBUST = new Limits(64 << 10, 256 << 10);

    /** Any frame a conforming sender may write: text, binary, ping, pong, close. */
    @Provide
    Arbitrary<Outgoing> frames() {
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(70_000)
                .edgeCases(c -> c.add(new byte[0]));
        Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(125);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(300).filter(s -> !hasUnpairedSurrogate(s));
        Arbitrary<Integer> codes = Arbitraries.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
                3000, 3999, 4000, 4999);
        Arbitrary<String> reason = Arbitraries.strings().alpha().numeric().ofMaxLength(60);
        return Arbitraries.oneOf(
                text.map(Outgoing::text),
                data.map(Outgoing::binary),
                small.map(Outgoing::ping),
                small.map(Outgoing::pong),
                Combinators.combine(codes, reason).as(Outgoing::close),
                Arbitraries.just(Outgoing.closeEmpty()));
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** What a frame should come back as: a message for data, a control frame with its payload otherwise. */
    static String expectedOf(Outgoing o) {
        return switch (o.opcode()) {
            case CodecEvent.TEXT -> new Wire.Msg(CodecEvent.TEXT, In.utf8(o.text())).toString();
            case CodecEvent.BINARY -> new Wire.Msg(CodecEvent.BINARY, o.payload()).toString();
            case CodecEvent.CLOSE -> "CLOSE " + CodecEvent.octets(o.closeCode().isPresent()
                    ? In.closeBody(o.closeCode().getAsInt(), In.utf8(o.closeReason())) : new byte[0]);
            default -> CodecEvent.opcodeName(o.opcode()) + " " + CodecEvent.octets(o.payload());
        };
    }

    static List<String> deliveredOf(Wire.Result r) {
        List<String> out = new ArrayList<>();
        r.messages().forEach(m -> out.add(m.toString()));
        // a Close the library parsed is compared by its code and reason, otherwise by its payload
        r.controls().forEach(c -> out.add(CodecEvent.opcodeName(c.opcode()) + " " + CodecEvent.octets(
                c.opcode() == CodecEvent.CLOSE && c.closeCode().isPresent()
                        ? In.closeBody(c.closeCode().getAsInt(), In.utf8(c.closeReason())) : c.payload())));
        if (r.failed()) {
            out.add(r.failure().get().describe());
        }
        return out;
    }

    @Property(tries = 150)
    @Requirement("WS-FRAME-8")
    void anyFrameEncodesAndDecodesBackToItself(WebSocketCodec codec, @ForAll("frames") Outgoing frame, @ForAll Role sender) {
        byte[] wire = codec.encoder(sender).encode(frame);
        Wire.Result r = Wire.decode(codec, sender.peer(), Wire.Chop.WHOLE, List.of(wire));
        assertThat(deliveredOf(r)).as("%s written by a %s encoder as %s", frame.describe(), sender, Wire.octets(wire))
                .containsExactly(expectedOf(frame));
    }

    /** A valid stream: messages (some fragmented) with control frames, as reference-built frames. */
    @Provide
    Arbitrary<List<RawFrameWriter>> streams() {
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<List<RawFrameWriter>> message = Combinators.combine(data, Arbitraries.integers().between(1, 4),
                Arbitraries.of(CodecEvent.BINARY, CodecEvent.PING, CodecEvent.PONG)).as((d, parts, kind) -> {
                    if (kind != CodecEvent.BINARY) {
                        return List.of(In.raw(kind, true, Arrays.copyOf(d, Math.min(d.length, 125))));
                    }
                    List<RawFrameWriter> fs = new ArrayList<>();
                    int step = Math.max(1, d.length / parts);
                    int off = 0;
                    do {
                        int end = Math.min(d.length, off + step);
                        boolean last = end >= d.length;
                        fs.add(In.raw(off == 0 ? CodecEvent.BINARY : CodecEvent.CONTINUATION, last, Arrays.copyOfRange(d, off, end)));
                        off = end;
                    } while (off < d.length);
                    return fs;
                });
        return message.list().ofMinSize(1).ofMaxSize(8).map(ls -> ls.stream().flatMap(List::stream).toList());
    }

    @Property(tries = 150)
    @Requirement("WS-FRAME-9")
    void anyChopOfAValidStreamDecodesIdentically(WebSocketCodec codec, @ForAll("streams") List<RawFrameWriter> stream,
                                                 @ForAll Role receiver, @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 600) Integer> cuts) {
        byte[] all = Wire.concat(In.to(receiver, stream.toArray(RawFrameWriter[]::new)));
        List<byte[]> chops = new ArrayList<>();
        int off = 0;
        for (int c : cuts) {
            if (off >= all.length) {
                break;
            }
            int end = Math.min(all.length, off + c);
            chops.add(Arrays.copyOfRange(all, off, end));
            off = end;
        }
        if (off < all.length) {
            chops.add(Arrays.copyOfRange(all, off, all.length));
        }
        Wire.Result whole = Wire.feed(codec.receiver(receiver, Limits.DEFAULT), receiver, "whole", List.of(all));
        Wire.Result chopped = Wire.feed(codec.receiver(receiver, Limits.DEFAULT), receiver, "chopped", chops);
        assertThat(whole.failed()).as("valid stream refused: %s", whole.summary()).isFalse();
        assertThat(deliveredOf(chopped)).as("in %d reads", chops.size()).isEqualTo(deliveredOf(whole));
    }

    @Property(tries = 150)
    @Requirement("WS-MASK-6")
    void maskingThenUnmaskingIsTheIdentity(WebSocketCodec codec, @ForAll @Size(max = 5000) byte[] payload,
                                           @ForAll @IntRange(min = 1, max = 4) int fragments) {
        WebSocketCodec.Encoder client = codec.encoder(Role.CLIENT);
        List<byte[]> wire = new ArrayList<>();
        int step = Math.max(1, payload.length / fragments);
        int off = 0;
        do {
            int end = Math.min(payload.length, off + step);
            byte[] part = Arrays.copyOfRange(payload, off, end);
            wire.add(client.encode(off == 0 ? Outgoing.binary(part, end >= payload.length)
                    : Outgoing.continuation(part, end >= payload.length)));
            off = end;
        } while (off < payload.length);
        Wire.Result r = Wire.decode(codec, Role.SERVER, Wire.Chop.WHOLE, wire);
        assertThat(r.messages()).as("%d octets in %d masked frames", payload.length, wire.size())
                .containsExactly(Checks.binary(payload));
    }

    /** Garbage: arbitrary octets, or a valid stream with bits flipped, octets dropped or inserted. */
    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> arbitrary = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
        Arbitrary<byte[]> mutated = Combinators.combine(streams(), Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(0, 2)).as((s, where, how) -> {
                    byte[] b = Wire.concat(In.to(Role.SERVER, s.toArray(RawFrameWriter[]::new)));
                    for (int w : where) {
                        int i = w % b.length;
                        if (how == 0) {
                            b[i] ^= (byte) (1 << (w % 8));
                        } else if (how == 1) {
                            byte[] c = new byte[b.length - 1];
                            System.arraycopy(b, 0, c, 0, i);
                            System.arraycopy(b, i + 1, c, i, b.length - i - 1);
                            b = c.length == 0 ? new byte[] {0} : c;
                        } else {
                            byte[] c = new byte[b.length + 1];
                            System.arraycopy(b, 0, c, 0, i);
                            c[i] = (byte) (w * 37);
                            System.arraycopy(b, i, c, i + 1, b.length - i);
                            b = c;
                        }
                    }
                    return b;
                });
        // known trouble, so that every run meets it: top bit of a 64-bit length, lying and non-minimal lengths
        Arbitrary<byte[]> known = Arbitraries.of(
                Wire.hex("82 7f 80 00 00 00 00 00 00 05 01 02 03 04 05"),
                Wire.hex("82 ff 80 00 00 00 00 00 00 05 11 22 33 44 01 02 03 04 05"),
                Wire.hex("81 ff ff ff ff ff ff ff ff ff 11 22 33 44 61"),
                Wire.hex("82 7e 00 05 01 02 03 04 05"),
                Wire.hex("88 01 03"),
                Wire.hex("89 7e 00 7e"),
                Wire.hex("80 00"));
        return Arbitraries.oneOf(arbitrary, mutated, known);
    }

    @Property(tries = 200)
    @Requirement("WS-CLOSE-5")
    void garbageYieldsFramesOrADefinedFailure(WebSocketCodec codec, @ForAll("garbage") byte[] input, @ForAll Role receiver,
                                             @ForAll @IntRange(min = 1, max = 64) int chop) {
        List<byte[]> chops = new ArrayList<>();
        for (int i = 0; i < input.length; i += chop) {
            chops.add(Arrays.copyOfRange(input, i, Math.min(input.length, i + chop)));
        }
        Wire.Result r;
        try {
            r = Wire.feed(codec.receiver(receiver, ROBUST), receiver, chop + "-octet reads", chops);
        } catch (Throwable crash) {
            throw new AssertionError("the " + receiver + " decoder crashed instead of failing the connection with a close code: "
                    + crash, crash);
        }
        if (r.failed()) {
            assertThat(r.closeCode()).as("close code for %s", r.failure().get().describe()).isPresent();
            assertThat(CloseScenarios.validOnWire(r.closeCode().getAsInt()))
                    .as("close code %d is valid on the wire", r.closeCode().getAsInt()).isTrue();
        }
    }

    @Provide
    Arbitrary<Long> hugeClaims() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1025, Long.MAX_VALUE),
                Arbitraries.longs().between(Long.MIN_VALUE, -1),
                Arbitraries.of(1L << 62, (1L << 63) - 1, 1L << 32, 65536L, 1025L, Long.MIN_VALUE));
    }

    @Property(tries = 100)
    @Requirement("WS-LIMIT-1")
    @RequiresCapability(WebSocketCodec.LIMITS)
    void neverAllocatesBeyondItsLimit(WebSocketCodec codec, @ForAll("hugeClaims") long claimed, @ForAll Role receiver,
                                      @ForAll @IntRange(min = 0, max = 16) int sent) {
        List<byte[]> frames = LimitScenarios.claiming(receiver, claimed, sent);
        Wire.Result r = LimitScenarios.decodeNoOom(codec, receiver, LimitScenarios.SMALL, Wire.Chop.PER_FRAME, frames);
        assertThat(r.failed()).as("a %s decoder with a 1024-octet limit given a header claiming %s octets, %d payload octets, then 1025 more: %s",
                receiver, Long.toUnsignedString(claimed), sent, r.summary()).isTrue();
        assertThat(r.delivered()).isEmpty();
        List<Integer> allowed = claimed < 0 ? List.of(1002, 1009) : List.of(1009);
        assertThat(r.closeCode().isPresent() && allowed.contains(r.closeCode().getAsInt()))
                .as("close code %s, expected one of %s", r.closeCode(), allowed).isTrue();
    }
}
