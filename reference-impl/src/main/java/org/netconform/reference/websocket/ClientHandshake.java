package org.netconform.reference.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The client side of the opening handshake (RFC 6455 §4.1): builds the request and validates the
 * server's response.
 *
 * <p>Response checks (§4.1, "If the server's response does not conform ... the client MUST
 * _Fail the WebSocket Connection_"): status 101; Upgrade holding {@code websocket} and
 * Connection holding {@code Upgrade}, ASCII case-insensitive; Sec-WebSocket-Accept equal to the
 * value computed from our key; at most one subprotocol and only one we offered; only extensions
 * we offered.
 *
 * @param host         the Host header value (host and, when not the default, port)
 * @param target       the request target, e.g. {@code /chat}
 * @param key          the Sec-WebSocket-Key, see {@link Handshake#generateKey}
 * @param origin       the Origin to send, if any (browsers always send one; §4.1 item 8)
 * @param subprotocols subprotocols offered, most preferred first
 * @param extensions   extension offers, e.g. {@code permessage-deflate; client_max_window_bits}
 */
public record ClientHandshake(String host, String target, String key, Optional<String> origin,
                              List<String> subprotocols, List<String> extensions) {

    /** What the handshake negotiated. */
    public record Result(Optional<String> subprotocol, List<String> extensions) {
    }

    public ClientHandshake {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(origin, "origin");
        if (!Handshake.isValidKey(key)) {
            throw new IllegalArgumentException("key must be 16 octets of base64");
        }
        subprotocols = List.copyOf(subprotocols);
        extensions = List.copyOf(extensions);
    }

    /** A plain handshake: no origin, subprotocols or extensions. */
    public static ClientHandshake of(String host, String target, String key) {
        return new ClientHandshake(host, target, key, Optional.empty(), List.of(), List.of());
    }

    public HttpRequestHead request() {
        HttpHeaders h = HttpHeaders.of(
                "Host", host,
                "Upgrade", "websocket",
                "Connection", "Upgrade",
                Handshake.SEC_WEBSOCKET_KEY, key,
                Handshake.SEC_WEBSOCKET_VERSION, Handshake.VERSION);
        if (origin.isPresent()) {
            h = h.with("Origin", origin.get());
        }
        if (!subprotocols.isEmpty()) {
            h = h.with(Handshake.SEC_WEBSOCKET_PROTOCOL, String.join(", ", subprotocols));
        }
        if (!extensions.isEmpty()) {
            h = h.with(Handshake.SEC_WEBSOCKET_EXTENSIONS, String.join(", ", extensions));
        }
        return new HttpRequestHead("GET", target, "HTTP/1.1", h);
    }

    /**
     * @throws HandshakeException naming the first check the response failed
     */
    public Result validate(HttpResponseHead response) {
        HttpHeaders h = response.headers();
        if (response.status() != 101) {
            throw new HandshakeException("status " + response.status() + ", expected 101");
        }
        if (!h.containsToken("Upgrade", "websocket")) {
            throw new HandshakeException("Upgrade header lacks websocket");
        }
        if (!h.containsToken("Connection", "Upgrade")) {
            throw new HandshakeException("Connection header lacks Upgrade");
        }
        List<String> accept = h.all(Handshake.SEC_WEBSOCKET_ACCEPT);
        String expected = Handshake.computeAccept(key);
        if (accept.size() != 1 || !accept.get(0).trim().equals(expected)) {
            throw new HandshakeException("Sec-WebSocket-Accept " + accept + ", expected " + expected);
        }
        List<String> protocols = h.elements(Handshake.SEC_WEBSOCKET_PROTOCOL);
        if (protocols.size() > 1) {
            throw new HandshakeException("more than one subprotocol selected: " + protocols);
        }
        if (protocols.size() == 1 && !subprotocols.contains(protocols.get(0))) {
            throw new HandshakeException("subprotocol " + protocols.get(0) + " was not offered");
        }
        Set<String> offered = extensions.stream().map(ServerHandshake::extensionName).collect(Collectors.toSet());
        List<String> accepted = new ArrayList<>();
        for (String e : h.elements(Handshake.SEC_WEBSOCKET_EXTENSIONS)) {
            if (!offered.contains(ServerHandshake.extensionName(e))) {
                throw new HandshakeException("extension " + e + " was not offered");
            }
            accepted.add(e);
        }
        return new Result(protocols.stream().findFirst(), accepted);
    }
}
