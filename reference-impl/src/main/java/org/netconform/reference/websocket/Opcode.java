package org.netconform.reference.websocket;

import java.util.Optional;

/**
 * The opcodes RFC 6455 defines (§5.2, §11.8).
 *
 * <p>Reserved opcodes (3-7 for data, 11-15 for control) deliberately have no constant: a
 * conforming peer never sends them and the strict codec refuses them. Test input that needs one
 * uses the raw 4-bit value with {@link RawFrameWriter}; {@link #isReserved(int)} and
 * {@link #isControl(int)} classify any raw value.
 */
public enum Opcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    private static final Opcode[] BY_CODE = new Opcode[16];

    static {
        for (Opcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The 4-bit value on the wire. */
    public int code() {
        return code;
    }

    /** Control frames have the most significant opcode bit set (RFC 6455 §5.5). */
    public boolean isControl() {
        return isControl(code);
    }

    /** TEXT, BINARY and CONTINUATION carry message data (RFC 6455 §5.6). */
    public boolean isData() {
        return !isControl();
    }

    /**
     * The defined opcode with this raw value, or empty for a reserved one.
     *
     * @throws IllegalArgumentException if {@code raw} does not fit in 4 bits
     */
    public static Optional<Opcode> of(int raw) {
        checkRaw(raw);
        return Optional.ofNullable(BY_CODE[raw]);
    }

    /** Whether a raw 4-bit value is reserved for further definition (RFC 6455 §5.2). */
    public static boolean isReserved(int raw) {
        checkRaw(raw);
        return BY_CODE[raw] == null;
    }

    /** Whether a raw 4-bit value lies in the control range 0x8-0xF (RFC 6455 §5.5). */
    public static boolean isControl(int raw) {
        checkRaw(raw);
        return (raw & 0x8) != 0;
    }

    private static void checkRaw(int raw) {
        if ((raw & ~0xF) != 0) {
            throw new IllegalArgumentException("opcode is 4 bits, got " + raw);
        }
    }
}
