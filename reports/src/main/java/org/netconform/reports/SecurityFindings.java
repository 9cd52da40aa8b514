package org.netconform.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netconform.harness.result.CaseResult;
import org.netconform.harness.result.Outcome;

/**
 * The security findings of a report, kept apart from the conformance verdicts: results of the WS-SEC-* family
 * whose observed text starts with {@value #MARKER} (what a server does that a deployment should know about:
 * any Origin accepted, unmasked frames processed, no size limit, no idle timeout), and the Origin
 * requirements a declared policy makes judged (WS-SEC-3, WS-SEC-4) when they are not PASS. Shown in a section
 * of the index page and listed in summary.json ({@code securityFindings}). Self-contained: it reads the results
 * and nothing else.
 */
public final class SecurityFindings {
    /** What a suite puts at the start of a WS-SEC-* result's observed text when it found something. */
    public static final String MARKER = "SECURITY FINDING: ";
    static final String FAMILY = "WS-SEC-";

    /** One finding: which target, which requirement, what was found (one line), and the result's outcome. */
    public record Finding(String target, String requirement, String finding, String outcome) {
    }

    /** The index page's section: findings grouped by target (targets without any are left out). */
    public record Section(List<TargetFindings> targets, int count) {
    }

    public record TargetFindings(String target, List<Item> findings) {
    }

    public record Item(String requirement, String href, String finding, String outcome, String css) {
    }

    private SecurityFindings() {
    }

    public static List<Finding> of(List<TargetResults> all) {
        List<Finding> out = new ArrayList<>();
        for (TargetResults t : all) {
            for (CaseResult r : t.results()) {
                String id = r.requirements().stream().filter(x -> x.startsWith(FAMILY)).findFirst().orElse(null);
                if (id == null || !r.inCoveredArea()) {
                    continue;
                }
                String observed = r.observed() == null ? "" : r.observed();
                Outcome o = r.judged();
                if (observed.startsWith(MARKER)) {
                    out.add(new Finding(t.target(), id, firstLine(observed.substring(MARKER.length())), o.name()));
                } else if ((o == Outcome.FAIL || o == Outcome.NON_STRICT) && r.requirements().size() == 1) {
                    out.add(new Finding(t.target(), id, firstLine(r.reason() == null ? observed : r.reason()), o.name()));
                }
            }
        }
        return out;
    }

    /** The section for the index page, or null when there is no finding. */
    static Section section(List<TargetResults> all) {
        List<Finding> found = of(all);
        if (found.isEmpty()) {
            return null;
        }
        Map<String, List<Item>> byTarget = new LinkedHashMap<>();
        for (Finding f : found) {
            Outcome o = Outcome.judged(f.outcome());
            byTarget.computeIfAbsent(f.target(), k -> new ArrayList<>()).add(new Item(f.requirement(),
                    SafeNames.requirementPage(f.requirement()) + "#" + SafeNames.targetAnchor(f.target()), f.finding(),
                    f.outcome(), o.css()));
        }
        List<TargetFindings> targets = new ArrayList<>();
        byTarget.forEach((t, items) -> targets.add(new TargetFindings(t, items)));
        return new Section(targets, found.size());
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 400 ? line : line.substring(0, 400) + "...";
    }
}
