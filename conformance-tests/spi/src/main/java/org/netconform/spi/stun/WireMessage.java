package org.netconform.spi.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A STUN message as a codec sees it: the 12-bit method and the 2-bit class (RFC 8489 §5: {@link #REQUEST},
 * {@link #INDICATION}, {@link #SUCCESS}, {@link #ERROR}), which the codec packs into the message type;
 * the transaction ID (12 octets; 16 for a classic RFC 3489 message, which has no magic cookie); and the
 * attributes in order, FINGERPRINT excluded (a codec adds and checks it).
 */
public record WireMessage(int method, int cls, byte[] transactionId, List<WireAttribute> attributes) {
    public static final int REQUEST = 0b00;
    public static final int INDICATION = 0b01;
    public static final int SUCCESS = 0b10;
    public static final int ERROR = 0b11;

    public WireMessage {
        if ((method & ~0xFFF) != 0 || (cls & ~0b11) != 0) {
            throw new IllegalArgumentException("a 12-bit method and a 2-bit class: " + method + ", " + cls);
        }
        transactionId = transactionId.clone();
        attributes = List.copyOf(attributes);
    }

    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireMessage m && m.method == method && m.cls == cls && Arrays.equals(m.transactionId, transactionId)
                && m.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * method + cls) + Arrays.hashCode(transactionId)) + attributes.hashCode();
    }

    @Override
    public String toString() {
        return String.format("method 0x%03X class %d id %s %s", method, cls, HexFormat.of().formatHex(transactionId), attributes);
    }
}
