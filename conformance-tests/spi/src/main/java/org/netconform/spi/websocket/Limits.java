package org.netconform.spi.websocket;

/**
 * The receive limits the suite asks a codec to configure (RFC 6455 §10.4). A codec that declares
 * {@link WebSocketCodec#LIMITS} applies {@code maxFramePayload}; one that declares
 * {@link WebSocketCodec#MESSAGE_LIMIT} applies {@code maxMessageSize} to a reassembled message.
 * A codec without them keeps its own defaults and says which in {@link WebSocketCodec#describeLimits}.
 *
 * @param maxFramePayload largest frame payload accepted, in octets
 * @param maxMessageSize  largest message after reassembly, in octets
 */
public record Limits(int maxFramePayload, long maxMessageSize) {
    /** What the suite uses unless a test is about limits: 16 MiB frames and messages. */
    public static final Limits DEFAULT = new Limits(16 << 20, 16L << 20);

    public Limits {
        if (maxFramePayload < 0 || maxMessageSize < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }
}
