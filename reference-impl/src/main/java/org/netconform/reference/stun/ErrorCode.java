package org.netconform.reference.stun;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** ERROR-CODE (RFC 8489 §14.8): class 3..6 and number 0..99, then a UTF-8 reason phrase. */
public record ErrorCode(int code, String reason) {
    public static final int BAD_REQUEST = 400;
    public static final int UNKNOWN_ATTRIBUTE = 420;

    public ErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("an error code is 300..699: " + code);
        }
    }

    public StunAttribute attribute() {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[4 + text.length];
        v[2] = (byte) (code / 100);
        v[3] = (byte) (code % 100);
        System.arraycopy(text, 0, v, 4, text.length);
        return new StunAttribute(AttributeType.ERROR_CODE, v);
    }

    /** Reads ERROR-CODE; the reserved bits are ignored, class and number must be in range. */
    public static ErrorCode read(StunAttribute a) {
        byte[] v = a.value();
        if (v.length < 4) {
            throw new StunFormatException("ERROR-CODE has at least 4 octets, not " + v.length);
        }
        int cls = v[2] & 0x07;
        int number = v[3] & 0xFF;
        if (cls < 3 || cls > 6 || number > 99) {
            throw new StunFormatException("ERROR-CODE class " + cls + " number " + number + " (class 3..6, number 0..99)");
        }
        try {
            String reason = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v, 4, v.length - 4)).toString();
            return new ErrorCode(cls * 100 + number, reason);
        } catch (CharacterCodingException e) {
            throw new StunFormatException("ERROR-CODE reason phrase is not UTF-8");
        }
    }

    @Override
    public String toString() {
        return code + " " + reason;
    }
}
