package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerHandshakeTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static HttpHeaders valid() {
        return HttpHeaders.of(
                "Host", "server.example.com",
                "Upgrade", "websocket",
                "Connection", "Upgrade",
                "Sec-WebSocket-Key", KEY,
                "Origin", "http://example.com",
                "Sec-WebSocket-Protocol", "chat, superchat",
                "Sec-WebSocket-Version", "13");
    }

    private static HttpRequestHead get(HttpHeaders h) {
        return new HttpRequestHead("GET", "/chat", "HTTP/1.1", h);
    }

    private final ServerHandshake server = new ServerHandshake(
            OriginPolicy.allowList(Set.of("http://example.com")), List.of("superchat", "chat"), Set.of());

    @Test
    void rfcExampleIsAccepted() {
        ServerHandshake.Outcome o = server.accept(get(valid()));
        assertThat(o.upgraded()).isTrue();
        HttpResponseHead r = o.response();
        assertThat(r.status()).isEqualTo(101);
        assertThat(r.headers().first("Sec-WebSocket-Accept")).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(r.headers().containsToken("Upgrade", "websocket")).isTrue();
        assertThat(r.headers().containsToken("Connection", "upgrade")).isTrue();
        // server preference order among what the client offered
        assertThat(o.subprotocol()).contains("superchat");
        assertThat(r.headers().all("Sec-WebSocket-Protocol")).containsExactly("superchat");
        assertThat(r.headers().contains("Sec-WebSocket-Extensions")).isFalse();
    }

    @Test
    void tokensAreCaseInsensitiveAndMayBeInAList() {
        HttpHeaders h = valid().without("Upgrade").without("Connection")
                .with("Upgrade", "WebSocket").with("Connection", "keep-alive, UPGRADE");
        assertThat(server.accept(get(h)).upgraded()).isTrue();
    }

    @Test
    void badRequestsAre400() {
        assertThat(server.accept(new HttpRequestHead("POST", "/", "HTTP/1.1", valid())).response().status()).isEqualTo(400);
        assertThat(server.accept(new HttpRequestHead("GET", "/", "HTTP/1.0", valid())).response().status()).isEqualTo(400);
        assertThat(server.accept(new HttpRequestHead("GET", "/", "HTTP/2.0", valid())).upgraded()).isTrue();
        assertThat(server.accept(get(valid().without("Host"))).response().status()).isEqualTo(400);
        assertThat(server.accept(get(valid().without("Upgrade"))).response().status()).isEqualTo(400);
        assertThat(server.accept(get(valid().without("Upgrade").with("Upgrade", "h2c"))).response().status()).isEqualTo(400);
        assertThat(server.accept(get(valid().without("Connection").with("Connection", "keep-alive"))).response().status()).isEqualTo(400);
        assertThat(server.accept(get(valid().without("Sec-WebSocket-Key"))).response().status()).isEqualTo(400);
        assertThat(server.accept(get(valid().without("Sec-WebSocket-Key").with("Sec-WebSocket-Key", "c2hvcnQ="))).response().status()).isEqualTo(400);
        assertThat(server.accept(get(valid().with("Sec-WebSocket-Key", KEY))).response().status()).isEqualTo(400);
    }

    @Test
    void otherVersionsGet426WithTheSupportedVersion() {
        for (HttpHeaders h : List.of(valid().without("Sec-WebSocket-Version").with("Sec-WebSocket-Version", "8"),
                valid().without("Sec-WebSocket-Version"))) {
            HttpResponseHead r = server.accept(get(h)).response();
            assertThat(r.status()).isEqualTo(426);
            assertThat(r.headers().first("Sec-WebSocket-Version")).contains("13");
        }
    }

    @Test
    void originPolicy() {
        HttpHeaders evil = valid().without("Origin").with("Origin", "http://evil.example");
        assertThat(server.accept(get(evil)).response().status()).isEqualTo(403);
        assertThat(server.accept(get(valid().without("Origin"))).upgraded()).isTrue();
        assertThat(new ServerHandshake(OriginPolicy.allowAll()).accept(get(evil)).upgraded()).isTrue();
    }

    @Test
    void noSubprotocolWhenNoneInCommon() {
        HttpHeaders h = valid().without("Sec-WebSocket-Protocol").with("Sec-WebSocket-Protocol", "mqtt");
        ServerHandshake.Outcome o = server.accept(get(h));
        assertThat(o.upgraded()).isTrue();
        assertThat(o.subprotocol()).isEmpty();
        assertThat(o.response().headers().contains("Sec-WebSocket-Protocol")).isFalse();
    }

    @Test
    void extensionsOnlyWhenConfigured() {
        HttpHeaders h = valid().with("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits, x-foo");
        assertThat(server.accept(get(h)).extensions()).isEmpty();
        ServerHandshake withFoo = new ServerHandshake(OriginPolicy.allowAll(), List.of(), Set.of("x-foo"));
        ServerHandshake.Outcome o = withFoo.accept(get(h));
        assertThat(o.extensions()).containsExactly("x-foo");
        assertThat(o.response().headers().first("Sec-WebSocket-Extensions")).contains("x-foo");
    }
}
