package org.netconform.reports;

import org.netconform.spec.Level;
import org.netconform.spec.SpecCatalog;
import org.netconform.spec.SpecRequirement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns the spec and every target's results into the views of the index, the requirement pages and
 * the INFO table. A result that names several requirements counts for each of them; a result that
 * names an ID the spec does not have gets a row of its own, under "not in the spec".
 */
public final class ReportModelBuilder {
    static final String NOT_IN_SPEC = "not in the spec";
    private static final int SHORT_TEXT = 140;

    private final List<SpecRequirement> requirements;
    private final List<String> unknownIds;
    private final List<TargetResults> targets;
    private final String generatedAt;
    /** requirement ID -> target -> results. */
    private final Map<String, Map<String, List<CaseResult>>> index = new HashMap<>();

    public ReportModelBuilder(SpecCatalog catalog, List<TargetResults> targets, String generatedAt) {
        this.requirements = List.copyOf(catalog.all());
        this.targets = List.copyOf(targets);
        this.generatedAt = generatedAt;
        TreeSet<String> unknown = new TreeSet<>();
        for (TargetResults t : targets) {
            for (CaseResult r : t.results()) {
                for (String id : r.requirements()) {
                    index.computeIfAbsent(id, k -> new HashMap<>())
                            .computeIfAbsent(t.target(), k -> new ArrayList<>()).add(r);
                    if (catalog.find(id).isEmpty()) {
                        unknown.add(id);
                    }
                }
            }
        }
        this.unknownIds = List.copyOf(unknown);
    }

    List<CaseResult> results(String requirementId, String target) {
        return index.getOrDefault(requirementId, Map.of()).getOrDefault(target, List.of());
    }

