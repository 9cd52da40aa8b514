package org.netconform.reference.websocket;

import java.security.SecureRandom;

/**
 * Where a client's masking keys come from.
 *
 * <p>RFC 6455 §5.3 requires a fresh key per frame, drawn from a strong source of entropy, so that
 * an attacker-controlled page cannot predict the octets a proxy will see (§10.3). Tests inject a
 * fixed or counting source to make the wire output reproducible.
 */
@FunctionalInterface
public interface MaskKeySource {

    /** The next 32-bit masking key, first wire octet in the high byte. */
    int nextKey();

    /** Keys from a {@link SecureRandom}: the production choice. */
    static MaskKeySource secure() {
        SecureRandom random = new SecureRandom();
        return random::nextInt;
    }

    /** Always the same key: only for tests and reproducible examples. */
    static MaskKeySource fixed(int key) {
        return () -> key;
    }
}
