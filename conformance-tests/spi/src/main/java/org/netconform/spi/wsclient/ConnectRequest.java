package org.netconform.spi.wsclient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to connect to and what to offer.
 *
 * @param uri          a {@code ws://} URI on loopback
 * @param subprotocols subprotocols to offer (only with capability {@code subprotocols}); empty: none
 * @param extensions   extension offers (only with capability {@code extensions}); empty: none
 * @param timeout      how long {@link WebSocketClientAdapter#connect} may block
 */
public record ConnectRequest(URI uri, List<String> subprotocols, List<String> extensions, Duration timeout) {
    public ConnectRequest {
        Objects.requireNonNull(uri, "uri");
        subprotocols = List.copyOf(subprotocols);
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(timeout, "timeout");
    }

    public static ConnectRequest to(URI uri, Duration timeout) {
        return new ConnectRequest(uri, List.of(), List.of(), timeout);
    }

    public ConnectRequest offering(List<String> subprotocols, List<String> extensions) {
        return new ConnectRequest(uri, subprotocols, extensions, timeout);
    }
}
