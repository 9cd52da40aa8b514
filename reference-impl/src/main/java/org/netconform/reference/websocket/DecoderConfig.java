package org.netconform.reference.websocket;

import org.netconform.spi.websocket.Role;

import java.util.Objects;

/**
 * What a {@link FrameDecoder} accepts.
 *
 * @param receivingAs              the role of the endpoint that receives; a server requires
 *                                 masked frames, a client requires unmasked ones (§5.1)
 * @param maxFramePayload          largest frame payload accepted; more fails with 1009
 * @param maxMessageSize           largest sum of data frame payloads in one message; more fails
 *                                 with 1009 (§10.4 lets an endpoint limit frame and message size)
 * @param rejectNonMinimalLength   whether a length not in its minimal form fails with 1002;
 *                                 §5.2 makes minimal encoding a sender MUST and says nothing about
 *                                 receivers, so this is a choice; the reference is strict
 * @param allowedRsv               RSV bits defined by negotiated extensions (§5.8), 3-bit mask;
 *                                 any other set bit fails with 1002 (§5.2)
 */
public record DecoderConfig(Role receivingAs, int maxFramePayload, long maxMessageSize,
                            boolean rejectNonMinimalLength, int allowedRsv) {

    /** Payloads live in one array, so a frame cannot be larger than the largest array. */
    public static final int MAX_ARRAY_PAYLOAD = Integer.MAX_VALUE - 8;

    public static final int DEFAULT_MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 64L * 1024 * 1024;

    public DecoderConfig {
        Objects.requireNonNull(receivingAs, "receivingAs");
        if (maxFramePayload < 0 || maxFramePayload > MAX_ARRAY_PAYLOAD) {
            throw new IllegalArgumentException("maxFramePayload out of range: " + maxFramePayload);
        }
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("negative maxMessageSize");
        }
        if ((allowedRsv & ~0b111) != 0) {
            throw new IllegalArgumentException("rsv is a 3-bit mask");
        }
    }

    /** Strict defaults: 16 MiB frames, 64 MiB messages, minimal lengths, no RSV bits. */
    public static DecoderConfig receivingAs(Role role) {
        return new DecoderConfig(role, DEFAULT_MAX_FRAME_PAYLOAD, DEFAULT_MAX_MESSAGE_SIZE, true, 0);
    }

    public DecoderConfig withMaxFramePayload(int max) {
        return new DecoderConfig(receivingAs, max, maxMessageSize, rejectNonMinimalLength, allowedRsv);
    }

    public DecoderConfig withMaxMessageSize(long max) {
        return new DecoderConfig(receivingAs, maxFramePayload, max, rejectNonMinimalLength, allowedRsv);
    }

    public DecoderConfig withRejectNonMinimalLength(boolean reject) {
        return new DecoderConfig(receivingAs, maxFramePayload, maxMessageSize, reject, allowedRsv);
    }

    public DecoderConfig withAllowedRsv(int rsv) {
        return new DecoderConfig(receivingAs, maxFramePayload, maxMessageSize, rejectNonMinimalLength, rsv);
    }
}
