package org.netconform.harness;

import org.netconform.harness.result.Outcome;
import org.netconform.spec.SpecCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A target's expected deviations: {@code netconform/baselines/<target>.tsv} on the classpath, kept in the
 * adapter's module, or a file named with {@code -Dnetconform.baseline} / {@code --baseline}. One line per
 * deviation, fields separated by white space:
 *
 * <pre>
 * # requirement[@testMethod]  expected-outcome  why (one line)
 * BO-UNSIGNED-1@readsU16Unsigned  FAIL  getShort() returns a signed short; callers must mask
 * </pre>
 *
 * A key with {@code @method} applies to that test only; a bare ID to every test of the requirement.
 * Anything not listed is expected to PASS (INFORMATIONAL for INFO requirements). A baseline is checked
 * whole when it is read: a malformed line, an unknown outcome, a requirement the spec does not have (or
 * has withdrawn) or a key listed twice is an {@link InvalidBaselineException} naming {@code file:line}.
 */
public final class Baseline {
    public record Entry(String key, Outcome outcome, String why, int line) {
    }

    /** A baseline that cannot be used as written: the message names the file and line. */
    public static final class InvalidBaselineException extends IllegalArgumentException {
        public InvalidBaselineException(String message) {
            super(message);
        }
    }

    private final String resource;
    private final Map<String, Entry> entries;

    private Baseline(String resource, Map<String, Entry> entries) {
        this.resource = resource;
        this.entries = entries;
    }

    public static String resourceFor(String targetId) {
        return "netconform/baselines/" + targetId + ".tsv";
    }

    /** An empty baseline: every result is expected to be what the spec asks. */
    public static Baseline empty(String resource) {
        return new Baseline(resource, Map.of());
    }

    /** The baseline of a target; empty when it has none (the reference target never has one). */
    public static Baseline load(String targetId, ClassLoader loader) {
        String resource = resourceFor(targetId);
        URL url = loader.getResource(resource);
        if (url == null) {
            return new Baseline(resource, Map.of());
        }
        try (InputStream in = url.openStream()) {
            return parse(describe(url, resource), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A baseline file given by path (a URL target's, a vendor's). */
    public static Baseline load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidBaselineException(file + ": cannot read the baseline: " + e.getMessage());
        }
    }

    /** Where a classpath baseline comes from, shortly: the file, or the resource and its jar's name. */
    private static String describe(URL url, String resource) {
        if ("file".equals(url.getProtocol())) {
            try {
                Path p = Path.of(url.toURI());
                Path cwd = Path.of("").toAbsolutePath();
                return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
            } catch (Exception e) {
                return url.getPath();
            }
        }
        String s = url.toString();
        int bang = s.indexOf("!/");
        if (bang > 0) {
            String jar = s.substring(0, bang);
            return jar.substring(jar.lastIndexOf('/') + 1) + "!/" + resource;
        }
        return resource;
    }

    /** Parses and checks a baseline against the bundled spec. */
    public static Baseline parse(String resource, String text) {
        return parse(resource, text, SpecCatalog.bundled());
    }

    public static Baseline parse(String resource, String text, SpecCatalog catalog) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String where = resource + ":" + n + ": ";
                String[] f = s.split("\\s+", 3);
                if (f.length < 3) {
                    throw new InvalidBaselineException(where + "a baseline line is 'ID[@test] OUTCOME why', got: " + s);
                }
                Outcome outcome = Outcome.parse(f[1]).filter(o -> o.name().equals(f[1])).orElseThrow(() ->
                        new InvalidBaselineException(where + "unknown outcome '" + f[1] + "'" + suggest(f[1])
                                + "; outcomes: " + String.join(", ", Arrays.stream(Outcome.values()).map(Enum::name).toList())));
                String id = f[0].contains("@") ? f[0].substring(0, f[0].indexOf('@')) : f[0];
                var req = catalog.find(id);
                if (req.isEmpty()) {
                    throw new InvalidBaselineException(where + "no requirement " + id + " in the spec" + suggestId(id, catalog));
                }
                if (req.get().isWithdrawn()) {
                    throw new InvalidBaselineException(where + id + " is withdrawn: remove its line");
                }
                if (f[0].endsWith("@")) {
                    throw new InvalidBaselineException(where + "'" + f[0] + "' names no test after '@'");
                }
                if (entries.putIfAbsent(f[0], new Entry(f[0], outcome, f[2], n)) != null) {
                    throw new InvalidBaselineException(where + f[0] + " is listed twice (first at line "
                            + entries.get(f[0]).line() + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Baseline(resource, entries);
    }

    private static String suggest(String word) {
        String w = word.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return Arrays.stream(Outcome.values()).map(Enum::name)
                .filter(o -> o.equals(w) || distance(o, w) <= 2).findFirst()
                .map(o -> " (did you mean " + o + "?)").orElse("");
    }

    private static String suggestId(String id, SpecCatalog catalog) {
        return catalog.all().stream().map(r -> r.id()).filter(x -> distance(x, id) <= 1)
                .min(Comparator.naturalOrder()).map(x -> " (did you mean " + x + "?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The entry for this test of this requirement: a test-specific one wins over a bare ID. */
    public Optional<Entry> lookup(String requirementId, String testMethod) {
        Entry specific = entries.get(requirementId + "@" + testMethod);
        return Optional.ofNullable(specific != null ? specific : entries.get(requirementId));
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public String resource() {
        return resource;
    }
}
