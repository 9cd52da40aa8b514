package org.netconform.reference.websocket;

import org.netconform.spi.websocket.Role;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streaming frame decoder (RFC 6455 §5.2).
 *
 * <p>Bytes may arrive in any chop: one octet at a time or many frames at once; the decoded
 * frames are the same. Each check is made as soon as the octets it needs have arrived, so a
 * violation is reported without waiting for the rest of the frame:
 * <ul>
 *   <li>RSV bits no extension allows, reserved opcodes, fragmented control frames: 1002
 *       (§5.2, §5.5), on the first octet;</li>
 *   <li>wrong mask flag for the role (§5.1), control payload over 125 (§5.5): 1002, on the
 *       second octet;</li>
 *   <li>64-bit length with the most significant bit set (§5.2), non-minimal length if so
 *       configured: 1002; payload over the frame limit or pushing the message over the message
 *       limit (§10.4): 1009; on the last length octet.</li>
 * </ul>
 *
 * <p>Nothing is allocated from a length the peer claims alone: the payload buffer is allocated
 * when the first payload octets arrive, with room for at most twice what has arrived (or
 * {@link #INITIAL_CHUNK}, if larger), capped at the declared length, which is within the limit;
 * it grows the same way as more arrives. A frame that arrives whole (the usual case) gets one
 * buffer of exactly its size. So a header claiming 2^62 octets costs nothing and a slow peer
 * cannot make us reserve memory it never sends. The finished buffer is exactly the payload's
 * size and becomes the frame's payload without a copy. What remains per frame is one allocation
 * (zeroed by the JVM), one copy out of the input and one unmasking pass.
 *
 * <p>The decoder counts data payload per message (TEXT/BINARY start a count, CONTINUATION adds)
 * only to enforce the message limit early; fragmentation order and UTF-8 are the
 * {@link MessageAssembler}'s job. After a failure the decoder stays failed: every later call
 * throws the same exception. Not thread-safe.
 */
public final class FrameDecoder {

    /**
     * Most a payload buffer starts with beyond the octets already at hand; later growth doubles,
     * capped at the declared length.
     */
    static final int INITIAL_CHUNK = 4096;

    private static final byte[] EMPTY = new byte[0];

    private enum State { FIRST, SECOND, EXT_LENGTH, MASK_KEY, PAYLOAD }

    private final DecoderConfig config;

    private State state = State.FIRST;
    private boolean fin;
    private int rsv;
    private Opcode opcode;
    private boolean masked;
    private int extLengthOctets;   // 2 or 8
    private int headerOctetsRead;  // within EXT_LENGTH or MASK_KEY
    private long length;
    private int maskKey;
    private byte[] payload = EMPTY;
    private int filled;
    private long messageSoFar;     // data octets of the message in progress, frames before this one
    private WebSocketProtocolException failure;

    public FrameDecoder(DecoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public DecoderConfig config() {
        return config;
    }

    /**
     * Decodes what {@code in} holds, delivering each frame to {@code sink} as soon as it is
     * complete. Consumes the buffer up to its limit (or up to the octet that failed).
     *
     * @throws WebSocketProtocolException when the input breaks the protocol or a limit; frames
     *         completed before the failing octet have already been delivered
     */
    public void feed(ByteBuffer in, Consumer<? super Frame> sink) {
        if (failure != null) {
            throw failure;
        }
        while (in.hasRemaining()) {
            Frame frame = step(in);
            if (frame != null) {
                // outside step(): an exception from the sink is the caller's, not a decoding failure
                sink.accept(frame);
            }
        }
    }

    /** Consumes at least one octet; returns the frame it completed, if any. */
    private Frame step(ByteBuffer in) {
        try {
            switch (state) {
                case FIRST -> first(in.get());
                case SECOND -> second(in.get());
                case EXT_LENGTH -> extLength(in.get());
                case MASK_KEY -> maskKey(in.get());
                case PAYLOAD -> payload(in);
            }
            return state == State.PAYLOAD && filled == length ? complete() : null;
        } catch (WebSocketProtocolException e) {
            failure = e;
            payload = EMPTY;
            throw e;
        }
    }

    /** Decodes {@code len} octets of {@code b} from {@code off}; see {@link #feed(ByteBuffer, Consumer)}. */
    public void feed(byte[] b, int off, int len, Consumer<? super Frame> sink) {
        feed(ByteBuffer.wrap(b, off, len), sink);
    }

    /**
     * Decodes and returns the frames completed by these octets.
     *
     * @throws WebSocketProtocolException on a violation; frames completed earlier in the same
     *         call are lost to the caller, so use the sink variant where they matter
     */
    public List<Frame> feed(byte[] b, int off, int len) {
        List<Frame> out = new ArrayList<>();
        feed(b, off, len, out::add);
        return out;
    }

    public List<Frame> feed(byte[] b) {
        return feed(b, 0, b.length);
    }

    public List<Frame> feed(ByteBuffer in) {
        List<Frame> out = new ArrayList<>();
        feed(in, out::add);
        return out;
    }

    /** Whether the decoder has failed; it then refuses all further input. */
    public boolean isFailed() {
        return failure != null;
    }

    /** Whether the decoder is between frames (no partial frame held). */
    public boolean isAtFrameBoundary() {
        return failure == null && state == State.FIRST;
    }

    /** Payload octets received so far for the frame in progress. */
    public int bufferedBytes() {
        return filled;
    }

    /** Capacity of the payload buffer: what the decoder actually holds in memory (for tests). */
    int bufferCapacity() {
        return payload.length;
    }

    private void first(byte b) {
        fin = (b & 0x80) != 0;
        rsv = (b >>> 4) & 0b111;
        int raw = b & 0x0F;
        if ((rsv & ~config.allowedRsv()) != 0) {
            throw WebSocketProtocolException.protocolError("RSV bits " + rsv + " set without an extension that defines them");
        }
        opcode = Opcode.of(raw).orElseThrow(
                () -> WebSocketProtocolException.protocolError("reserved opcode " + raw));
        if (opcode.isControl() && !fin) {
            throw WebSocketProtocolException.protocolError("fragmented control frame");
        }
        state = State.SECOND;
    }

    private void second(byte b) {
        masked = (b & 0x80) != 0;
        boolean mustBeMasked = config.receivingAs() == Role.SERVER;
        if (masked != mustBeMasked) {
            throw WebSocketProtocolException.protocolError(mustBeMasked
                    ? "unmasked frame from a client" : "masked frame from a server");
        }
        int len7 = b & 0x7F;
        if (opcode.isControl() && len7 > Frame.MAX_CONTROL_PAYLOAD) {
            throw WebSocketProtocolException.protocolError("control frame payload over 125 octets");
        }
        if (len7 <= 125) {
            length = len7;
            lengthKnown();
        } else {
            extLengthOctets = len7 == 126 ? 2 : 8;
            length = 0;
            headerOctetsRead = 0;
            state = State.EXT_LENGTH;
        }
    }

    private void extLength(byte b) {
        length = length << 8 | (b & 0xFF);
        if (++headerOctetsRead < extLengthOctets) {
            return;
        }
        if (extLengthOctets == 8 && length < 0) {
            throw WebSocketProtocolException.protocolError("64-bit length with the most significant bit set");
        }
        if (config.rejectNonMinimalLength()) {
            long minimum = extLengthOctets == 2 ? 126 : 0x10000;
            if (length < minimum) {
                throw WebSocketProtocolException.protocolError("length " + length + " not in its minimal encoding");
            }
        }
        lengthKnown();
    }

    private void lengthKnown() {
        if (length > config.maxFramePayload()) {
            throw WebSocketProtocolException.tooBig("frame payload " + length + " over limit " + config.maxFramePayload());
        }
        if (opcode.isData()) {
            if (opcode != Opcode.CONTINUATION) {
                messageSoFar = 0; // a new message starts; out-of-order starts are the assembler's to judge
            }
            if (messageSoFar + length > config.maxMessageSize()) {
                throw WebSocketProtocolException.tooBig("message over limit " + config.maxMessageSize());
            }
        }
        if (masked) {
            headerOctetsRead = 0;
            maskKey = 0;
            state = State.MASK_KEY;
        } else {
            startPayload();
        }
    }

    private void maskKey(byte b) {
        maskKey = maskKey << 8 | (b & 0xFF);
        if (++headerOctetsRead == 4) {
            startPayload();
        }
    }

    private void startPayload() {
        // no allocation yet: the first payload octets decide how much (see payload())
        filled = 0;
        payload = EMPTY;
        state = State.PAYLOAD;
    }

    private void payload(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), length - filled);
        ensureCapacity(filled + n);
        // copy, then unmask in place: the copy is an intrinsic that copes with the input's odd
        // offset (a 14-octet header); a fused copy+unmask reading misaligned longs from the input
        // measured slower (88 vs 107 ops/ms at 64 KiB)
        in.get(payload, filled, n);
        if (masked) {
            // the position keeps the key phase right across chops
            Masking.mask(payload, filled, n, maskKey, filled);
        }
        filled += n;
    }

    /**
     * Makes room for {@code needed} octets, all of which have arrived. The capacity never exceeds
     * the declared length (within the limit) nor the larger of twice what has arrived and
     * {@link #INITIAL_CHUNK}; once the whole payload is in, it is exactly the declared length.
     * A frame that arrives whole, or at least half of it at once, is allocated once and never
     * copied.
     */
    private void ensureCapacity(int needed) {
        if (needed <= payload.length) {
            return;
        }
        // room for as much again as has arrived: geometric growth, bounded by what the peer has
        // actually sent, never beyond the declared length (needed <= length, so this is >= needed)
        int grown = (int) Math.min(length, Math.max(2L * needed, INITIAL_CHUNK));
        payload = payload.length == 0 ? new byte[grown] : Arrays.copyOf(payload, grown);
    }

    private Frame complete() {
        // the buffer is exactly the payload (capacity is capped at the declared length); it was
        // filled here and is forgotten below, so the frame can own it without a copy
        byte[] data = payload.length == filled ? payload : Arrays.copyOf(payload, filled);
        Frame frame = Frame.owning(fin, rsv, opcode, masked, masked ? maskKey : 0, data);
        if (opcode.isData()) {
            messageSoFar = fin ? 0 : messageSoFar + length;
        }
        payload = EMPTY;
        filled = 0;
        state = State.FIRST;
        return frame;
    }
}
