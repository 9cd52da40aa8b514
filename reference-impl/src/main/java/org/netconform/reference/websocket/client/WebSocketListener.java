package org.netconform.reference.websocket.client;

import org.netconform.reference.websocket.Message;

/**
 * What a {@link WebSocketSession} reports, on its reader thread, in wire order. Every method has an
 * empty default.
 */
public interface WebSocketListener {
    default void onMessage(WebSocketSession session, Message message) {
    }

    /** A Ping arrived; the session has already queued the Pong. */
    default void onPing(WebSocketSession session, byte[] payload) {
    }

    default void onPong(WebSocketSession session, byte[] payload) {
    }

    /** The peer's Close frame arrived (code 1005 when it had none). */
    default void onCloseFrame(WebSocketSession session, int code, String reason) {
    }

    /**
     * The connection is closed. {@code code} and {@code reason} are those of the first Close
     * received, 1005 when it had no code, 1006 when none was received (§7.1.5, §7.1.6).
     *
     * @param failure why this client failed the connection, or null
     */
    default void onClosed(WebSocketSession session, int code, String reason, Throwable failure) {
    }
}
