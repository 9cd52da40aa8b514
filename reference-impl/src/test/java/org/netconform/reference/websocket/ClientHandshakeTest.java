package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientHandshakeTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final ClientHandshake client = new ClientHandshake("server.example.com", "/chat", KEY,
            Optional.of("http://example.com"), List.of("chat", "superchat"), List.of("x-foo"));

    private static HttpResponseHead ok(HttpHeaders extra) {
        HttpHeaders h = HttpHeaders.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        for (HttpHeaders.Field f : extra.fields()) {
            h = h.without(f.name());
        }
        for (HttpHeaders.Field f : extra.fields()) {
            h = h.with(f.name(), f.value());
        }
        return new HttpResponseHead("HTTP/1.1", 101, "Switching Protocols", h);
    }

    @Test
    void requestCarriesEverythingTheServerChecks() {
        HttpRequestHead r = client.request();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.headers().first("Sec-WebSocket-Version")).contains("13");
        assertThat(r.headers().elements("Sec-WebSocket-Protocol")).containsExactly("chat", "superchat");
        // and a reference server accepts it, and the client accepts the reference server's answer
        ServerHandshake server = new ServerHandshake(OriginPolicy.allowList(Set.of("http://example.com")),
                List.of("superchat"), Set.of("x-foo"));
        ServerHandshake.Outcome o = server.accept(r);
        assertThat(o.upgraded()).isTrue();
        ClientHandshake.Result result = client.validate(o.response());
        assertThat(result.subprotocol()).contains("superchat");
        assertThat(result.extensions()).containsExactly("x-foo");
    }

    @Test
    void acceptsAPlainValidResponse() {
        assertThat(client.validate(ok(HttpHeaders.EMPTY)).subprotocol()).isEmpty();
        assertThat(client.validate(ok(HttpHeaders.of("Upgrade", "WEBSOCKET", "Connection", "upgrade"))).extensions()).isEmpty();
    }

    @Test
    void refusesBadResponses() {
        assertThatThrownBy(() -> client.validate(new HttpResponseHead("HTTP/1.1", 200, "OK", ok(HttpHeaders.EMPTY).headers())))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("101");
        assertThatThrownBy(() -> client.validate(ok(HttpHeaders.of("Upgrade", "h2c")))).isInstanceOf(HandshakeException.class);
        assertThatThrownBy(() -> client.validate(ok(HttpHeaders.of("Connection", "close")))).isInstanceOf(HandshakeException.class);
        assertThatThrownBy(() -> client.validate(ok(HttpHeaders.of("Sec-WebSocket-Accept", "AAAA"))))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("Accept");
        assertThatThrownBy(() -> client.validate(ok(HttpHeaders.of("Sec-WebSocket-Protocol", "mqtt"))))
                .isInstanceOf(HandshakeException.class);
        assertThatThrownBy(() -> client.validate(ok(HttpHeaders.of("Sec-WebSocket-Protocol", "chat, superchat"))))
                .isInstanceOf(HandshakeException.class);
        assertThatThrownBy(() -> client.validate(ok(HttpHeaders.of("Sec-WebSocket-Extensions", "permessage-deflate"))))
                .isInstanceOf(HandshakeException.class);
        ClientHandshake plain = ClientHandshake.of("h", "/", KEY);
        assertThatThrownBy(() -> plain.validate(ok(HttpHeaders.of("Sec-WebSocket-Protocol", "chat"))))
                .isInstanceOf(HandshakeException.class);
    }
}
