package org.netconform.reference.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;

/**
 * Opening-handshake primitives shared by client and server (RFC 6455 §1.3, §4, §11.3).
 */
public final class Handshake {

    /** The GUID appended to the key before hashing (§1.3, §4.2.2 step 5.4). */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** The only protocol version RFC 6455 defines (§4.1, §4.4, §11.3.5). */
    public static final String VERSION = "13";

    public static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    public static final String SEC_WEBSOCKET_ACCEPT = "Sec-WebSocket-Accept";
    public static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";
    public static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    public static final String SEC_WEBSOCKET_EXTENSIONS = "Sec-WebSocket-Extensions";

    private Handshake() {
    }

    /**
     * A fresh Sec-WebSocket-Key: 16 random octets, base64 (§4.1 step 7: "randomly selected").
     * Pass a {@code SecureRandom} in production; the key guards against caches and confused
     * proxies replaying responses, so it must not be predictable.
     */
    public static String generateKey(Random random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * The Sec-WebSocket-Accept value for a key: base64(SHA-1(key + GUID)) (§4.2.2 step 5.4).
     * The key is used as sent (its base64 text, not the decoded octets).
     */
    public static String computeAccept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-1 (MessageDigest javadoc)
            throw new IllegalStateException(e);
        }
    }

    /** Whether a Sec-WebSocket-Key is base64 that decodes to exactly 16 octets (§4.2.1 item 5). */
    public static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
