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

    /** At most the first {@code max} octets, then, when there are more, how many there are in all. */
    public static String hex(byte[] bytes, int max) {
        return bytes.length <= max ? hex(bytes) : hex(bytes, 0, max) + " ... (" + bytes.length + " octets)";
    }
}
