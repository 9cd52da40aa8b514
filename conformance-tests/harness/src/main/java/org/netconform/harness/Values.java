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

    /** At most {@code max} octets as spaced hex, then " ..." when there were more. */
    public static String hex(byte[] bytes, int max) {
        if (bytes.length <= max) {
            return hex(bytes);
        }
        return HEX.formatHex(bytes, 0, max) + " ...";
    }
}
