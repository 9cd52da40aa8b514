package org.netconform.reference.websocket;

/**
 * An HTTP head that cannot be parsed or is too large. {@link #status()} is the response a server
 * should send (400 for malformed, 431 for too large, RFC 6585 §5).
 */
public final class HttpHeadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpHeadException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
