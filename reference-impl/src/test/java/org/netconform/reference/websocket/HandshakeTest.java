package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    @Test
    void acceptValueFromTheRfc() {
        // RFC 6455 §1.3
        assertThat(Handshake.computeAccept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void generatedKeysAre16RandomOctets() {
        SecureRandom random = new SecureRandom();
        String a = Handshake.generateKey(random);
        String b = Handshake.generateKey(random);
        assertThat(Base64.getDecoder().decode(a)).hasSize(16);
        assertThat(Handshake.isValidKey(a)).isTrue();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void keyValidation() {
        assertThat(Handshake.isValidKey("dGhlIHNhbXBsZSBub25jZQ==")).isTrue();
        assertThat(Handshake.isValidKey("dGhlIHNhbXBsZSBub25jZQ")).isFalse();         // unpadded
        assertThat(Handshake.isValidKey("dGhlIHNhbXBsZSBub25jZWU=")).isFalse();       // 17 octets
        assertThat(Handshake.isValidKey("AAAAAAAAAAAAAAAAAAAAAA==")).isTrue();
        assertThat(Handshake.isValidKey("!!!!!!!!!!!!!!!!!!!!!!==")).isFalse();
        assertThat(Handshake.isValidKey("")).isFalse();
        assertThat(Handshake.isValidKey(null)).isFalse();
    }
}
