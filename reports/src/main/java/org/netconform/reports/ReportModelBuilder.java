package org.netconform.reports;

import org.netconform.harness.result.CaseResult;

import org.netconform.harness.result.Outcome;

import org.netconform.spec.Level;
import org.netconform.spec.SpecCatalog;
import org.netconform.spec.SpecRequirement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns the spec and every target's results into the views of the index, the requirement pages, the
 * INFO table and the deviations list. A result that names several requirements counts for each of
 * them; a result that names an ID the spec does not have gets a row of its own, under "not in the
 * spec" (an area of its own for coverage).
 *
 * <p>A target <em>covers</em> an area when at least one of its results in that area does not say
 * {@code covered: false}. Each area's tables have only the targets that cover it as columns, so a
 * UDP-only target never fills a WebSocket table with "declares no adapter" cells.
 */
public final class ReportModelBuilder {
    static final String NOT_IN_SPEC = "not in the spec";
    static final String DRAFT_NOTE = "suites incomplete: untested requirements show as not run";
    static final String DEVIATIONS_PAGE = "deviations.html";
    private static final int SHORT_TEXT = 140;
    private static final int DETAIL_TEXT = 200;

    private final SpecCatalog catalog;
    private final List<SpecRequirement> requirements;
    private final List<String> unknownIds;
    private final List<TargetResults> targets;
    private final String generatedAt;
    /** requirement ID -> target -> results. */
    private final Map<String, Map<String, List<CaseResult>>> index = new HashMap<>();
    /** target -> the areas it covers. */
    private final Map<String, Set<String>> coverage = new HashMap<>();

    public ReportModelBuilder(SpecCatalog catalog, List<TargetResults> targets, String generatedAt) {
        this.catalog = catalog;
        this.requirements = List.copyOf(catalog.all());
        this.targets = List.copyOf(targets);
        this.generatedAt = generatedAt;
        TreeSet<String> unknown = new TreeSet<>();
        for (TargetResults t : targets) {
            Set<String> covered = coverage.computeIfAbsent(t.target(), k -> new LinkedHashSet<>());
            for (CaseResult r : t.results()) {
                for (String id : r.requirements()) {
                    index.computeIfAbsent(id, k -> new HashMap<>())
                            .computeIfAbsent(t.target(), k -> new ArrayList<>()).add(r);
                    if (catalog.find(id).isEmpty()) {
                        unknown.add(id);
                    }
                    if (r.inCoveredArea()) {
                        covered.add(areaOf(id));
                    }
                }
            }
        }
        this.unknownIds = List.copyOf(unknown);
    }

    private String areaOf(String id) {
        return catalog.find(id).map(SpecRequirement::area).orElse(NOT_IN_SPEC);
    }

    private boolean draft(String area) {
        return catalog.draftAreas().contains(area);
    }

    /**
     * A target's results for a requirement. Several suites may check one ID (the codec, server and client
     * suites all check WS-CTRL-5); results of suites whose adapter the target lacks are left out when
     * the target has results of its own for the requirement, so they neither colour nor count.
     */
    List<CaseResult> results(String requirementId, String target) {
        List<CaseResult> all = index.getOrDefault(requirementId, Map.of()).getOrDefault(target, List.of());
        List<CaseResult> covered = all.stream().filter(CaseResult::inCoveredArea).toList();
        return covered.isEmpty() ? all : covered;
    }

    boolean covers(String target, String area) {
        return coverage.getOrDefault(target, Set.of()).contains(area);
    }

    /** The targets that cover an area, in the report's target order. */
    List<TargetResults> covering(String area) {
        return targets.stream().filter(t -> covers(t.target(), area)).toList();
    }

    private static List<Views.Column> columns(List<TargetResults> ts) {
        return ts.stream().map(t -> new Views.Column(t.target())).toList();
    }

    /** The spec's areas in the catalog's order, with their requirements. */
    private Map<String, List<SpecRequirement>> byArea() {
        Map<String, List<SpecRequirement>> byArea = new LinkedHashMap<>();
        for (SpecRequirement r : requirements) {
            byArea.computeIfAbsent(r.area(), a -> new ArrayList<>()).add(r);
        }
        return byArea;
    }

