package org.netconform.spi.websocket;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One frame the suite asks a codec's encoder to write, in the library's own terms: text is given as
 * a {@code String} (the library encodes it to UTF-8), a Close as a code and a reason (the library
 * builds the payload). Requests may be ones a conforming sender must refuse (a 126-octet Ping, a
 * reason of 124 octets, close code 1005); the encoder then refuses by throwing.
 *
 * @param opcode      {@link CodecEvent#TEXT}, BINARY, CONTINUATION, PING, PONG or CLOSE
 * @param fin         the FIN bit asked for
 * @param payload     the payload for every kind but TEXT and CLOSE (empty otherwise)
 * @param text        the text of a TEXT frame (null otherwise)
 * @param closeCode   a Close's status code; empty for a Close without a body
 * @param closeReason a Close's reason ("" for none)
 */
public record Outgoing(int opcode, boolean fin, byte[] payload, String text, OptionalInt closeCode,
                       String closeReason) {

    public Outgoing {
        payload = payload == null ? new byte[0] : payload.clone();
        closeReason = closeReason == null ? "" : closeReason;
        Objects.requireNonNull(closeCode, "closeCode");
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public static Outgoing text(String text, boolean fin) {
        return new Outgoing(CodecEvent.TEXT, fin, null, text, OptionalInt.empty(), "");
    }

    public static Outgoing text(String text) {
        return text(text, true);
    }

    public static Outgoing binary(byte[] data, boolean fin) {
        return new Outgoing(CodecEvent.BINARY, fin, data, null, OptionalInt.empty(), "");
    }

    public static Outgoing binary(byte[] data) {
        return binary(data, true);
    }

    public static Outgoing continuation(byte[] data, boolean fin) {
        return new Outgoing(CodecEvent.CONTINUATION, fin, data, null, OptionalInt.empty(), "");
    }

    public static Outgoing ping(byte[] data) {
        return new Outgoing(CodecEvent.PING, true, data, null, OptionalInt.empty(), "");
    }

    public static Outgoing pong(byte[] data) {
        return new Outgoing(CodecEvent.PONG, true, data, null, OptionalInt.empty(), "");
    }

    /** A control frame with FIN clear: what no sender may put on the wire (§5.5). */
    public static Outgoing fragmentedControl(int opcode, byte[] data) {
        return new Outgoing(opcode, false, data, null, OptionalInt.empty(), "");
    }

    public static Outgoing close(int code, String reason) {
        return new Outgoing(CodecEvent.CLOSE, true, null, null, OptionalInt.of(code), reason);
    }

    public static Outgoing closeEmpty() {
        return new Outgoing(CodecEvent.CLOSE, true, null, null, OptionalInt.empty(), "");
    }

    /** Text safe to print anywhere: surrogates (paired or not) and control characters as \\uXXXX escapes. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public String describe() {
        String what = switch (opcode) {
            case CodecEvent.TEXT -> "TEXT \"" + printable(text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + "\" (" + text.length() + " chars)";
            case CodecEvent.CLOSE -> "CLOSE " + (closeCode.isPresent() ? closeCode.getAsInt() + " reason of "
                    + closeReason.length() + " chars" : "(no body)");
            default -> CodecEvent.opcodeName(opcode) + " " + CodecEvent.octets(payload);
        };
        return what + (fin ? "" : " (FIN clear)");
    }
}
