package org.netconform.reference.stun;

/** The four message classes of RFC 8489 §5, with the two class bits C1 C0. */
public enum StunClass {
    REQUEST(0b00), INDICATION(0b01), SUCCESS(0b10), ERROR(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** C1 C0 as a number 0..3. */
    public int bits() {
        return bits;
    }

    public static StunClass ofBits(int bits) {
        return values()[bits & 0b11];
    }

    public boolean isResponse() {
        return this == SUCCESS || this == ERROR;
    }
}
