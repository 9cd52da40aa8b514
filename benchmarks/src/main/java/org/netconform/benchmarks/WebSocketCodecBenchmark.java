package org.netconform.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.netconform.reference.websocket.DecoderConfig;
import org.netconform.reference.websocket.Frame;
import org.netconform.reference.websocket.FrameDecoder;
import org.netconform.reference.websocket.FrameEncoder;
import org.netconform.reference.websocket.Masking;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.websocket.Role;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reference WebSocket codec side by side with Netty's, per payload size: a server decoding (and
 * unmasking) one client frame, a client encoding (and masking) one frame, and the unmasking loop
 * (in place, and copying) against {@code System.arraycopy} of the same size as the memory-bandwidth
 * ceiling.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class WebSocketCodecBenchmark {

    @Param({"16", "125", "4096", "65536", "1048576"})
    public int size;

    private byte[] payload;
    private byte[] maskedFrame;
    private byte[] scratch;
    private Frame frame;
    private FrameEncoder refEncoder;
    private DecoderConfig refConfig;
    private EmbeddedChannel nettyDecoder;
    private EmbeddedChannel nettyEncoder;
    private ByteBuf nettyPayload;

    @Setup(Level.Trial)
    public void setUp() {
        payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        scratch = new byte[size];
        maskedFrame = RawFrameWriter.frame().payload(payload).mask(0x37fa213d).toBytes();
        frame = Frame.binary(payload);
        refEncoder = new FrameEncoder(Role.CLIENT);
        refConfig = DecoderConfig.receivingAs(Role.SERVER).withMaxFramePayload(16 << 20);
        nettyDecoder = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).maxFramePayloadLength(16 << 20).allowExtensions(false).build()));
        nettyEncoder = new EmbeddedChannel(new WebSocket08FrameEncoder(true));
        nettyPayload = Unpooled.directBuffer(size).writeBytes(payload);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nettyDecoder.finishAndReleaseAll();
        nettyEncoder.finishAndReleaseAll();
        nettyPayload.release();
    }

    @Benchmark
    public void decodeUnmaskReference(Blackhole bh) {
        FrameDecoder d = new FrameDecoder(refConfig);
        d.feed(ByteBuffer.wrap(maskedFrame), bh::consume);
    }

    @Benchmark
    public void decodeUnmaskNetty(Blackhole bh) {
        nettyDecoder.writeInbound(Unpooled.wrappedBuffer(maskedFrame));
        WebSocketFrame f = nettyDecoder.readInbound();
        bh.consume(f.content().getByte(0));
        f.release();
    }

    @Benchmark
    public byte[] encodeMaskReference() {
        return refEncoder.encode(frame);
    }

    @Benchmark
    public void encodeMaskNetty(Blackhole bh) {
        nettyEncoder.writeOutbound(new BinaryWebSocketFrame(nettyPayload.retainedDuplicate()));
        for (Object o; (o = nettyEncoder.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            bh.consume(b.readableBytes());
            b.release();
        }
    }

    @Benchmark
    public byte[] unmaskInPlace() {
        Masking.mask(scratch, 0, size, 0x37fa213d);
        return scratch;
    }

    /** Copy and mask in one pass: what the decoder and encoder do; moves the same octets as arraycopy. */
    @Benchmark
    public byte[] maskCopy() {
        Masking.maskCopy(payload, 0, scratch, 0, size, 0x37fa213d, 0);
        return scratch;
    }

    @Benchmark
    public byte[] arraycopyCeiling() {
        System.arraycopy(payload, 0, scratch, 0, size);
        return scratch;
    }
}
