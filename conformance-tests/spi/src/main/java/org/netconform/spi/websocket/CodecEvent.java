package org.netconform.spi.websocket;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.OptionalInt;

/**
 * What a codec's receiving side delivered, in a neutral form so that the suite compares outcomes and
 * never library types. Adapters report exactly what the library gave: frames as frames (a library
 * that does not reassemble reports {@link DataFrame}s), messages as messages, and a failure as the
 * close code the library chose for it.
 */
public sealed interface CodecEvent {

    /** Opcodes as on the wire (RFC 6455 §5.2). */
    int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    /** A one-line description for wire logs. */
    String describe();

    /** A data frame (opcode 0x0, 0x1 or 0x2) delivered as a frame, not reassembled. */
    record DataFrame(int opcode, boolean fin, byte[] payload) implements CodecEvent {
        public DataFrame {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public String describe() {
            return "frame " + opcodeName(opcode) + (fin ? " FIN" : "") + " " + octets(payload);
        }
    }

    /** A whole message, reassembled by the library. {@code opcode} is {@link #TEXT} or {@link #BINARY}. */
    record Message(int opcode, byte[] payload) implements CodecEvent {
        public Message {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public String describe() {
            return "message " + opcodeName(opcode) + " " + octets(payload);
        }
    }

    /**
     * A Ping, Pong or Close frame. For a Close, {@code closeCode} and {@code closeReason} are what the
     * library parsed from it (empty and "" when it parses nothing, or the frame had no code).
     */
    record Control(int opcode, byte[] payload, OptionalInt closeCode, String closeReason) implements CodecEvent {
        public Control {
            payload = payload.clone();
            closeReason = closeReason == null ? "" : closeReason;
        }

        public Control(int opcode, byte[] payload) {
            this(opcode, payload, OptionalInt.empty(), "");
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public String describe() {
            return opcodeName(opcode) + " " + octets(payload)
                    + (closeCode.isPresent() ? " code " + closeCode.getAsInt() + " \"" + Outgoing.printable(closeReason) + "\"" : "");
        }
    }

    /**
     * The library failed the connection: the input was refused. {@code closeCode} is the status code
     * the library chose (empty when it names none); {@code closeFrameSent} whether the library itself
     * wrote a Close frame; {@code detail} its message, for the report.
     */
    record Failure(OptionalInt closeCode, boolean closeFrameSent, String detail) implements CodecEvent {
        @Override
        public String describe() {
            return "FAIL " + (closeCode.isPresent() ? closeCode.getAsInt() : "(no code)")
                    + (closeFrameSent ? " close frame sent" : "") + ": " + detail;
        }
    }

    static String opcodeName(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "CONT";
            case TEXT -> "TEXT";
            case BINARY -> "BINARY";
            case CLOSE -> "CLOSE";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "op" + opcode;
        };
    }

    static String octets(byte[] b) {
        String hex = b.length <= 24 ? HexFormat.ofDelimiter(" ").formatHex(b)
                : HexFormat.ofDelimiter(" ").formatHex(b, 0, 24) + " ...";
        return "[" + b.length + "] " + hex;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
