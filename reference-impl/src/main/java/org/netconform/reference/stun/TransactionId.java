package org.netconform.reference.stun;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transaction ID: 96 bits after the magic cookie (RFC 8489 §5), or 128 bits for a classic RFC 3489
 * message, whose ID includes the 32 bits where RFC 8489 has the cookie.
 */
public final class TransactionId {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] bytes;

    private TransactionId(byte[] bytes) {
        if (bytes.length != 12 && bytes.length != 16) {
            throw new IllegalArgumentException("a transaction ID has 12 octets (16 for RFC 3489): " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public static TransactionId of(byte[] bytes) {
        return new TransactionId(bytes);
    }

    /** A fresh 96-bit ID from a cryptographically strong generator (RFC 8489 §5). */
    public static TransactionId random() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return new TransactionId(b);
    }

    /** A fresh 128-bit classic ID whose first 32 bits are not the magic cookie. */
    public static TransactionId randomClassic() {
        byte[] b = new byte[16];
        do {
            RANDOM.nextBytes(b);
        } while (Bytes.u32(b, 0) == StunCodec.MAGIC_COOKIE);
        return new TransactionId(b);
    }

    /** True for a 128-bit RFC 3489 ID (the message has no magic cookie). */
    public boolean classic() {
        return bytes.length == 16;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
