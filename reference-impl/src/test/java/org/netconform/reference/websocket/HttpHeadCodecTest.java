package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpHeadCodecTest {

    private static final String REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: chat, superchat\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parsesTheRfcRequestAndSerializesItBack() {
        byte[] raw = ascii(REQUEST);
        assertThat(HttpHeadCodec.headLength(raw, 0, raw.length, HttpHeadCodec.DEFAULT_MAX_HEAD)).isEqualTo(raw.length);
        HttpRequestHead r = HttpHeadCodec.parseRequest(raw);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.target()).isEqualTo("/chat");
        assertThat(r.version()).isEqualTo("HTTP/1.1");
        assertThat(r.headers().elements("sec-websocket-protocol")).containsExactly("chat", "superchat");
        assertThat(HttpHeadCodec.serialize(r)).isEqualTo(raw);
    }

    @Test
    void parsesAResponse() {
        byte[] raw = ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        HttpResponseHead r = HttpHeadCodec.parseResponse(raw);
        assertThat(r.status()).isEqualTo(101);
        assertThat(r.reason()).isEqualTo("Switching Protocols");
        assertThat(HttpHeadCodec.serialize(r)).isEqualTo(raw);
        assertThat(HttpHeadCodec.parseResponse(ascii("HTTP/1.1 426\r\n\r\n")).reason()).isEmpty();
    }

    @Test
    void incompleteHeadHasNoLengthYet() {
        byte[] raw = ascii(REQUEST);
        assertThat(HttpHeadCodec.headLength(raw, 0, raw.length - 1, 8192)).isEqualTo(-1);
        // bytes after the head (e.g. the first frame) are not part of it
        byte[] more = ascii(REQUEST + "\u0081\u0000");
        assertThat(HttpHeadCodec.headLength(more, 0, more.length, 8192)).isEqualTo(raw.length);
    }

    @Test
    void oversizedHeadIsRefusedBeforeItEnds() {
        byte[] big = ascii("GET / HTTP/1.1\r\nX: " + "a".repeat(9000));
        assertThatThrownBy(() -> HttpHeadCodec.headLength(big, 0, big.length, HttpHeadCodec.DEFAULT_MAX_HEAD))
                .isInstanceOfSatisfying(HttpHeadException.class, e -> assertThat(e.status()).isEqualTo(431));
        byte[] complete = ascii("GET / HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n");
        assertThatThrownBy(() -> HttpHeadCodec.headLength(complete, 0, complete.length, 8192))
                .isInstanceOf(HttpHeadException.class);
    }

    @Test
    void malformedHeadsAre400() {
        for (String bad : new String[] {
                "GET /\r\n\r\n",
                "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
                "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
                "GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n",
                "\r\n"}) {
            assertThatThrownBy(() -> HttpHeadCodec.parseRequest(ascii(bad)))
                    .as(bad).isInstanceOfSatisfying(HttpHeadException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void serializerRefusesHeaderInjection() {
        HttpResponseHead r = new HttpResponseHead("HTTP/1.1", 200, "OK", HttpHeaders.of("X", "a\r\nSet-Cookie: x"));
        assertThatThrownBy(() -> HttpHeadCodec.serialize(r)).isInstanceOf(IllegalArgumentException.class);
    }
}
