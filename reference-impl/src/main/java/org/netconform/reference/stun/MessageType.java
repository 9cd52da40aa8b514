package org.netconform.reference.stun;

/**
 * The 14-bit message type of RFC 8489 §5 (Figure 3): method bits M11..M0 and class bits C1 C0
 * interleaved as {@code M11..M7 C1 M6..M4 C0 M3..M0}.
 */
public final class MessageType {
    /** The Binding method, the only one RFC 8489 defines. */
    public static final int BINDING = 0x001;
    public static final int BINDING_REQUEST = encode(BINDING, StunClass.REQUEST);
    public static final int BINDING_INDICATION = encode(BINDING, StunClass.INDICATION);
    public static final int BINDING_SUCCESS = encode(BINDING, StunClass.SUCCESS);
    public static final int BINDING_ERROR = encode(BINDING, StunClass.ERROR);

    private MessageType() {
    }

    /** The type field for a 12-bit method and a class. */
    public static int encode(int method, StunClass cls) {
        if ((method & ~0xFFF) != 0) {
            throw new IllegalArgumentException("a method has 12 bits: " + method);
        }
        int c = cls.bits();
        return (method & 0x00F) | ((c & 1) << 4) | ((method & 0x070) << 1) | ((c & 2) << 7) | ((method & 0xF80) << 2);
    }

    /** The 12-bit method of a 14-bit type field. */
    public static int method(int type) {
        return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    }

    /** The class of a 14-bit type field. */
    public static StunClass cls(int type) {
        return StunClass.ofBits(((type >> 4) & 1) | ((type >> 7) & 2));
    }

    public static String describe(int type) {
        int method = method(type);
        String m = method == BINDING ? "Binding" : String.format("method 0x%03X", method);
        return m + " " + cls(type).name().toLowerCase(java.util.Locale.ROOT) + String.format(" (0x%04X)", type);
    }
}
