package org.netconform.reference.websocket;

import java.util.Objects;

/**
 * The request line and header fields of an HTTP/1.1 request (RFC 9112 §3): all the WebSocket
 * opening handshake looks at (RFC 6455 §4.1, §4.2.1).
 *
 * @param method  e.g. {@code GET}; case-sensitive (RFC 9110 §9.1)
 * @param target  the request target, e.g. {@code /chat}
 * @param version e.g. {@code HTTP/1.1}
 * @param headers the header fields
 */
public record HttpRequestHead(String method, String target, String version, HttpHeaders headers) {
    public HttpRequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
    }
}
