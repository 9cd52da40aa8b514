package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    @Test
    void namesAreCaseInsensitiveAndFieldsRepeat() {
        HttpHeaders h = HttpHeaders.of("Connection", "keep-alive", "connection", "Upgrade", "Host", "x");
        assertThat(h.all("CONNECTION")).containsExactly("keep-alive", "Upgrade");
        assertThat(h.first("host")).contains("x");
        assertThat(h.containsToken("Connection", "upgrade")).isTrue();
        assertThat(h.without("connection").contains("Connection")).isFalse();
    }

    @Test
    void elementsSplitOnCommasOutsideQuotes() {
        HttpHeaders h = HttpHeaders.of("X", "a, b;q=\"1,2\" ,, c", "x", "d");
        assertThat(h.elements("x")).containsExactly("a", "b;q=\"1,2\"", "c", "d");
    }

    @Test
    void tokenMustBeAWholeElement() {
        HttpHeaders h = HttpHeaders.of("Connection", "keep-alive, Upgraded");
        assertThat(h.containsToken("Connection", "Upgrade")).isFalse();
    }
}
