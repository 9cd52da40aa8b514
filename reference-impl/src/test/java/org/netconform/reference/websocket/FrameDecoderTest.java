package org.netconform.reference.websocket;

import org.netconform.spi.websocket.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {

    private static final int KEY = 0x37fa213d;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static FrameDecoder server() {
        return new FrameDecoder(DecoderConfig.receivingAs(Role.SERVER));
    }

    private static FrameDecoder client() {
        return new FrameDecoder(DecoderConfig.receivingAs(Role.CLIENT));
    }

    private static int failCode(FrameDecoder d, byte[] input) {
        WebSocketProtocolException e = catchThrowableOfType(WebSocketProtocolException.class, () -> d.feed(input));
        assertThat(e).as("decoder must fail").isNotNull();
        return e.closeCode();
    }

    /** Encodes frames as {@code sender} would, returning the stream and the frames the peer should see. */
    private static byte[] stream(Role sender, List<Frame> frames, List<Frame> expected) {
        AtomicInteger keys = new AtomicInteger(KEY);
        FrameEncoder enc = new FrameEncoder(sender, keys::getAndIncrement, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            int key = keys.get();
            out.writeBytes(enc.encode(f));
            expected.add(sender == Role.CLIENT ? f.withMask(key) : f);
        }
        return out.toByteArray();
    }

    private static List<Frame> decodeInChops(Role receiver, List<byte[]> chops) {
        FrameDecoder d = new FrameDecoder(DecoderConfig.receivingAs(receiver));
        List<Frame> got = new ArrayList<>();
        for (byte[] c : chops) {
            d.feed(ByteBuffer.wrap(c), got::add);
        }
        assertThat(d.isAtFrameBoundary()).isTrue();
        return got;
    }

    // ---- §5.7 examples

    @Test
    void rfcExamples() {
        assertThat(client().feed(hex("810548656c6c6f"))).containsExactly(Frame.text("Hello"));
        assertThat(server().feed(hex("818537fa213d7f9f4d5158"))).containsExactly(Frame.text("Hello").withMask(KEY));
        assertThat(client().feed(hex("010348656c80026c6f"))).containsExactly(
                new Frame(false, Opcode.TEXT, "Hel".getBytes()), new Frame(true, Opcode.CONTINUATION, "lo".getBytes()));
        assertThat(server().feed(hex("8a8537fa213d7f9f4d5158"))).containsExactly(Frame.pong("Hello".getBytes()).withMask(KEY));
    }

    // ---- properties: round trip and chops

    @Property(tries = 300)
    void roundTripAnyFrame(@ForAll("frames") Frame frame, @ForAll Role sender) {
        List<Frame> expected = new ArrayList<>();
        byte[] wire = stream(sender, List.of(frame), expected);
        assertThat(new FrameDecoder(DecoderConfig.receivingAs(sender.peer())).feed(wire)).isEqualTo(expected);
    }

    @Property(tries = 200)
    void anyChopDecodesIdentically(@ForAll @Size(max = 6) List<@net.jqwik.api.From("frames") Frame> frames,
                                   @ForAll Role sender,
                                   @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 300) Integer> cuts) {
        List<Frame> expected = new ArrayList<>();
        byte[] wire = stream(sender, frames, expected);
        Role receiver = sender.peer();
        // whole
        assertThat(decodeInChops(receiver, List.of(wire))).isEqualTo(expected);
        // frame by frame
        List<byte[]> perFrame = new ArrayList<>();
        AtomicInteger keys = new AtomicInteger(KEY);
        FrameEncoder enc = new FrameEncoder(sender, keys::getAndIncrement, 0);
        frames.forEach(f -> perFrame.add(enc.encode(f)));
        assertThat(decodeInChops(receiver, perFrame)).isEqualTo(expected);
        // octet by octet
        assertThat(decodeInChops(receiver, WebSocketArbitraries.chop(wire, List.of(1)))).isEqualTo(expected);
        // random chops
        assertThat(decodeInChops(receiver, WebSocketArbitraries.chop(wire, cuts))).isEqualTo(expected);
    }

    /**
     * Heap, direct, read-only, and sliced heap buffers (non-zero array offset) all decode alike.
     */
    @Property(tries = 200)
    void everyKindOfBufferDecodesIdentically(@ForAll @Size(max = 4) List<@net.jqwik.api.From("frames") Frame> frames,
                                             @ForAll Role sender,
                                             @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 5000) Integer> cuts,
                                             @ForAll @IntRange(min = 0, max = 3) int kind) {
        List<Frame> expected = new ArrayList<>();
        byte[] wire = stream(sender, frames, expected);
        FrameDecoder d = new FrameDecoder(DecoderConfig.receivingAs(sender.peer()));
        List<Frame> got = new ArrayList<>();
        for (byte[] c : WebSocketArbitraries.chop(wire, cuts)) {
            ByteBuffer b = switch (kind) {
                case 0 -> ByteBuffer.allocateDirect(c.length).put(c).flip();
                case 1 -> ByteBuffer.wrap(c).asReadOnlyBuffer();
                case 2 -> {
                    byte[] padded = new byte[c.length + 7];
                    System.arraycopy(c, 0, padded, 5, c.length);
                    yield ByteBuffer.wrap(padded, 3, c.length + 2).slice().position(2);
                }
                default -> ByteBuffer.wrap(c);
            };
            d.feed(b, got::add);
            assertThat(b.hasRemaining()).isFalse();
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void aDeliveredPayloadIsNotTouchedByLaterInput() {
        FrameDecoder d = server();
        List<Frame> got = new ArrayList<>();
        FrameEncoder enc = new FrameEncoder(Role.CLIENT);
        byte[] first = new byte[5000];
        java.util.Arrays.fill(first, (byte) 1);
        d.feed(ByteBuffer.wrap(enc.encode(Frame.binary(first))), got::add);
        byte[] handed = got.get(0).payload();
        handed[0] = 99; // a copy: changing it changes nothing
        d.feed(ByteBuffer.wrap(enc.encode(Frame.binary(new byte[5000]))), got::add);
        assertThat(got.get(0).payload()).isEqualTo(first);
        assertThat(got.get(1).payload()).isEqualTo(new byte[5000]);
    }

    @Test
    void aWholeFrameAtHandIsBufferedAtItsExactSize() {
        // the declared length is allocated at once when that many octets have already arrived
        FrameDecoder d = client();
        byte[] payload = new byte[100_000];
        byte[] wire = RawFrameWriter.frame().payload(payload).toBytes();
        d.feed(wire, 0, wire.length - 1);
        assertThat(d.bufferCapacity()).isEqualTo(payload.length);
        assertThat(d.feed(wire, wire.length - 1, 1)).containsExactly(Frame.binary(payload));
    }

    @Provide
    Arbitrary<Frame> frames() {
        return WebSocketArbitraries.validFrames(70_000);
    }

    // ---- properties: hostile input

    @Property(tries = 3000)
    void arbitraryBytesGiveFramesOrADefinedCloseCode(@ForAll @Size(max = 64) byte[] input,
                                                     @ForAll Role receiver,
                                                     @ForAll @IntRange(max = 200) int maxPayload) {
        DecoderConfig cfg = DecoderConfig.receivingAs(receiver).withMaxFramePayload(maxPayload).withMaxMessageSize(maxPayload * 2L);
        feedExpectingOnlyProtocolErrors(new FrameDecoder(cfg), input);
    }

    @Property(tries = 1000)
    void mutatedStreamsGiveFramesOrADefinedCloseCode(@ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("smallFrames") Frame> frames,
                                                    @ForAll Role sender,
                                                    @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 10_000) Integer> positions,
                                                    @ForAll @Size(min = 1, max = 4) List<Byte> values) {
        byte[] wire = stream(sender, frames, new ArrayList<>());
        for (int i = 0; i < positions.size(); i++) {
            wire[positions.get(i) % wire.length] ^= values.get(i % values.size()) == 0 ? 1 : values.get(i % values.size());
        }
        feedExpectingOnlyProtocolErrors(new FrameDecoder(DecoderConfig.receivingAs(sender.peer())
                .withMaxFramePayload(300).withMaxMessageSize(600)), wire);
    }

    @Provide
    Arbitrary<Frame> smallFrames() {
        return WebSocketArbitraries.validFrames(200);
    }

    /** Frames, then through the assembler: anything else than 1002/1007/1009 is a bug. */
    private static void feedExpectingOnlyProtocolErrors(FrameDecoder d, byte[] input) {
        MessageAssembler assembler = new MessageAssembler(d.config().maxMessageSize(), new MessageAssembler.Listener() {
            @Override
            public void onMessage(Message message) {
            }

            @Override
            public void onControl(Frame frame) {
            }
        });
        try {
            for (byte[] c : WebSocketArbitraries.chop(input, List.of(3, 1, 7))) {
                d.feed(ByteBuffer.wrap(c), assembler::accept);
            }
        } catch (WebSocketProtocolException e) {
            assertThat(e.closeCode()).isIn(1002, 1007, 1009);
            // and it stays failed, with the same error
            WebSocketProtocolException again = catchThrowableOfType(WebSocketProtocolException.class, () -> d.feed(new byte[] {0}));
            if (d.isFailed()) {
                assertThat(again).isSameAs(e);
            }
        }
    }

    // ---- limits without allocation

    @Test
    void hugeClaimFailsWith1009AsSoonAsTheHeaderIsRead() {
        FrameDecoder d = new FrameDecoder(DecoderConfig.receivingAs(Role.SERVER).withMaxFramePayload(1024));
        byte[] header = RawFrameWriter.frame().opcode(Opcode.BINARY).mask(KEY).declaredLength(1L << 62).toBytes();
        // feed octet by octet: the 10th octet (last length octet) must fail; the mask key never arrives
        for (int i = 0; i < 9; i++) {
            assertThat(d.feed(header, i, 1)).isEmpty();
        }
        WebSocketProtocolException e = catchThrowableOfType(WebSocketProtocolException.class, () -> d.feed(header, 9, 1));
        assertThat(e.closeCode()).isEqualTo(1009);
        assertThat(d.bufferCapacity()).isLessThanOrEqualTo(1024);
        // stays failed with the same error
        assertThatThrownBy(() -> d.feed(new byte[] {1})).isSameAs(e);
    }

    @Test
    void bufferGrowsWithWhatArrivesNotWithWhatIsClaimed() {
        int claim = 1_000_000;
        FrameDecoder d = new FrameDecoder(DecoderConfig.receivingAs(Role.CLIENT).withMaxFramePayload(claim));
        byte[] payload = new byte[claim];
        new java.util.Random(1).nextBytes(payload);
        byte[] wire = RawFrameWriter.frame().payload(payload).toBytes();
        d.feed(wire, 0, 10 + 100);
        assertThat(d.bufferedBytes()).isEqualTo(100);
        assertThat(d.bufferCapacity()).isLessThanOrEqualTo(FrameDecoder.INITIAL_CHUNK);
        d.feed(wire, 110, 5000);
        assertThat(d.bufferCapacity()).isLessThanOrEqualTo(2 * (5100 + FrameDecoder.INITIAL_CHUNK));
        List<Frame> rest = d.feed(wire, 5110, wire.length - 5110);
        assertThat(rest).containsExactly(Frame.binary(payload));
    }

    @Test
    void messageLimitCountsContinuationsAndFailsOnTheHeader() {
        FrameDecoder d = new FrameDecoder(DecoderConfig.receivingAs(Role.CLIENT).withMaxMessageSize(100));
        assertThat(d.feed(RawFrameWriter.frame().fin(false).opcode(Opcode.TEXT).payload(new byte[60]).toBytes())).hasSize(1);
        // a ping in between does not count
        assertThat(d.feed(RawFrameWriter.frame().opcode(Opcode.PING).payload(new byte[100]).toBytes())).hasSize(1);
        byte[] header = RawFrameWriter.frame().opcode(Opcode.CONTINUATION).declaredLength(41).toBytes();
        assertThat(failCode(d, header)).isEqualTo(1009);
    }

    @Test
    void messageLimitResetsAfterTheFinalFragment() {
        FrameDecoder d = new FrameDecoder(DecoderConfig.receivingAs(Role.CLIENT).withMaxMessageSize(100));
        for (int i = 0; i < 5; i++) {
            assertThat(d.feed(RawFrameWriter.frame().opcode(Opcode.BINARY).payload(new byte[100]).toBytes())).hasSize(1);
        }
    }

    // ---- header violations

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void reservedOpcodesAre1002(int opcode) {
        assertThat(failCode(client(), RawFrameWriter.frame().opcode(opcode).toBytes())).isEqualTo(1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void rsvBitsWithoutAnExtensionAre1002(int rsv) {
        assertThat(failCode(client(), RawFrameWriter.frame().rsv(rsv).opcode(Opcode.TEXT).toBytes())).isEqualTo(1002);
        FrameDecoder allowing = new FrameDecoder(DecoderConfig.receivingAs(Role.CLIENT).withAllowedRsv(rsv));
        assertThat(allowing.feed(RawFrameWriter.frame().rsv(rsv).toBytes())).hasSize(1);
    }

    @Test
    void failsOnTheFirstOctetForReservedOpcode() {
        FrameDecoder d = client();
        assertThat(failCode(d, new byte[] {(byte) 0x83})).isEqualTo(1002);
    }

    @ParameterizedTest
    @EnumSource(value = Opcode.class, names = {"PING", "PONG", "CLOSE"})
    void controlFrameRules(Opcode op) {
        assertThat(failCode(client(), RawFrameWriter.frame().fin(false).opcode(op).toBytes())).isEqualTo(1002);
        assertThat(failCode(client(), RawFrameWriter.frame().opcode(op).payload(new byte[126]).toBytes())).isEqualTo(1002);
        // 125 is fine; a 126-byte claim fails on the second octet, before any payload arrives
        assertThat(client().feed(RawFrameWriter.frame().opcode(op).payload(new byte[125]).toBytes())).hasSize(1);
        FrameDecoder d = client();
        assertThat(failCode(d, new byte[] {(byte) (0x80 | op.code()), 126})).isEqualTo(1002);
    }

    @Test
    void maskingMustMatchTheRole() {
        byte[] unmasked = RawFrameWriter.frame().opcode(Opcode.TEXT).toBytes();
        byte[] masked = RawFrameWriter.frame().opcode(Opcode.TEXT).mask(KEY).toBytes();
        assertThat(failCode(server(), unmasked)).isEqualTo(1002);
        assertThat(failCode(client(), masked)).isEqualTo(1002);
        assertThat(server().feed(masked)).hasSize(1);
        assertThat(client().feed(unmasked)).hasSize(1);
    }

    @Test
    void sixtyFourBitLengthWithTopBitSetIs1002() {
        byte[] h = RawFrameWriter.frame().declaredLength(Long.MIN_VALUE).toBytes();
        assertThat(failCode(client(), h)).isEqualTo(1002);
        byte[] h2 = RawFrameWriter.frame().declaredLength(-1L).toBytes();
        assertThat(failCode(client(), h2)).isEqualTo(1002);
    }

    @Test
    void nonMinimalLengthsAreRejectedByDefaultAndOptionallyAccepted() {
        byte[] ext16 = RawFrameWriter.frame().payload(new byte[5])
                .lengthEncoding(RawFrameWriter.LengthEncoding.EXTENDED_16).toBytes();
        byte[] ext64 = RawFrameWriter.frame().payload(new byte[300])
                .lengthEncoding(RawFrameWriter.LengthEncoding.EXTENDED_64).toBytes();
        assertThat(failCode(client(), ext16)).isEqualTo(1002);
        assertThat(failCode(client(), ext64)).isEqualTo(1002);
        FrameDecoder lenient = new FrameDecoder(DecoderConfig.receivingAs(Role.CLIENT).withRejectNonMinimalLength(false));
        assertThat(lenient.feed(ext16)).containsExactly(Frame.binary(new byte[5]));
        assertThat(lenient.feed(ext64)).containsExactly(Frame.binary(new byte[300]));
        // edges that are minimal
        assertThat(client().feed(RawFrameWriter.frame().payload(new byte[126]).toBytes())).hasSize(1);
        assertThat(client().feed(RawFrameWriter.frame().payload(new byte[65536]).toBytes())).hasSize(1);
    }

    @Test
    void framesBeforeAFailureAreDeliveredThroughTheSink() {
        byte[] good = RawFrameWriter.frame().opcode(Opcode.TEXT).payload("a".getBytes()).toBytes();
        byte[] bad = RawFrameWriter.frame().opcode(5).toBytes();
        byte[] both = new byte[good.length + bad.length];
        System.arraycopy(good, 0, both, 0, good.length);
        System.arraycopy(bad, 0, both, good.length, bad.length);
        List<Frame> got = new ArrayList<>();
        FrameDecoder d = client();
        assertThatThrownBy(() -> d.feed(both, 0, both.length, got::add)).isInstanceOf(WebSocketProtocolException.class);
        assertThat(got).containsExactly(Frame.text("a"));
        assertThat(d.isFailed()).isTrue();
    }

    @Test
    void anExceptionFromTheSinkDoesNotFailTheDecoder() {
        FrameDecoder d = client();
        byte[] two = HexFormat.of().parseHex("810161" + "810162");
        assertThatThrownBy(() -> d.feed(two, 0, two.length, f -> {
            throw new WebSocketProtocolException(1007, "from the assembler");
        })).isInstanceOf(WebSocketProtocolException.class);
        assertThat(d.isFailed()).isFalse();
        assertThat(d.feed(two, 3, 3)).containsExactly(Frame.text("b"));
    }
}
