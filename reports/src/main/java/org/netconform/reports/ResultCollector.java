package org.netconform.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the harness's report entries (one per test and target), from any number of threads, and
 * turns them into one {@link TargetResults} per target. Entries without {@code netconform.target}
 * are not ours and are ignored.
 */
public final class ResultCollector {
    static final String PREFIX = "netconform.";
    static final String TARGET = PREFIX + "target";
    static final String TARGET_DESCRIPTION = PREFIX + "targetDescription";
    static final String REQUIREMENTS = PREFIX + "requirements";
    static final String TEST = PREFIX + "test";
    static final String OUTCOME = PREFIX + "outcome";
    static final String BASELINE = PREFIX + "baseline";
    static final String BASELINE_WHY = PREFIX + "baselineWhy";
    static final String MATCHES_BASELINE = PREFIX + "matchesBaseline";
    static final String EXPECTED = PREFIX + "expected";
    static final String OBSERVED = PREFIX + "observed";
    static final String REASON = PREFIX + "reason";
    static final String SEED = PREFIX + "seed";
    static final String COUNTEREXAMPLE = PREFIX + "counterexample";
    static final String DURATION_MS = PREFIX + "durationMs";
    static final String WIRELOG = PREFIX + "wirelog";
    /** "false" when the target offers no adapter for the test's area at all. */
    static final String COVERED = PREFIX + "covered";
    /**
     * The harness publishes all fields as one entry under this key, as {@link java.util.Properties}
     * text, because jqwik's reporter publishes one key per entry.
     */
    static final String PACKED = PREFIX + "result";

    private record Entry(String target, String targetDescription, CaseResult result) {
    }

    private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();

    /**
     * Records one report entry.
     *
     * @param testId      the unique ID of the test that published it
     * @param displayName its display name, used when the entry names no test
     * @param values      the entry's key-value pairs
     * @return whether the entry was ours (had a target)
     */
    public boolean add(String testId, String displayName, Map<String, String> values) {
        if (values.containsKey(PACKED)) {
            return add(testId, displayName, unpack(values.get(PACKED)));
        }
        String target = blankToNull(values.get(TARGET));
        if (target == null) {
            return false;
        }
        String test = blankToNull(values.get(TEST));
        String rawOutcome = blankToNull(values.get(OUTCOME));
        Outcome outcome = Outcome.parse(rawOutcome).orElse(null);
        String reason = values.get(REASON);
        if (outcome == null) {
            // nothing unchecked may look like PASS: a missing or unknown outcome is an ERROR
            outcome = Outcome.ERROR;
            String why = rawOutcome == null ? "the harness reported no outcome"
                    : "the harness reported an unknown outcome '" + rawOutcome + "'";
            reason = reason == null ? why : why + "; " + reason;
        }
        CaseResult r = new CaseResult(requirements(values.get(REQUIREMENTS)), test != null ? test : displayName,
                testId, outcome.name(), blankToNull(values.get(BASELINE)), blankToNull(values.get(BASELINE_WHY)),
                bool(values.get(MATCHES_BASELINE)), values.get(EXPECTED), values.get(OBSERVED), reason,
                blankToNull(values.get(SEED)), values.get(COUNTEREXAMPLE), duration(values.get(DURATION_MS)),
                values.get(WIRELOG), bool(values.get(COVERED)));
        entries.add(new Entry(target, blankToNull(values.get(TARGET_DESCRIPTION)), r));
        return true;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public void clear() {
        entries.clear();
    }

    /** One TargetResults per target seen, by target ID; results sorted by test, then test ID. */
    public List<TargetResults> snapshot(Instant generatedAt) {
        Map<String, List<CaseResult>> byTarget = new TreeMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (Entry e : entries) {
            byTarget.computeIfAbsent(e.target(), t -> new ArrayList<>()).add(e.result());
            if (e.targetDescription() != null) {
                descriptions.putIfAbsent(e.target(), e.targetDescription());
            }
        }
        Comparator<CaseResult> order = Comparator.comparing(CaseResult::test, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(CaseResult::testId, Comparator.nullsFirst(Comparator.naturalOrder()));
        List<TargetResults> out = new ArrayList<>();
        byTarget.forEach((target, results) -> {
            results.sort(order);
            out.add(new TargetResults(TargetResults.SCHEMA, target, descriptions.get(target), generatedAt.toString(),
                    results));
        });
        return out;
    }

    private static Map<String, String> unpack(String packed) {
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(packed));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static List<String> requirements(String csv) {
        if (csv == null) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static Boolean bool(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Long duration(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
