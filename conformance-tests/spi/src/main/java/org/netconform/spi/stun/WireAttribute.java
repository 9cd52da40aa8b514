package org.netconform.spi.stun;

import java.util.Arrays;
import java.util.HexFormat;

/** One STUN attribute as a codec sees it: the 16-bit type and the value without padding. */
public record WireAttribute(int type, byte[] value) {
    public WireAttribute {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("0x%04X(%d) %s", type, value.length, HexFormat.of().formatHex(value));
    }
}
