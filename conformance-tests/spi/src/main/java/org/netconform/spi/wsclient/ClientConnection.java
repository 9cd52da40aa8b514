package org.netconform.spi.wsclient;

/**
 * An open connection of the client under test: the actions the suite asks of the library's API.
 * Each send returns once the library has accepted the message (for an asynchronous API: once the
 * send completed, or failed with the exception thrown here). An API that refuses an argument throws.
 */
public interface ClientConnection {
    void sendText(String text) throws Exception;

    void sendBinary(byte[] data) throws Exception;

    /** Sends a Ping (capability {@code send-ping}). */
    default void sendPing(byte[] payload) throws Exception {
        throw new UnsupportedOperationException("the API sends no Ping");
    }

    /** Starts the closing handshake with this code and reason, as the application would. */
    void close(int code, String reason) throws Exception;

    /** Releases the connection without ceremony (drops TCP if still open); called after every case. */
    void abort();
}
