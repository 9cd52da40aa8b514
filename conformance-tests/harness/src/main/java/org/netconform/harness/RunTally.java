package org.netconform.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.netconform.harness.result.Outcome;
import org.netconform.harness.result.PublishedResult;

/**
 * Counts, per target, the results of this JVM's runs that were judged (PASS, FAIL, NON_STRICT,
 * INFORMATIONAL) and all of them, so that a selected target with nothing judged fails the run with a
 * reason instead of ending green.
 */
public final class RunTally {
    private static final Map<String, AtomicInteger[]> COUNTS = new ConcurrentHashMap<>();

    private RunTally() {
    }

    static void record(PublishedResult r) {
        AtomicInteger[] c = COUNTS.computeIfAbsent(r.target(), t -> new AtomicInteger[]{new AtomicInteger(), new AtomicInteger()});
        c[1].incrementAndGet();
        Outcome o = r.outcome();
        if (o == Outcome.PASS || o == Outcome.FAIL || o == Outcome.NON_STRICT || o == Outcome.INFORMATIONAL) {
            c[0].incrementAndGet();
        }
    }

    /** Target ID to {judged, all}. */
    public static Map<String, int[]> snapshot() {
        Map<String, int[]> out = new LinkedHashMap<>();
        COUNTS.forEach((t, c) -> out.put(t, new int[]{c[0].get(), c[1].get()}));
        return out;
    }

    public static void clear() {
        COUNTS.clear();
    }

    /**
     * Why the run must fail because a selected target had nothing judged, or null. Not asked of a
     * shard: a target may have no covered unit in one shard.
     */
    public static String nothingJudged(Iterable<String> selected) {
        StringBuilder b = new StringBuilder();
        for (String t : selected) {
            int[] c = snapshot().getOrDefault(t, new int[]{0, 0});
            if (c[0] == 0) {
                b.append(b.length() == 0 ? "" : "\n").append("netconform: ").append(t).append(": nothing judged (")
                        .append(c[1]).append(c[1] == 1 ? " result" : " results")
                        .append(", none PASS, FAIL, NON_STRICT or INFORMATIONAL): ")
                        .append(c[1] == 0 ? "no suite ran a case for it (check --area, --requirement, --case)"
                                : "its adapters cover none of the selected suites, or every case was UNSUPPORTED or ERROR");
            }
        }
        return b.length() == 0 ? null : b.toString();
    }
}
