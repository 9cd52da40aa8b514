package org.netconform.reference.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One attribute: its 16-bit type and its value, without padding (RFC 8489 §14). Typed views of the
 * values are in {@link Attributes}.
 */
public final class StunAttribute {
    private final int type;
    private final byte[] value;

    public StunAttribute(int type, byte[] value) {
        if ((type & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("an attribute type has 16 bits: " + type);
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("an attribute value has at most 65535 octets: " + value.length);
        }
        this.type = type;
        this.value = value.clone();
    }

    public int type() {
        return type;
    }

    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    public boolean comprehensionRequired() {
        return AttributeType.comprehensionRequired(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        String v = value.length <= 32 ? HexFormat.of().formatHex(value) : HexFormat.of().formatHex(value, 0, 32) + "...";
        return AttributeType.name(type) + "(" + value.length + ")" + (value.length == 0 ? "" : " " + v);
    }
}
