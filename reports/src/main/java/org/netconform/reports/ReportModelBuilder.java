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
    private final GridPages grids;

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
        this.grids = new GridPages(targets, generatedAt);
    }

    /** A page per grid (a traversal matrix, discovery accuracy) that some result published. */
    public List<GridViews.Page> gridPages() {
        return grids.pages();
    }

    /** Links to the grids of an area (every grid when null). */
    private List<GridViews.GridLink> gridLinks(String area) {
        return grids.links(area, this::areaOf);
    }

    private String areaOf(String id) {
        return catalog.find(id).map(SpecRequirement::area).orElse(NOT_IN_SPEC);
    }

    /** The kinds of adapter, in the order the report shows their matrices, and what each is called. */
    static final List<String> GROUP_ORDER = List.of("ByteOrderCodec", "UdpStackAdapter", "NatAdapter", "WebSocketCodec",
            "WebSocketServerAdapter", "WebSocketClientAdapter");

    static String groupLabel(String adapter) {
        if (adapter == null) {
            return "all targets";
        }
        return switch (adapter) {
            case "ByteOrderCodec" -> "codecs";
            case "UdpStackAdapter" -> "UDP stacks";
            case "NatAdapter" -> "NATs";
            case "WebSocketCodec" -> "codecs (in process)";
            case "WebSocketServerAdapter" -> "servers (over the wire)";
            case "WebSocketClientAdapter" -> "clients (over the wire)";
            default -> adapter;
        };
    }

    /** The adapters (role and layer) through which an area's requirements were checked, in the report's order. */
    List<String> groups(String area) {
        Set<String> gs = new LinkedHashSet<>();
        for (TargetResults t : targets) {
            for (CaseResult r : t.results()) {
                if (r.inCoveredArea() && r.requirements().stream().anyMatch(id -> areaOf(id).equals(area))) {
                    gs.add(r.adapter() == null ? "" : r.adapter());
                }
            }
        }
        List<String> out = new ArrayList<>(gs);
        out.sort(Comparator.comparingInt((String g) -> GROUP_ORDER.indexOf(g) < 0 ? 99 : GROUP_ORDER.indexOf(g))
                .thenComparing(g -> g));
        return out;
    }

    private static boolean inGroup(CaseResult r, String group) {
        return group == null || group.isEmpty() || group.equals(r.adapter()) || r.adapter() == null;
    }

    List<CaseResult> results(String requirementId, String target, String group) {
        return results(requirementId, target).stream().filter(r -> inGroup(r, group)).toList();
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
        return o == Outcome.FAIL || o == Outcome.NON_STRICT || o == Outcome.ERROR;
    }

    /** An UNSUPPORTED result in an area the target covers: not checked, listed apart, not counted as a deviation. */
    static boolean isUncheckedInCoveredArea(CaseResult r) {
        return r.judged() == Outcome.UNSUPPORTED && r.inCoveredArea();
    }

    List<Views.TargetHead> targetHeads(String root) {
        return targets.stream().map(t -> {
            int covered = (int) t.results().stream().filter(CaseResult::inCoveredArea).count();
            int differing = (int) t.results().stream().filter(CaseResult::differsFromBaseline).count();
            int deviations = (int) t.results().stream().filter(ReportModelBuilder::isDeviation).count();
            Set<String> areas = coverage.getOrDefault(t.target(), Set.of());
            Verdict v = Verdict.of(t.results());
            List<Views.BarPart> bar = new ArrayList<>();
            List<Views.OutcomeCount> counts = new ArrayList<>();
            for (Outcome o : List.of(Outcome.PASS, Outcome.FAIL, Outcome.NON_STRICT, Outcome.INFORMATIONAL,
                    Outcome.UNSUPPORTED, Outcome.ERROR)) {
                int n = v.counts().getOrDefault(o, 0);
                if (n > 0) {
                    bar.add(new Views.BarPart(o.name(), o.css(), n, String.format(java.util.Locale.ROOT, "%.2f%%",
                            100.0 * n / Math.max(1, covered))));
                    counts.add(new Views.OutcomeCount(o.name(), o.css(), n));
                }
            }
            return new Views.TargetHead(t.target(), t.targetDescription(), covered, t.results().size() - covered,
                    areas.isEmpty() ? "none" : String.join(", ", areas), differing, differing > 0, deviations,
                    root + DEVIATIONS_PAGE + "#" + SafeNames.targetAnchor(t.target()), v.text(), v.kind().css(),
                    root + targetPage(t.target()), bar, counts);
        }).toList();
    }

    static final String FAILURES_PAGE = "failures.html";

    static String areaPage(String area) {
        return "area-" + SafeNames.areaAnchor(area).substring("area-".length()) + ".html";
    }

    static String targetPage(String target) {
        return "target-" + SafeNames.targetDir(target) + ".html";
    }

    private int deviationCount() {
        return (int) targets.stream().flatMap(t -> t.results().stream()).filter(ReportModelBuilder::isDeviation).count();
    }

    /** The filter bar: every page of the matrix, each a page of its own (so the filter works without JavaScript). */
    List<Views.FilterLink> filters(String current) {
        List<Views.FilterLink> out = new ArrayList<>();
        out.add(new Views.FilterLink("everything", HtmlRenderer.INDEX, current.equals(HtmlRenderer.INDEX)));
        out.add(new Views.FilterLink("failures only", FAILURES_PAGE, current.equals(FAILURES_PAGE)));
        byArea().keySet().stream().filter(a -> !covering(a).isEmpty())
                .forEach(a -> out.add(new Views.FilterLink("area " + a, areaPage(a), current.equals(areaPage(a)))));
        return out;
    }

    public Views.IndexPage index() {
        return new Views.IndexPage("netconform conformance report", "", generatedAt, targetHeads(""), targets.isEmpty(),
                deviationCount(), areas(null, null, false), legend(), filters(HtmlRenderer.INDEX), null, true, HtmlRenderer.INDEX,
                SecurityFindings.section(targets), gridLinks(null), !gridLinks(null).isEmpty());
    }

    /** Only the rows with a FAIL, NON_STRICT or ERROR, or a result that differs from its baseline. */
    public Views.IndexPage failures() {
        return new Views.IndexPage("netconform: failures only", "", generatedAt, targetHeads(""), targets.isEmpty(),
                deviationCount(), areas(null, null, true), legend(), filters(FAILURES_PAGE),
                "Only the requirements with a FAIL, NON_STRICT or ERROR, or a result that differs from its baseline, at some target.",
                false, FAILURES_PAGE, null, List.of(), false);
    }

    /** One page per area that some target covers. */
    public List<Views.IndexPage> areaPages() {
        List<Views.IndexPage> out = new ArrayList<>();
        for (String a : byArea().keySet()) {
            if (!covering(a).isEmpty()) {
                out.add(new Views.IndexPage("netconform: " + a, "", generatedAt, targetHeads(""), targets.isEmpty(),
                        deviationCount(), areas(a, null, false), legend(), filters(areaPage(a)), null, false, areaPage(a),
                        null, List.of(), false));
            }
        }
        return out;
    }

    /** One page per target: its verdict and counts, and its column of every matrix. */
    public List<Views.IndexPage> targetPages() {
        List<Views.IndexPage> out = new ArrayList<>();
        for (TargetResults t : targets) {
            List<Views.TargetHead> head = targetHeads("").stream().filter(h -> h.id().equals(t.target())).toList();
            out.add(new Views.IndexPage("netconform: " + t.target(), "", generatedAt, head, false, deviationCount(),
                    areas(null, t.target(), false), legend(), filters(targetPage(t.target())),
                    t.targetDescription(), false, targetPage(t.target()),
                    SecurityFindings.section(List.of(t)), List.of(), false));
        }
        return out;
    }

    private Views.Cell cell(String id, String target, String root) {
        return Aggregate.cell(results(id, target), root + SafeNames.requirementPage(id) + "#" + SafeNames.targetAnchor(target));
    }

    /**
     * The areas' sections: a matrix per kind of adapter (role and layer) with only the targets checked
     * through it. {@code onlyArea}, {@code onlyTarget} and {@code failuresOnly} narrow it for the filter pages.
     */
    private List<Views.AreaGroup> areas(String onlyArea, String onlyTarget, boolean failuresOnly) {
        List<Views.AreaGroup> groups = new ArrayList<>();
        Set<String> rowIds = new java.util.HashSet<>();
        byArea().forEach((area, reqs) -> {
            if (onlyArea != null && !onlyArea.equals(area)) {
                return;
            }
            List<TargetResults> cols = covering(area).stream()
                    .filter(t -> onlyTarget == null || t.target().equals(onlyTarget)).toList();
            if ((onlyTarget != null || failuresOnly) && cols.isEmpty()) {
                return;
            }
            boolean draft = draft(area);
            List<Views.SummaryRow> summary = summary(reqs, cols);
            List<String> gs = groups(area);
            List<Views.Matrix> matrices = new ArrayList<>();
            Set<String> shown = new java.util.HashSet<>();
            for (String g : gs) {
                List<TargetResults> gcols = cols.stream().filter(t -> t.results().stream().anyMatch(r -> r.inCoveredArea()
                        && g.equals(r.adapter() == null ? "" : r.adapter())
                        && r.requirements().stream().anyMatch(id -> areaOf(id).equals(area)))).toList();
                if (gcols.isEmpty()) {
                    continue;
                }
                List<SpecRequirement> rs = gs.size() == 1 ? reqs : reqs.stream().filter(r -> targets.stream()
                        .anyMatch(t -> !results(r.id(), t.target(), g).isEmpty() && results(r.id(), t.target(), g)
                                .stream().anyMatch(x -> g.equals(x.adapter() == null ? "" : x.adapter())))).toList();
                List<Views.MatrixRow> rows = new ArrayList<>();
                for (SpecRequirement r : rs) {
                    List<Views.Cell> cells = gcols.stream().map(t -> Aggregate.cell(results(r.id(), t.target(), g),
                            SafeNames.requirementPage(r.id()) + "#" + SafeNames.targetAnchor(t.target()))).toList();
                    if (failuresOnly && cells.stream().noneMatch(c -> c.anyDiffering() || c.css().equals("o-fail")
                            || c.css().equals("o-error") || c.css().equals("o-non-strict"))) {
                        continue;
                    }
                    shown.add(r.id());
                    String rowId = rowIds.add(r.id()) ? r.id() : r.id() + "-" + (g.isEmpty() ? "all" : g);
                    rows.add(new Views.MatrixRow(rowId, SafeNames.requirementPage(r.id()), r.level().name(),
                            shortText(r.text()), r.isWithdrawn(), r.withdrawn().orElse(null), cells));
                }
                if (failuresOnly && rows.isEmpty()) {
                    continue;
                }
                matrices.add(new Views.Matrix(gs.size() == 1 && g.isEmpty() ? null : area + " · " + groupLabel(g.isEmpty() ? null : g),
                        SafeNames.areaAnchor(area) + "-" + (g.isEmpty() ? "all" : g), gcols.stream()
                        .map(t -> new Views.Column(t.target(), targetPage(t.target()))).toList(), rows, rows.isEmpty()));
            }
            if (failuresOnly && matrices.isEmpty()) {
                return;
            }
            String notRun = gs.size() <= 1 || failuresOnly ? null : reqs.stream().filter(r -> !shown.contains(r.id())
                    && !r.isWithdrawn()).map(SpecRequirement::id).collect(Collectors.joining(", "));
            groups.add(new Views.AreaGroup(area, reqs.get(0).file(), SafeNames.areaAnchor(area), draft,
                    draft ? DRAFT_NOTE : null, columns(cols), cols.isEmpty(), summary, !summary.isEmpty(),
                    List.of(), matrices, notRun == null || notRun.isEmpty() ? null : notRun, covering(area).isEmpty() ? null : areaPage(area),
                    gridLinks(area), !gridLinks(area).isEmpty()));
        });
        if (!unknownIds.isEmpty() && onlyArea == null) {
            List<TargetResults> cols = covering(NOT_IN_SPEC).stream()
                    .filter(t -> onlyTarget == null || t.target().equals(onlyTarget)).toList();
            List<Views.MatrixRow> rows = unknownIds.stream()
                    .map(id -> new Views.MatrixRow(id, SafeNames.requirementPage(id), "?",
                            "named by a test, but not in the spec", false, null, cells(id, cols))).toList();
            groups.add(new Views.AreaGroup(NOT_IN_SPEC, null, SafeNames.areaAnchor("not-in-spec"), false, null,
                    columns(cols), cols.isEmpty(), List.of(), false, rows,
                    cols.isEmpty() ? List.of() : List.of(new Views.Matrix(null, "area-not-in-spec-all",
                            cols.stream().map(t -> new Views.Column(t.target(), targetPage(t.target()))).toList(), rows, false)),
                    null, HtmlRenderer.INDEX, List.of(), false));
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
                    !targets.isEmpty() && cols.isEmpty(), notCovering(r.area()), legend(), sourceParts(r.source()),
                    pageSummary(r.id(), cols), !cols.isEmpty()));
        }
        for (String id : unknownIds) {
            List<TargetResults> cols = covering(NOT_IN_SPEC);
            pages.add(new Views.RequirementPage(id + " (not in the spec)", "../", SafeNames.requirementPage(id),
                    backHref(id, "not-in-spec", cols), id,
                    "?", null, null, List.of(), null, NOT_IN_SPEC, null, 0, false, false, null, false, null,
                    sections(id, cols), targets.isEmpty(), !targets.isEmpty() && cols.isEmpty(),
                    notCovering(NOT_IN_SPEC), legend(), List.of(), pageSummary(id, cols), !cols.isEmpty()));
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

    private List<Views.TargetSummary> pageSummary(String id, List<TargetResults> cols) {
        return cols.stream().map(t -> {
            List<CaseResult> rs = results(id, t.target());
            String baseline = rs.stream().filter(CaseResult::baselineListed).map(CaseResult::baselineWhy).distinct()
                    .collect(Collectors.joining("; "));
            return new Views.TargetSummary(t.target(), SafeNames.targetAnchor(t.target()),
                    Aggregate.cell(rs, "#" + SafeNames.targetAnchor(t.target())), rs.size(), baseline.isEmpty() ? null : baseline);
        }).toList();
    }

    private static final java.util.regex.Pattern RFC = java.util.regex.Pattern.compile(
            "RFC\\s*(\\d{3,5})(?:\\s*(?:§|section|Section|sect\\.)\\s*(\\d+(?:\\.\\d+)*))?(?:\\s*(?:App(?:endix|\\.)?)\\s*([A-Z](?:\\.\\d+)*))?");
    private static final java.util.regex.Pattern MAN = java.util.regex.Pattern.compile("\\b([a-z_][a-z0-9_.]*)\\(([1-8])\\)");

    /** A source's text, with each RFC section and man page a link to it. */
    static List<Views.SourcePart> sourceParts(String source) {
        List<Views.SourcePart> out = new ArrayList<>();
        if (source == null) {
            return out;
        }
        record Hit(int start, int end, String href) {
        }
        List<Hit> hits = new ArrayList<>();
        java.util.regex.Matcher m = RFC.matcher(source);
        while (m.find()) {
            String href = "https://www.rfc-editor.org/rfc/rfc" + m.group(1)
                    + (m.group(2) != null ? "#section-" + m.group(2) : m.group(3) != null ? "#appendix-" + m.group(3) : "");
            hits.add(new Hit(m.start(), m.end(), href));
        }
        java.util.regex.Matcher man = MAN.matcher(source);
        while (man.find()) {
            int st = man.start();
            int en = man.end();
            if (hits.stream().noneMatch(h -> st < h.end() && en > h.start())) {
                hits.add(new Hit(st, en, "https://man7.org/linux/man-pages/man" + man.group(2) + "/"
                        + man.group(1) + "." + man.group(2) + ".html"));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::start));
        int at = 0;
        for (Hit h : hits) {
            if (h.start() > at) {
                out.add(new Views.SourcePart(source.substring(at, h.start()), null));
            }
            out.add(new Views.SourcePart(source.substring(h.start(), h.end()), h.href()));
            at = h.end();
        }
        if (at < source.length()) {
            out.add(new Views.SourcePart(source.substring(at), null));
        }
        return out;
    }

    /** A duration as a person reads it: 850 ms, 2.5 s, 1 min 3 s. */
    static String duration(Long ms) {
        if (ms == null) {
            return null;
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
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
        // a failed check's reason repeats what was expected and observed: shown once, not twice
        String reason = r.reason() != null && r.observed() != null && r.observed().length() > 40
                && r.reason().contains(r.observed()) ? null : r.reason();
        return new Views.ResultView(r.test(), r.testId(), o.name(), o.css(), r.baseline(), r.baselineWhy(),
                r.baselineListed(), verdict, r.differsFromBaseline(), r.expected(), r.observed(), reason, r.seed(),
                r.counterexample(), o == Outcome.UNSUPPORTED && Long.valueOf(0).equals(r.durationMs()) ? null : duration(r.durationMs()),
                r.wireLog(), also, !also.isEmpty(), o != Outcome.PASS && o != Outcome.UNSUPPORTED || r.differsFromBaseline(),
                r.wireLog() == null ? null : r.wireLog().lines().count() + " lines", files, !files.isEmpty(),
                r.stackTrace() == null ? null : "../" + SafeNames.targetDir(target) + "/" + ResultsJson.TRACES_FILE_NAME);
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
            List<Views.DeviationRow> unchecked = t.results().stream().filter(ReportModelBuilder::isUncheckedInCoveredArea)
                    .sorted(order).map(r -> deviationRow(r, t.target())).toList();
            sections.add(new Views.DeviationTarget(t.target(), t.targetDescription(), SafeNames.targetAnchor(t.target()),
                    rows.size(), rows, rows.isEmpty(), unchecked, unchecked.size(), !unchecked.isEmpty()));
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
