package org.netconform.harness;

import org.netconform.harness.result.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A target's expected deviations: {@code netconform/baselines/<target>.tsv} on the classpath, kept in the
 * adapter's module. One line per deviation, fields separated by white space:
 *
 * <pre>
 * # requirement[@testMethod]  expected-outcome  why (one line)
 * BO-UNSIGNED-1@readsU16Unsigned  FAIL  getShort() returns a signed short; callers must mask
 * </pre>
 *
 * A key with {@code @method} applies to that test only; a bare ID to every test of the requirement.
 * Anything not listed is expected to PASS (INFORMATIONAL for INFO requirements).
 */
public final class Baseline {
    public record Entry(String key, Outcome outcome, String why, int line) {
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

    /** The baseline of a target; empty when it has none (the reference target never has one). */
    public static Baseline load(String targetId, ClassLoader loader) {
        String resource = resourceFor(targetId);
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return new Baseline(resource, Map.of());
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public static Baseline parse(String resource, String text) {
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
                String[] f = s.split("\\s+", 3);
                if (f.length < 3) {
                    throw new IllegalArgumentException(resource + ":" + n
                            + ": a baseline line is 'ID[@test] OUTCOME why', got: " + s);
                }
                Outcome outcome;
                try {
                    outcome = Outcome.valueOf(f[1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(resource + ":" + n + ": unknown outcome '" + f[1] + "'");
                }
                if (entries.putIfAbsent(f[0], new Entry(f[0], outcome, f[2], n)) != null) {
                    throw new IllegalArgumentException(resource + ":" + n + ": " + f[0] + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Baseline(resource, entries);
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
