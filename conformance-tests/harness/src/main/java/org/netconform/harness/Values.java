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
        return describe(value, 0);
    }

    /**
     * A property's falsified sample: its parameters, each described, without the target's adapters
     * (the report names the target already; an adapter's text would be an object hash).
     */
    public static String describeSample(List<?> parameters) {
        return parameters.stream().filter(p -> !(p instanceof org.netconform.spi.AreaAdapter))
                .map(Values::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(Object value, int depth) {
        if (value instanceof byte[] bytes) {
            return bytes.length == 0 ? "(no octets)" : HEX.formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> describe(v, depth + 1)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value != null && value.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(value);
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : ", ").append(describe(java.lang.reflect.Array.get(value, i), depth + 1));
            }
            return b.append(']').toString();
        }
        if (value != null && !overridesToString(value.getClass())) {
            return fields(value, depth);
        }
        return String.valueOf(value);
    }

    private static boolean overridesToString(Class<?> c) {
        try {
            return c.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** An object without a toString of its own, by its fields: {@code Frame{fin=true, opcode=1}}; never a hash. */
    private static String fields(Object value, int depth) {
        Class<?> c = value.getClass();
        String name = c.isAnonymousClass() || c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
        if (depth > 3) {
            return name + "{…}";
        }
        StringBuilder b = new StringBuilder(name).append('{');
        boolean first = true;
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                String v;
                try {
                    f.setAccessible(true);
                    v = describe(f.get(value), depth + 1);
                } catch (RuntimeException | IllegalAccessException e) {
                    v = "?";
                }
                b.append(first ? "" : ", ").append(f.getName()).append('=').append(v);
                first = false;
            }
        }
        return b.append('}').toString();
    }

    /** The octets as spaced hex, {@code 81 05 48}; "(no octets)" for none. */
    public static String hex(byte[] bytes) {
        return describe(bytes);
    }

    /** Octets {@code off} to {@code off + len} of {@code bytes}, written as {@link #hex(byte[])} writes them. */
    public static String hex(byte[] bytes, int off, int len) {
        return len == 0 ? describe(new byte[0]) : HEX.formatHex(bytes, off, off + len);
    }

    /**
     * The text with every character that could act on a terminal or hide text escaped: C0 and C1 control
     * characters other than newline and tab (NUL as {@code \x00}, ESC as {@code \x1b}, CR as {@code \r}), DEL,
     * the Unicode line and paragraph separators and the bidirectional overrides and isolates (as a
     * backslash, {@code u} and four hex digits). What a peer sent is shown through this wherever it is shown: console, report, logs.
     * Null stays null.
     */
    public static String printable(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                sb.append(c);
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x100) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c <= 0x9F || c == 0x2028 || c == 0x2029
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F
                || c == 0x061C;
    }

    /** At most the first {@code max} octets, then, when there are more, how many there are in all. */
    public static String hex(byte[] bytes, int max) {
        return bytes.length <= max ? hex(bytes) : hex(bytes, 0, max) + " ... (" + bytes.length + " octets)";
    }
}
