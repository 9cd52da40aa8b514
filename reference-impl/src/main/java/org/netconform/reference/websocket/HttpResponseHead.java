package org.netconform.reference.websocket;

import java.util.Objects;

/**
 * The status line and header fields of an HTTP/1.1 response (RFC 9112 §4).
 *
 * @param version e.g. {@code HTTP/1.1}
 * @param status  the 3-digit status code
 * @param reason  the reason phrase (may be empty)
 * @param headers the header fields
 */
public record HttpResponseHead(String version, int status, String reason, HttpHeaders headers) {
    public HttpResponseHead {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status is 3 digits: " + status);
        }
    }
}
