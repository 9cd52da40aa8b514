package org.netconform.suites.wsserver;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.netconform.reference.websocket.ClientHandshake;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.HttpRequestHead;
import org.netconform.reference.websocket.HttpResponseHead;

/** The client's side of the opening handshake for a URI: the request a conforming client sends, and its check. */
final class OpeningHandshake {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpeningHandshake() {
    }

    /** The Host header for the URI: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        return port < 0 || port == (WireConnection.isTls(uri) ? 443 : 80) ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** The request target: path (or "/") and query. */
    static String resource(URI uri) {
        String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
    }

    static String newKey() {
        return Handshake.generateKey(RANDOM);
    }

    /** A valid request head with this key, to be varied by handshake cases. */
    static HttpRequestHead request(URI uri, String key, Optional<String> origin) {
        return new ClientHandshake(hostHeader(uri), resource(uri), key, origin, List.of(), List.of()).request();
    }

    /**
     * Why a client would refuse this response to a request with {@code key}, or empty when it upgrades. A
     * malformed key (sent on purpose by a handshake case) is checked as if a valid one had been sent.
     */
    static Optional<String> refusal(URI uri, String key, HttpResponseHead response) {
        try {
            new ClientHandshake(hostHeader(uri), resource(uri), Handshake.isValidKey(key) ? key : newKey(),
                    Optional.empty(), List.of(), List.of()).validate(response);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }
}
