package org.netconform.harness;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One test against one target, judged. Published to the JUnit Platform as a single report entry,
 * key {@value #KEY}, whose value is a {@link Properties} text of {@code netconform.*} fields; the
 * reports listener decodes it. Both Jupiter and jqwik can publish a single key, which is why it is one.
 */
public record ExecutionResult(String target, String targetDescription, boolean covered, TestCase testCase,
                              Outcome outcome,
                              Outcome baseline, String baselineWhy, String expected, String observed, String reason,
                              String seed, String counterexample, long durationMs, String wireLog) {
    public static final String KEY = "netconform.result";

    public boolean matchesBaseline() {
        return outcome == baseline;
    }

    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("netconform.target", target);
        f.put("netconform.targetDescription", targetDescription);
        f.put("netconform.requirements", String.join(",", testCase.ids()));
        // false: the target offers no adapter for this test's area at all (the report leaves it out of that area)
        f.put("netconform.covered", Boolean.toString(covered));
        f.put("netconform.test", testCase.name());
        f.put("netconform.outcome", outcome.name());
        f.put("netconform.baseline", baseline.name());
        putIfPresent(f, "netconform.baselineWhy", baselineWhy);
        f.put("netconform.matchesBaseline", Boolean.toString(matchesBaseline()));
        putIfPresent(f, "netconform.expected", expected);
        putIfPresent(f, "netconform.observed", observed);
        putIfPresent(f, "netconform.reason", reason);
        putIfPresent(f, "netconform.seed", seed);
        putIfPresent(f, "netconform.counterexample", counterexample);
        f.put("netconform.durationMs", Long.toString(durationMs));
        putIfPresent(f, "netconform.wirelog", wireLog);
        return f;
    }

    public String encode() {
        Properties p = new Properties();
        p.putAll(fields());
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The inverse of {@link #encode()}, for listeners. */
    public static Map<String, String> decode(String value) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static void putIfPresent(Map<String, String> f, String key, String value) {
        if (value != null) {
            f.put(key, value);
        }
    }
}
