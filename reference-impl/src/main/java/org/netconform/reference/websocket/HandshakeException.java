package org.netconform.reference.websocket;

/**
 * A client-side opening handshake failed (RFC 6455 §4.1: "the client MUST _Fail the WebSocket
 * Connection_"). The message says which check failed.
 */
public final class HandshakeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HandshakeException(String message) {
        super(message);
    }
}
