package org.netconform.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.netconform.harness.result.CaseResult;
import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.result.ResultJson;

/**
 * Collects the harness's report entries (one per test and target, a {@link PublishedResult} as JSON),
 * from any number of threads, and turns them into one {@link TargetResults} per target. Other entries
 * are not ours and are ignored.
 */
public final class ResultCollector {
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
        String json = values.get(PublishedResult.KEY);
        if (json == null) {
            return false;
        }
        PublishedResult published = ResultJson.read(json);
        if (published.target() == null || published.result() == null) {
            return false;
        }
        CaseResult r = published.result().withTestId(testId).mapText(ResultCollector::replaceUnpairedSurrogates);
        if (r.test() == null) {
            r = r.withTest(displayName);
        }
        entries.add(new Entry(published.target(), published.targetDescription(), r));
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

    /**
     * Targets produce arbitrary text (an invalid UTF-8 payload decoded leniently, a split surrogate
     * pair); an unpaired surrogate cannot be written as UTF-8, so it becomes U+FFFD here, once, rather
     * than failing the JSON writer or the HTML renderer later.
     */
    static String replaceUnpairedSurrogates(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                if (b != null) {
                    b.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
                b.append('\uFFFD');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
