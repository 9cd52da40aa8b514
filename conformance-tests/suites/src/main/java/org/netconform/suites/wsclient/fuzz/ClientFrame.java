package org.netconform.suites.wsclient.fuzz;

import java.nio.charset.StandardCharsets;
import org.netconform.harness.Values;

/**
 * A frame the client under test sent, as the fuzzing server read it: header fields as on the wire
 * (whatever they are), the payload unmasked, and whether the length was in its minimal form.
 */
public record ClientFrame(boolean fin, int rsv, int opcode, boolean masked, int maskKey, byte[] payload,
                          boolean minimalLength, long atMillis) {
    public static final int CONTINUATION = 0, TEXT = 1, BINARY = 2, CLOSE = 8, PING = 9, PONG = 10;

    public boolean isControl() {
        return opcode >= 8;
    }

    public boolean isData() {
        return opcode <= 2;
    }

    /** The close code of a Close frame, -1 when it has none. */
    public int closeCode() {
        return opcode == CLOSE && payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
    }

    public String closeReason() {
        return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
    }

    public static String opcodeName(int op) {
        return switch (op) {
            case 0 -> "CONT";
            case 1 -> "TEXT";
            case 2 -> "BINARY";
            case 8 -> "CLOSE";
            case 9 -> "PING";
            case 10 -> "PONG";
            default -> "OP" + op;
        };
    }

    @Override
    public String toString() {
        String p = Values.hex(payload, 32);
        return opcodeName(opcode) + (fin ? " fin" : "") + (rsv != 0 ? " rsv=" + rsv : "")
                + (masked ? String.format(" key=%08x", maskKey) : " UNMASKED") + (minimalLength ? "" : " non-minimal-length")
                + " len=" + payload.length + (opcode == CLOSE && payload.length >= 2 ? " code=" + closeCode()
                + (payload.length > 2 ? " reason='" + closeReason() + "'" : "") : "") + (payload.length > 0 ? " [" + p + "]" : "");
    }
}