    static List<Views.Legend> legend() {
        List<Views.Legend> legend = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            legend.add(new Views.Legend(o.name(), o.css(), o.meaning()));
        }
        legend.add(new Views.Legend(Aggregate.NOT_RUN, Aggregate.NOT_RUN_CSS,
                "no result for this requirement at a target that covers its area"));
        return legend;
    }

    /** Results, FAIL, NON_STRICT, ERROR and UNSUPPORTED of covered areas: what differs from the spec. */
    static boolean isDeviation(CaseResult r) {
        Outcome o = r.judged();
        return switch (o) {
            case PASS, INFORMATIONAL -> false;
            case UNSUPPORTED -> r.inCoveredArea();
            default -> true;
        };
    }

    List<Views.TargetHead> targetHeads(String root) {
        return targets.stream().map(t -> {
            int covered = (int) t.results().stream().filter(CaseResult::inCoveredArea).count();
            int differing = (int) t.results().stream().filter(CaseResult::differsFromBaseline).count();
            int deviations = (int) t.results().stream().filter(ReportModelBuilder::isDeviation).count();
            Set<String> areas = coverage.getOrDefault(t.target(), Set.of());
            return new Views.TargetHead(t.target(), t.targetDescription(), covered, t.results().size() - covered,
                    areas.isEmpty() ? "none" : String.join(", ", areas), differing, differing > 0, deviations,
                    root + DEVIATIONS_PAGE + "#" + SafeNames.targetAnchor(t.target()));
        }).toList();
    }

    public Views.IndexPage index() {
        int deviations = (int) targets.stream().flatMap(t -> t.results().stream())
                .filter(ReportModelBuilder::isDeviation).count();
        return new Views.IndexPage("netconform conformance report", "", generatedAt, targetHeads(""), targets.isEmpty(),
                deviations, areas(), legend());
    }

    private Views.Cell cell(String id, String target, String root) {
        return Aggregate.cell(results(id, target), root + SafeNames.requirementPage(id) + "#" + SafeNames.targetAnchor(target));
    }

    private List<Views.AreaGroup> areas() {
        List<Views.AreaGroup> groups = new ArrayList<>();
        byArea().forEach((area, reqs) -> {
            List<TargetResults> cols = covering(area);
            boolean draft = draft(area);
            List<Views.SummaryRow> summary = summary(reqs, cols);
            groups.add(new Views.AreaGroup(area, reqs.get(0).file(), SafeNames.areaAnchor(area), draft,
                    draft ? DRAFT_NOTE : null, columns(cols), cols.isEmpty(), summary, !summary.isEmpty(),
                    reqs.stream().map(r -> new Views.MatrixRow(r.id(), SafeNames.requirementPage(r.id()),
                            r.level().name(), shortText(r.text()), r.isWithdrawn(), r.withdrawn().orElse(null),
                            cells(r.id(), cols))).toList()));
        });
        if (!unknownIds.isEmpty()) {
            List<TargetResults> cols = covering(NOT_IN_SPEC);
            groups.add(new Views.AreaGroup(NOT_IN_SPEC, null, SafeNames.areaAnchor("not-in-spec"), false, null,
                    columns(cols), cols.isEmpty(), List.of(), false, unknownIds.stream()
                    .map(id -> new Views.MatrixRow(id, SafeNames.requirementPage(id), "?",
                            "named by a test, but not in the spec", false, null, cells(id, cols))).toList()));
        }
        return groups;
    }

    private List<Views.Cell> cells(String id, List<TargetResults> cols) {
        return cols.stream().map(t -> cell(id, t.target(), "")).toList();
    }

    /**
     * An area's rows per level: requirements counted by the aggregate of the results the target
     * covers (withdrawn requirements are not counted).
     */
    private List<Views.SummaryRow> summary(List<SpecRequirement> reqs, List<TargetResults> cols) {
        Map<Level, List<SpecRequirement>> byLevel = new EnumMap<>(Level.class);
        for (SpecRequirement r : reqs) {
            if (!r.isWithdrawn()) {
                byLevel.computeIfAbsent(r.level(), l -> new ArrayList<>()).add(r);
            }
        }
        List<Views.SummaryRow> rows = new ArrayList<>();
        byLevel.forEach((level, rs) -> {
            List<Views.SummaryCell> cells = new ArrayList<>();
            for (TargetResults t : cols) {
                Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
                int notRun = 0;
                int notCovered = 0;
                for (SpecRequirement r : rs) {
                    List<CaseResult> all = results(r.id(), t.target());
                    Outcome worst = Aggregate.worst(all.stream().filter(CaseResult::inCoveredArea).toList());
                    if (worst != null) {
                        counts.merge(worst, 1, Integer::sum);
                    } else if (all.isEmpty()) {
                        notRun++;
                    } else {
                        notCovered++;
                    }
                }
                cells.add(new Views.SummaryCell(counts.entrySet().stream()
                        .map(e -> new Views.OutcomeCount(e.getKey().name(), e.getKey().css(), e.getValue())).toList(),
                        notRun, notRun > 0, notCovered, notCovered > 0));
            }
            rows.add(new Views.SummaryRow(level.name(), rs.size(), cells));
        });
        return rows;
    }

    /** One page per requirement of the spec, and one per ID that tests name but the spec lacks. */
    public List<Views.RequirementPage> requirementPages() {
        List<Views.RequirementPage> pages = new ArrayList<>();
        for (SpecRequirement r : requirements) {
            List<TargetResults> cols = covering(r.area());
            boolean draft = draft(r.area());
            pages.add(new Views.RequirementPage(r.id() + " · " + r.level(), "../",
                    SafeNames.requirementPage(r.id()), backHref(r.id(), r.area(), cols), r.id(), r.level().name(), String.join(", ", r.roles()),
                    r.layers().stream().map(l -> l.label()).collect(Collectors.joining(", ")), RequirementText.blocks(r.text()),
                    r.source(), r.area(), r.file(), r.line(), true, draft, draft ? DRAFT_NOTE : null,
                    r.isWithdrawn(), r.withdrawn().orElse(null), sections(r.id(), cols), targets.isEmpty(),
                    !targets.isEmpty() && cols.isEmpty(), notCovering(r.area()), legend()));
        }
        for (String id : unknownIds) {
            List<TargetResults> cols = covering(NOT_IN_SPEC);
            pages.add(new Views.RequirementPage(id + " (not in the spec)", "../", SafeNames.requirementPage(id),
                    backHref(id, "not-in-spec", cols), id,
                    "?", null, null, List.of(), null, NOT_IN_SPEC, null, 0, false, false, null, false, null,
                    sections(id, cols), targets.isEmpty(), !targets.isEmpty() && cols.isEmpty(),
                    notCovering(NOT_IN_SPEC), legend()));
        }
        return pages;
    }

    /** The requirement's matrix row, or its area's heading when no target covers the area (no table, no row). */
    private static String backHref(String id, String area, List<TargetResults> cols) {
        return "../index.html#" + (cols.isEmpty() ? SafeNames.areaAnchor(area) : id);
    }

    /** e.g. {@code udp-a, udp-b}: the targets that offer no adapter for the area; null when there are none. */
    private String notCovering(String area) {
        String s = targets.stream().filter(t -> !covers(t.target(), area)).map(TargetResults::target)
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? null : s;
    }

    private List<Views.TargetSection> sections(String id, List<TargetResults> cols) {
        return cols.stream().map(t -> {
            List<CaseResult> rs = results(id, t.target());
            return new Views.TargetSection(t.target(), t.targetDescription(), SafeNames.targetAnchor(t.target()),
                    Aggregate.cell(rs, "#" + SafeNames.targetAnchor(t.target())),
                    rs.stream().map(r -> resultView(id, t.target(), r)).toList(), rs.isEmpty());
        }).toList();
    }

    private static Views.ResultView resultView(String pageId, String target, CaseResult r) {
        Outcome o = r.judged();
        String verdict = r.matchesBaseline() == null ? "no baseline verdict"
                : r.matchesBaseline() ? (r.baselineListed() ? "matches a deviation the baseline lists" : "matches the baseline")
                : "≠ baseline: differs from what the baseline expects";
        // files beside the target's results.json: from a requirement page, ../<target folder>/<path>
        List<Views.Link> files = r.files() == null ? List.of() : r.files().stream()
                .map(f -> new Views.Link(f.label(), "../" + SafeNames.targetDir(target) + "/" + f.path())).toList();
        List<Views.Link> also = r.requirements().stream().filter(id -> !id.equals(pageId))
                .map(id -> new Views.Link(id, SafeNames.requirementPage(id).substring("requirements/".length()))).toList();
        return new Views.ResultView(r.test(), r.testId(), o.name(), o.css(), r.baseline(), r.baselineWhy(),
                r.baselineListed(), verdict, r.differsFromBaseline(), r.expected(), r.observed(), r.reason(), r.seed(),
                r.counterexample(), r.durationMs() == null ? null : r.durationMs() + " ms", r.wireLog(), also, !also.isEmpty(),
                files, !files.isEmpty());
    }


    public Views.InfoPage info() {
        List<Views.InfoArea> areas = new ArrayList<>();
        byArea().forEach((area, reqs) -> {
            List<SpecRequirement> infos = reqs.stream().filter(r -> r.level() == Level.INFO).toList();
            if (infos.isEmpty()) {
                return;
            }
            List<TargetResults> cols = covering(area);
            List<Views.InfoRow> rows = new ArrayList<>();
            for (SpecRequirement r : infos) {
                List<Views.InfoCell> cells = new ArrayList<>();
                for (TargetResults t : cols) {
                    List<CaseResult> rs = results(r.id(), t.target());
                    cells.add(new Views.InfoCell(rs.stream().map(ReportModelBuilder::infoValue).toList(), rs.isEmpty(),
                            SafeNames.requirementPage(r.id()) + "#" + SafeNames.targetAnchor(t.target())));
                }
                rows.add(new Views.InfoRow(r.id(), SafeNames.requirementPage(r.id()), r.text(), r.isWithdrawn(), cells));
            }
            boolean draft = draft(area);
            areas.add(new Views.InfoArea(area, SafeNames.areaAnchor(area), draft, draft ? DRAFT_NOTE : null,
                    columns(cols), cols.isEmpty(), rows));
        });
        return new Views.InfoPage("netconform: implementation-defined behaviour", "", generatedAt, targetHeads(""),
                targets.isEmpty(), areas, areas.isEmpty(), legend());
    }

    private static Views.InfoValue infoValue(CaseResult r) {
        Outcome o = r.judged();
        String observed = r.observed() == null || r.observed().isBlank() ? "(nothing observed)" : r.observed();
        return new Views.InfoValue(observed, o.name(), o.css(), o != Outcome.INFORMATIONAL, r.reason(), r.test());
    }

    /** Per target, every result that is not what the spec asks for, in the spec's order. */
    public Views.DeviationsPage deviations() {
        Map<String, Integer> position = new HashMap<>();
        for (SpecRequirement r : requirements) {
            position.putIfAbsent(r.id(), position.size());
        }
        Comparator<CaseResult> order = Comparator
                .comparingInt((CaseResult r) -> r.requirements().stream().mapToInt(id -> position.getOrDefault(id,
                        Integer.MAX_VALUE)).min().orElse(Integer.MAX_VALUE))
                .thenComparing(CaseResult::test, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(CaseResult::testId, Comparator.nullsFirst(Comparator.naturalOrder()));
        List<Views.DeviationTarget> sections = new ArrayList<>();
        for (TargetResults t : targets) {
            List<Views.DeviationRow> rows = t.results().stream().filter(ReportModelBuilder::isDeviation).sorted(order)
                    .map(r -> deviationRow(r, t.target())).toList();
            sections.add(new Views.DeviationTarget(t.target(), t.targetDescription(), SafeNames.targetAnchor(t.target()),
                    rows.size(), rows, rows.isEmpty()));
        }
        return new Views.DeviationsPage("netconform: deviations per target", "", generatedAt, targetHeads(""),
                targets.isEmpty(), sections, legend());
    }

    private static Views.DeviationRow deviationRow(CaseResult r, String target) {
        Outcome o = r.judged();
        List<Views.Link> reqs = r.requirements().stream().map(id -> new Views.Link(id,
                SafeNames.requirementPage(id) + "#" + SafeNames.targetAnchor(target))).toList();
        String observed = firstLine(r.observed());
        String reason = firstLine(r.reason());
        // what the target did: the observation when there is one, else why it was not judged
        boolean useObserved = observed != null && o != Outcome.UNSUPPORTED && o != Outcome.ERROR || reason == null;
        String detail = useObserved ? observed : reason;
        return new Views.DeviationRow(reqs, r.test(), o.name(), o.css(), r.baselineWhy(), r.differsFromBaseline(),
                detail, detail == null ? null : useObserved ? "observed" : "reason");
    }

    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        int nl = s.indexOf('\n');
        s = (nl >= 0 ? s.substring(0, nl) : s).strip();
        return s.length() > DETAIL_TEXT ? s.substring(0, DETAIL_TEXT - 1).strip() + "…" : s;
    }

    /** The matrix's short text: the first line, up to the first sentence's end, at most 140 characters. */
    static String shortText(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        String line = nl >= 0 ? text.substring(0, nl) : text;
        int stop = line.indexOf(". ");
        String s = (stop > 0 ? line.substring(0, stop + 1) : line).strip();
        return s.length() > SHORT_TEXT ? s.substring(0, SHORT_TEXT - 1).strip() + "…" : s;
    }
}
