package org.netconform.spi.websocket;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * The WebSocket adapter at the codec layer: a library's frame decoder and encoder, in process.
 *
 * <p>Receiving: {@link #receiver(Role, Limits)} makes a fresh decoder for the endpoint of that role
 * (a {@link Role#SERVER} decoder receives client frames, a {@link Role#CLIENT} decoder server
 * frames); the suite feeds it octets in chops of its choosing and reads back what the library
 * delivered as {@link CodecEvent}s. Sending: {@link #encoder(Role)} makes the library's encoder for
 * an endpoint of that role.
 *
 * <p>Implement each method with the library's own calls and fix nothing up: a check the library
 * does not make must reach the suite as an accepted frame. Where a library makes a check one layer
 * up (in its session, not its codec), leave the capability out and say so in
 * {@link #notOwned()}: the requirement is then UNSUPPORTED at the codec layer with that reason,
 * never FAIL and never PASS, and the endpoint suite judges the whole stack.
 */
public interface WebSocketCodec extends AreaAdapter {

    /** The codec validates text messages (and Close reasons) as UTF-8 (§8.1). */
    String UTF8_VALIDATION = "utf8-validation";
    /** The codec enforces the fragmentation order: no stray continuation, no interleaved data frame (§5.4). */
    String FRAGMENT_ASSEMBLY = "fragment-assembly";
    /** The codec validates a Close frame's body: length, status code (§5.5.1, §7.4). */
    String CLOSE_PAYLOAD_VALIDATION = "close-payload-validation";
    /** The codec rejects a frame masked the wrong way for the role (§5.1). */
    String MASK_POLICY = "mask-policy";
    /** The codec rejects RSV bits that no extension defines (§5.2). */
    String RSV_VALIDATION = "rsv-validation";
    /**
     * The client encoder chooses its masking keys itself. Without it the adapter sets a key the way the
     * library's connection does, and key quality (WS-MASK-1, -7, -8) is not the codec's to judge.
     */
    String MASK_KEYS = "mask-keys";
    /**
     * The encoder refuses what a sender must not send: oversized or fragmented control frames, Close
     * codes and reasons that may not be sent (RFC 6455 §5.5, §7.4).
     */
    String SEND_VALIDATION = "send-validation";
    /** The codec applies {@link Limits#maxFramePayload()}. */
    String LIMITS = "limits";
    /** The codec applies {@link Limits#maxMessageSize()} to a reassembled message. */
    String MESSAGE_LIMIT = "message-limit";
    /** The adapter computes the server's Sec-WebSocket-Accept with the library ({@link #computeAccept}). */
    String HANDSHAKE_ACCEPT = "handshake-accept";

    @Override
    default Layer layer() {
        return Layer.CODEC;
    }

    /**
     * Why each capability this codec lacks is missing, e.g. {@code "utf8-validation" -> "checked at
     * session level (...), not by the codec"}. Shown as the UNSUPPORTED reason.
     */
    default Map<String, String> notOwned() {
        return Map.of();
    }

    /** A new decoder for an endpoint of role {@code receivingAs}, configured with {@code limits}. */
    Receiver receiver(Role receivingAs, Limits limits);

    /** A new encoder for an endpoint of role {@code sendingAs}; a client encoder masks (§5.3). */
    Encoder encoder(Role sendingAs);

    /** The limits the library applies when asked for {@code asked}, for the report (WS-LIMIT-6). */
    default String describeLimits(Limits asked) {
        return "frame " + asked.maxFramePayload() + ", message " + asked.maxMessageSize();
    }

    /** The Sec-WebSocket-Accept value the library's server computes for a key; see {@link #HANDSHAKE_ACCEPT}. */
    default Optional<String> computeAccept(String secWebSocketKey) {
        return Optional.empty();
    }

    /** A library decoder, fed in chops. Not thread-safe; one per test input. */
    interface Receiver {
        /**
         * Feeds the next chop and returns what the library delivered because of it, in order. A
         * failure is reported as a final {@link CodecEvent.Failure}; after it the receiver ignores
         * all further input (returns an empty list). Protocol errors are never thrown; anything
         * thrown is a crash of the library or the adapter.
         */
        List<CodecEvent> feed(byte[] chop);
    }

    /** A library encoder; keeps its state (e.g. masking keys) across frames. */
    interface Encoder {
        /**
         * The octets the library writes for this frame.
         *
         * @throws RuntimeException when the library refuses to write it (any exception is a refusal)
         */
        byte[] encode(Outgoing frame);
    }
}
