package org.netconform.reference.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The body of a close frame (RFC 6455 §5.5.1): nothing, or a 2-octet status code in network
 * byte order followed by an optional UTF-8 reason.
 *
 * <p>A control frame carries at most 125 octets (§5.5), so the reason is at most 123 octets of
 * UTF-8 (not 123 characters).
 *
 * @param code   the status code, or empty for a close frame without a body
 * @param reason the reason text; empty when there is no code
 */
public record ClosePayload(OptionalInt code, String reason) {

    /** Largest reason in octets: 125 minus the 2-octet code. */
    public static final int MAX_REASON_BYTES = Frame.MAX_CONTROL_PAYLOAD - 2;

    /** A close frame with an empty body. */
    public static final ClosePayload EMPTY = new ClosePayload(OptionalInt.empty(), "");

    public ClosePayload {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        if (code.isEmpty() && !reason.isEmpty()) {
            throw new IllegalArgumentException("a reason needs a status code (§5.5.1)");
        }
    }

    public static ClosePayload of(int code, String reason) {
        return new ClosePayload(OptionalInt.of(code), reason);
    }

    public static ClosePayload of(int code) {
        return of(code, "");
    }

    /**
     * The payload octets. Refuses what no conforming sender puts on the wire.
     *
     * @throws IllegalArgumentException for a code that may not be sent or a reason over 123 octets
     */
    public byte[] encode() {
        if (code.isEmpty()) {
            return new byte[0];
        }
        int c = code.getAsInt();
        if (!CloseCodes.isValidOnWire(c)) {
            throw new IllegalArgumentException("close code " + c + " may not be sent (§7.4)");
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("reason is " + text.length + " octets, max " + MAX_REASON_BYTES);
        }
        return ByteBuffer.allocate(2 + text.length).putShort((short) c).put(text).array();
    }

    /**
     * Parses and validates a received close payload.
     *
     * @throws WebSocketProtocolException 1002 for a 1-octet body, a body over 125 octets or a code
     *         that may not be sent; 1007 for a reason that is not valid UTF-8 (§5.5.1, §7.4, §8.1)
     */
    public static ClosePayload decode(byte[] payload) {
        if (payload.length == 0) {
            return EMPTY;
        }
        if (payload.length == 1) {
            throw WebSocketProtocolException.protocolError("close payload of 1 octet");
        }
        if (payload.length > Frame.MAX_CONTROL_PAYLOAD) {
            throw WebSocketProtocolException.protocolError("close payload over 125 octets");
        }
        int c = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.isValidOnWire(c)) {
            throw WebSocketProtocolException.protocolError("close code " + c + " may not be sent");
        }
        if (!Utf8Validator.isValid(payload, 2, payload.length - 2)) {
            throw WebSocketProtocolException.invalidPayload("close reason is not valid UTF-8");
        }
        return of(c, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }
}
