package org.netconform.targets.wsurl;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.TargetFactory;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/**
 * Turns a {@code ws://} or {@code wss://} URL into a live-server target, so that
 * {@code mvn verify -Dnetconform.target=ws://127.0.0.1:7777/ws} needs no Java code. The server must echo.
 * The target's ID is the URL with every character other than letters, digits, '.' and '-' replaced by '-'
 * (e.g. {@code ws-127.0.0.1-7777-ws}), which also names its baseline file. Optional properties:
 * {@code netconform.ws.capabilities} (comma-separated, see {@link WebSocketServerAdapter}),
 * {@code netconform.ws.allowedOrigin} (declares the capability origin-policy too), {@code netconform.ws.maxMessageSize}
 * and {@code netconform.ws.maxFramePayload} (either declares the capability limits), {@code netconform.ws.heartbeatMs};
 * {@code netconform.ws.trustAll=true} accepts any certificate on wss. What the server sends on its own is learned
 * before the cases, or declared with {@code netconform.ws.unsolicited} (see the endpoint suite's UnsolicitedMessages).
 * Before its first case, one valid opening handshake checks that the server answers at all.
 * Its baseline is the file {@code -Dnetconform.baseline=FILE} (the runner's {@code --baseline}) names.
 */
public final class WsUrlTargetFactory implements TargetFactory {

    @Override
    public Optional<Target> forSelector(String selector) {
        if (!selector.startsWith("ws://") && !selector.startsWith("wss://")) {
            return Optional.empty();
        }
        URI uri = URI.create(selector);
        if (uri.getHost() == null || uri.getFragment() != null) {
            throw new IllegalArgumentException("not a WebSocket URI (RFC 6455 §3): " + selector);
        }
        return Optional.of(new UrlTarget(uri));
    }

    static String idFor(URI uri) {
        return uri.toString().replaceAll("[^A-Za-z0-9.\\-]+", "-").replaceAll("-+$", "");
    }

    private record UrlTarget(URI uri) implements Target {
        @Override
        public String id() {
            return idFor(uri);
        }

        @Override
        public String description() {
            return "live WebSocket server at " + uri;
        }

        @Override
        public List<AreaAdapter> adapters() {
            return List.of(new UrlAdapter(uri));
        }
    }

    private record UrlAdapter(URI uri) implements WebSocketServerAdapter {
        @Override
        public String description() {
            return "live WebSocket server at " + uri;
        }

        @Override
        public Set<String> capabilities() {
            String caps = System.getProperty("netconform.ws.capabilities", "");
            java.util.Set<String> declared = Arrays.stream(caps.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(java.util.HashSet::new));
            // declaring the allowed origins or a limit is declaring the capability
            if (System.getProperty("netconform.ws.allowedOrigin") != null) {
                declared.add(ORIGIN_POLICY);
            }
            if (maxMessageSize().isPresent() || maxFramePayload().isPresent()) {
                declared.add(LIMITS);
            }
            return java.util.Set.copyOf(declared);
        }

        @Override
        public Optional<String> allowedOrigin() {
            return Optional.ofNullable(System.getProperty("netconform.ws.allowedOrigin"));
        }

        @Override
        public OptionalLong maxMessageSize() {
            Long v = Long.getLong("netconform.ws.maxMessageSize");
            return v == null ? OptionalLong.empty() : OptionalLong.of(v);
        }

        @Override
        public OptionalLong maxFramePayload() {
            Long v = Long.getLong("netconform.ws.maxFramePayload");
            return v == null ? OptionalLong.empty() : OptionalLong.of(v);
        }

        @Override
        public OptionalLong heartbeatIntervalMs() {
            Long v = Long.getLong("netconform.ws.heartbeatMs");
            return v == null ? OptionalLong.empty() : OptionalLong.of(v);
        }

        @Override
        public boolean trustAll() {
            return Boolean.getBoolean("netconform.ws.trustAll") || Boolean.getBoolean("netconform.trustAll");
        }

        @Override
        public Optional<String> preflight() {
            long timeout = Long.getLong("netconform.ws.timeoutMs", 2000);
            return HandshakeProbe.check(uri, (int) Math.min(Integer.MAX_VALUE, Math.max(timeout, 3000)), trustAll());
        }
    }
}
