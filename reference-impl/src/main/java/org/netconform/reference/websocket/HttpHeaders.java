package org.netconform.reference.websocket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP header fields as an immutable, ordered, case-insensitive multimap (RFC 9110 §5.1: field
 * names are case-insensitive; a field may repeat, and repeats combine as a comma list, §5.3).
 *
 * <p>Names keep the spelling they were given, for faithful serialization and wire logs.
 */
public final class HttpHeaders {

    /** One header line. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    private final List<Field> fields;

    private HttpHeaders(List<Field> fields) {
        this.fields = fields;
    }

    public static HttpHeaders of(List<Field> fields) {
        return new HttpHeaders(List.copyOf(fields));
    }

    /** Alternating names and values: {@code of("Host", "example", "Upgrade", "websocket")}. */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        List<Field> f = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            f.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HttpHeaders(List.copyOf(f));
    }

    /** A copy with one more field at the end. */
    public HttpHeaders with(String name, String value) {
        List<Field> f = new ArrayList<>(fields);
        f.add(new Field(name, value));
        return new HttpHeaders(Collections.unmodifiableList(f));
    }

    /** A copy without any field of this name. */
    public HttpHeaders without(String name) {
        List<Field> f = new ArrayList<>();
        for (Field x : fields) {
            if (!x.name().equalsIgnoreCase(name)) {
                f.add(x);
            }
        }
        return new HttpHeaders(Collections.unmodifiableList(f));
    }

    public List<Field> fields() {
        return fields;
    }

    /** Every value of the field, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    /** The first value, if any. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /**
     * The comma-separated elements of every value of the field, trimmed, empty ones dropped
     * (RFC 9110 §5.6.1). Quoted strings are kept whole, so a comma inside quotes does not split.
     */
    public List<String> elements(String name) {
        List<String> out = new ArrayList<>();
        for (String v : all(name)) {
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\\' && quoted && i + 1 < v.length()) {
                    cur.append(c);
                    c = v.charAt(++i);
                } else if (c == ',' && !quoted) {
                    add(out, cur);
                    cur.setLength(0);
                    continue;
                }
                cur.append(c);
            }
            add(out, cur);
        }
        return out;
    }

    private static void add(List<String> out, StringBuilder element) {
        String e = element.toString().trim();
        if (!e.isEmpty()) {
            out.add(e);
        }
    }

    /** Whether the field's comma list holds {@code token}, compared ASCII case-insensitively. */
    public boolean containsToken(String name, String token) {
        for (String e : elements(name)) {
            if (e.toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpHeaders h && fields.equals(h.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.stream().map(f -> f.name() + ": " + f.value())
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    /** Convenience for tests and logs. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> m = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Field f : fields) {
            m.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f.value());
        }
        return m;
    }
}
