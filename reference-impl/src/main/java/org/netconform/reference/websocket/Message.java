package org.netconform.reference.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A complete data message (RFC 6455 §5.6, §6.2): the payloads of its fragments joined.
 *
 * @param type    {@link Opcode#TEXT} or {@link Opcode#BINARY}: the opcode of the first fragment
 * @param payload the joined payload (copied in and out); for TEXT it is valid UTF-8
 */
public record Message(Opcode type, byte[] payload) {

    public Message {
        Objects.requireNonNull(type, "type");
        if (type != Opcode.TEXT && type != Opcode.BINARY) {
            throw new IllegalArgumentException("a message is TEXT or BINARY, not " + type);
        }
        payload = payload.clone();
    }

    public static Message text(String text) {
        return new Message(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Message binary(byte[] data) {
        return new Message(Opcode.BINARY, data);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    /** The payload as a read-only buffer, without a copy (to send it on, e.g. in an echo). */
    public java.nio.ByteBuffer payloadBuffer() {
        return java.nio.ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** The text of a TEXT message. */
    public String text() {
        if (type != Opcode.TEXT) {
            throw new IllegalStateException("not a text message");
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && type == m.type && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Message[" + type + ", len=" + payload.length + "]";
    }
}
