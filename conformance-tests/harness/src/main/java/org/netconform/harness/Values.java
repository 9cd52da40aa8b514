package org.netconform.harness;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Readable renderings of values for reports: byte arrays as spaced upper-case hex, lists element by
 * element. Suites write octets (in evidence, problems and wire logs) through {@link #hex}, not a
 * formatter of their own.
 */
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

    /** The octets as spaced hex, {@code 81 05 48}; "(no octets)" for none. */
    public static String hex(byte[] bytes) {
        return describe(bytes);
    }

    /** Octets {@code off} to {@code off + len} of {@code bytes}, written as {@link #hex(byte[])} writes them. */
    public static String hex(byte[] bytes, int off, int len) {
        return len == 0 ? describe(new byte[0]) : HEX.formatHex(bytes, off, off + len);
    }

    /** At most the first {@code max} octets, then, when there are more, how many there are in all. */
    public static String hex(byte[] bytes, int max) {
        return bytes.length <= max ? hex(bytes) : hex(bytes, 0, max) + " ... (" + bytes.length + " octets)";
    }
}
