package org.netconform.spi.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A STUN message as a codec sees it: the 14-bit message type (method and class, RFC 8489 §5), the
 * transaction ID (12 octets; 16 for a classic RFC 3489 message, which has no magic cookie) and the
 * attributes in order, FINGERPRINT excluded (a codec adds and checks it).
 */
public record WireMessage(int type, byte[] transactionId, List<WireAttribute> attributes) {
    public WireMessage {
        transactionId = transactionId.clone();
        attributes = List.copyOf(attributes);
    }

    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireMessage m && m.type == type && Arrays.equals(m.transactionId, transactionId)
                && m.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + Arrays.hashCode(transactionId)) + attributes.hashCode();
    }

    @Override
    public String toString() {
        return String.format("type 0x%04X id %s %s", type, HexFormat.of().formatHex(transactionId), attributes);
    }
}