    static List<Views.Legend> legend() {
        List<Views.Legend> legend = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            legend.add(new Views.Legend(o.name(), o.css(), o.meaning()));
        }
        legend.add(new Views.Legend(Aggregate.NOT_RUN, Aggregate.NOT_RUN_CSS, "no result for this requirement and target"));
        return legend;
    }

    List<Views.TargetHead> targetHeads() {
        return targets.stream().map(t -> {
            int differing = (int) t.results().stream().filter(CaseResult::differsFromBaseline).count();
            return new Views.TargetHead(t.target(), t.targetDescription(), t.results().size(), differing, differing > 0);
        }).toList();
    }

    public Views.IndexPage index() {
        return new Views.IndexPage("netconform conformance report", "", generatedAt, targetHeads(), targets.isEmpty(),
                summary(), areas(), legend());
    }

    private Views.Cell cell(String id, String target, String root) {
        return Aggregate.cell(results(id, target), root + SafeNames.requirementPage(id) + "#" + SafeNames.targetAnchor(target));
    }

    private List<Views.AreaGroup> areas() {
        Map<String, List<SpecRequirement>> byArea = new LinkedHashMap<>();
        for (SpecRequirement r : requirements) {
            byArea.computeIfAbsent(r.area(), a -> new ArrayList<>()).add(r);
        }
        List<Views.AreaGroup> groups = new ArrayList<>();
        byArea.forEach((area, reqs) -> groups.add(new Views.AreaGroup(area, reqs.get(0).file(), SafeNames.areaAnchor(area),
                reqs.stream().map(r -> new Views.MatrixRow(r.id(), SafeNames.requirementPage(r.id()), r.level().name(),
                        shortText(r.text()), r.isWithdrawn(), r.withdrawn().orElse(null), cells(r.id(), ""))).toList())));
        if (!unknownIds.isEmpty()) {
            groups.add(new Views.AreaGroup(NOT_IN_SPEC, null, SafeNames.areaAnchor("not-in-spec"), unknownIds.stream()
                    .map(id -> new Views.MatrixRow(id, SafeNames.requirementPage(id), "?", "named by a test, but not in the spec",
                            false, null, cells(id, ""))).toList()));
        }
        return groups;
    }

    private List<Views.Cell> cells(String id, String root) {
        return targets.stream().map(t -> cell(id, t.target(), root)).toList();
    }

    private List<Views.SummaryRow> summary() {
        Map<String, Map<Level, List<SpecRequirement>>> byAreaLevel = new LinkedHashMap<>();
        for (SpecRequirement r : requirements) {
            if (!r.isWithdrawn()) {
                byAreaLevel.computeIfAbsent(r.area(), a -> new EnumMap<>(Level.class))
                        .computeIfAbsent(r.level(), l -> new ArrayList<>()).add(r);
            }
        }
        List<Views.SummaryRow> rows = new ArrayList<>();
        byAreaLevel.forEach((area, byLevel) -> byLevel.forEach((level, reqs) -> {
            List<Views.SummaryCell> cells = new ArrayList<>();
            for (TargetResults t : targets) {
                Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
                int notRun = 0;
                for (SpecRequirement r : reqs) {
                    Outcome worst = Aggregate.worst(results(r.id(), t.target()));
                    if (worst == null) {
                        notRun++;
                    } else {
                        counts.merge(worst, 1, Integer::sum);
                    }
                }
                cells.add(new Views.SummaryCell(counts.entrySet().stream()
                        .map(e -> new Views.OutcomeCount(e.getKey().name(), e.getKey().css(), e.getValue())).toList(),
                        notRun, notRun > 0));
            }
            rows.add(new Views.SummaryRow(area, SafeNames.areaAnchor(area), level.name(), reqs.size(), cells));
        }));
        return rows;
    }

    /** One page per requirement of the spec, and one per ID that tests name but the spec lacks. */
    public List<Views.RequirementPage> requirementPages() {
        List<Views.RequirementPage> pages = new ArrayList<>();
        for (SpecRequirement r : requirements) {
            pages.add(new Views.RequirementPage(r.id() + " · " + r.level(), "../",
                    SafeNames.requirementPage(r.id()), r.id(), r.level().name(), String.join(", ", r.roles()),
                    r.layers().stream().map(l -> l.label()).collect(Collectors.joining(", ")), r.text(), r.source(),
                    r.area(), r.file(), r.line(), true, r.isWithdrawn(), r.withdrawn().orElse(null),
                    sections(r.id()), targets.isEmpty(), legend()));
        }
        for (String id : unknownIds) {
            pages.add(new Views.RequirementPage(id + " (not in the spec)", "../", SafeNames.requirementPage(id), id,
                    "?", null, null, null, null, NOT_IN_SPEC, null, 0, false, false, null, sections(id),
                    targets.isEmpty(), legend()));
        }
        return pages;
    }

    private List<Views.TargetSection> sections(String id) {
        return targets.stream().map(t -> {
            List<CaseResult> rs = results(id, t.target());
            return new Views.TargetSection(t.target(), t.targetDescription(), SafeNames.targetAnchor(t.target()),
                    Aggregate.cell(rs, "#" + SafeNames.targetAnchor(t.target())),
                    rs.stream().map(r -> resultView(id, r)).toList(), rs.isEmpty());
        }).toList();
    }

    private static Views.ResultView resultView(String pageId, CaseResult r) {
        Outcome o = r.judged();
        String verdict = r.matchesBaseline() == null ? "no baseline verdict"
                : r.matchesBaseline() ? (r.baselineListed() ? "matches a deviation the baseline lists" : "matches the baseline")
                : "≠ baseline: differs from what the baseline expects";
        List<Views.Link> also = r.requirements().stream().filter(id -> !id.equals(pageId))
                .map(id -> new Views.Link(id, SafeNames.requirementPage(id).substring("requirements/".length()))).toList();
        return new Views.ResultView(r.test(), r.testId(), o.name(), o.css(), r.baseline(), r.baselineWhy(),
                r.baselineListed(), verdict, r.differsFromBaseline(), r.expected(), r.observed(), r.reason(), r.seed(),
                r.counterexample(), r.durationMs() == null ? null : r.durationMs() + " ms", r.wireLog(), also, !also.isEmpty());
    }

    public Views.InfoPage info() {
        List<Views.InfoRow> rows = new ArrayList<>();
        for (SpecRequirement r : requirements) {
            if (r.level() != Level.INFO) {
                continue;
            }
            List<Views.InfoCell> cells = new ArrayList<>();
            for (TargetResults t : targets) {
                List<CaseResult> rs = results(r.id(), t.target());
                cells.add(new Views.InfoCell(rs.stream().map(ReportModelBuilder::infoValue).toList(), rs.isEmpty(),
                        SafeNames.requirementPage(r.id()) + "#" + SafeNames.targetAnchor(t.target())));
            }
            rows.add(new Views.InfoRow(r.id(), SafeNames.requirementPage(r.id()), r.text(), r.isWithdrawn(), cells));
        }
        return new Views.InfoPage("netconform: implementation-defined behaviour", "", generatedAt, targetHeads(),
                targets.isEmpty(), rows, rows.isEmpty(), legend());
    }

    private static Views.InfoValue infoValue(CaseResult r) {
        Outcome o = r.judged();
        String observed = r.observed() == null || r.observed().isBlank() ? "(nothing observed)" : r.observed();
        return new Views.InfoValue(observed, o.name(), o.css(), o != Outcome.INFORMATIONAL, r.reason(), r.test());
    }

    static String shortText(String text) {
        if (text == null) {
            return "";
        }
        int stop = text.indexOf(". ");
        String s = (stop > 0 ? text.substring(0, stop + 1) : text).strip();
        return s.length() > SHORT_TEXT ? s.substring(0, SHORT_TEXT - 1).strip() + "…" : s;
    }
}
