package org.netconform.reference.websocket;

/**
 * The peer broke RFC 6455 and the connection must be failed (§7.1.7) with {@link #closeCode()}.
 *
 * <p>Unchecked so that codecs can be driven from lambdas and streams; every codec method that
 * throws it says so. The close code is always one that may be sent on the wire (1002, 1007,
 * 1009, ...), so an endpoint can put it straight into its close frame.
 */
public final class WebSocketProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int closeCode;
    private final String reason;

    public WebSocketProtocolException(int closeCode, String reason) {
        super(closeCode + " " + reason);
        if (!CloseCodes.isValidOnWire(closeCode)) {
            // a failure reported with a code that can't be sent would be a bug of ours
            throw new IllegalArgumentException("close code " + closeCode + " may not be sent");
        }
        this.closeCode = closeCode;
        this.reason = reason;
    }

    /** The close code to fail the connection with (RFC 6455 §7.4.1). */
    public int closeCode() {
        return closeCode;
    }

    /** Human-readable reason, meant for logs and the close frame's reason text. */
    public String reason() {
        return reason;
    }

    static WebSocketProtocolException protocolError(String reason) {
        return new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, reason);
    }

    static WebSocketProtocolException invalidPayload(String reason) {
        return new WebSocketProtocolException(CloseCodes.INVALID_FRAME_PAYLOAD_DATA, reason);
    }

    static WebSocketProtocolException tooBig(String reason) {
        return new WebSocketProtocolException(CloseCodes.MESSAGE_TOO_BIG, reason);
    }
}
