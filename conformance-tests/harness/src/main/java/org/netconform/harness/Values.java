package org.netconform.harness;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** Readable renderings of values for reports: byte arrays as spaced hex, lists element by element. */
public final class Values {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private Values() {
    }

    public static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes.length == 0 ? "(no octets)" : HEX.formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Values::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    public static String hex(byte[] bytes) {
        return describe(bytes);
    }
}
