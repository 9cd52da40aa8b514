package org.netconform.reports;

import java.util.List;

/**
 * What the templates show: plain, pre-formatted values, so the templates hold no logic. Every
 * string is rendered with {@code {{ }}}, which HTML-escapes it. Flags are booleans because a
 * mustache section treats any number, even 0, as true.
 */
public final class Views {
    private Views() {
    }

    public record Legend(String name, String css, String meaning) {
    }

    public record OutcomeCount(String outcome, String css, int count) {
    }

    /**
     * A target in the overview: results counts only results of areas it covers; notCovered the
     * results of areas it offers no adapter for.
     */
    public record TargetHead(String id, String description, int results, int notCovered, String areas,
                             int differing, boolean anyDiffering, int deviations, String deviationsHref,
                             String verdict, String verdictCss, String href, List<BarPart> bar, List<OutcomeCount> counts) {
    }

    /** A part of a target's outcome bar: an outcome's share of its results, in percent. */
    public record BarPart(String outcome, String css, int count, String width) {
    }

    /** One matrix of an area: the requirements checked through one kind of adapter (role and layer), by target. */
    public record Matrix(String label, String anchor, List<Column> columns, List<MatrixRow> rows, boolean noRows) {
    }

    /** A link of the report's filter bar (a page of its own, readable without JavaScript). */
    public record FilterLink(String label, String href, boolean current) {
    }

    /** A part of a requirement's source, linked where it names an RFC section or a man page. */
    public record SourcePart(String text, String href) {
    }

    /** A target's row of a requirement page's summary. */
    public record TargetSummary(String target, String anchor, Cell cell, int results, String baseline) {
    }

    /** A column of an area's table: a target that covers the area. */
    public record Column(String id, String href) {
        public Column(String id) {
            this(id, null);
        }
    }

    /** A matrix cell: one requirement at one target. */
    public record Cell(String css, String label, String counts, boolean mixed, boolean notRun, boolean baseline,
                       int differing, boolean anyDiffering, String href, String title) {
    }

    public record MatrixRow(String id, String href, String level, String shortText, boolean withdrawn,
                            String withdrawnWhy, List<Cell> cells) {
    }

    /**
     * A summary cell: requirements by the aggregate of the results in the areas the target covers;
     * notCovered counts requirements whose only results say the target has no adapter for them.
     */
    public record SummaryCell(List<OutcomeCount> counts, int notRun, boolean anyNotRun, int notCovered,
                              boolean anyNotCovered) {
    }

    public record SummaryRow(String level, int requirements, List<SummaryCell> cells) {
    }

    /**
     * One area of the index: its summary per level and its matrix, both with only the targets that
     * cover the area as columns.
     */
    public record AreaGroup(String area, String file, String anchor, boolean draft, String draftNote,
                            List<Column> columns, boolean noColumns, List<SummaryRow> summary, boolean hasSummary,
                            List<MatrixRow> rows, List<Matrix> matrices, String notRun, String href,
                            List<GridViews.GridLink> grids, boolean hasGrids) {
    }

    public record IndexPage(String title, String root, String generatedAt, List<TargetHead> targets,
                            boolean noTargets, int deviations, List<AreaGroup> areas, List<Legend> legend,
                            List<FilterLink> filters, String intro, boolean full, String fileName,
                            SecurityFindings.Section security, List<GridViews.GridLink> grids, boolean hasGrids) {
    }

    public record Link(String label, String href) {
    }

    /** A piece of a requirement's text: prose lines, or a table the spec writes in Markdown. */
    public record TextBlock(String text, boolean table, List<List<String>> head, List<List<String>> rows) {
    }

    public record ResultView(String test, String testId, String outcome, String css, String baseline,
                             String baselineWhy, boolean baselineListed, String baselineVerdict, boolean differs,
                             String expected, String observed, String reason, String seed, String counterexample,
                             String duration, String wireLog, List<Link> alsoChecks, boolean hasAlsoChecks,
                             boolean open, String wireLines, List<Link> files, boolean hasFiles, String traceHref) {
    }

    public record TargetSection(String target, String description, String anchor, Cell cell, List<ResultView> results,
                                boolean notRun) {
    }

    public record RequirementPage(String title, String root, String fileName, String backHref, String id, String level,
                                  String roles,
                                  String layers, List<TextBlock> text, String source, String area, String file,
                                  int line, boolean inSpec, boolean draft, String draftNote, boolean withdrawn,
                                  String withdrawnWhy, List<TargetSection> targets, boolean noTargets,
                                  boolean noCoveringTargets, String notCovering, List<Legend> legend,
                                  List<SourcePart> sourceParts, List<TargetSummary> summary, boolean hasSummary) {
    }

    public record InfoValue(String observed, String outcome, String css, boolean judgedOtherwise, String reason,
                            String test) {
    }

    public record InfoCell(List<InfoValue> values, boolean notRun, String href) {
    }

    public record InfoRow(String id, String href, String text, boolean withdrawn, List<InfoCell> cells) {
    }

    public record InfoArea(String area, String anchor, boolean draft, String draftNote, List<Column> columns,
                           boolean noColumns, List<InfoRow> rows) {
    }

    public record InfoPage(String title, String root, String generatedAt, List<TargetHead> targets, boolean noTargets,
                           List<InfoArea> areas, boolean noRows, List<Legend> legend) {
    }

    /** One result that is not what the spec asks for: FAIL, NON_STRICT, ERROR, or UNSUPPORTED in a covered area. */
    public record DeviationRow(List<Link> requirements, String test, String outcome, String css, String baselineWhy,
                               boolean differs, String detail, String detailLabel) {
    }

    public record DeviationTarget(String target, String description, String anchor, int count,
                                  List<DeviationRow> rows, boolean noRows, List<DeviationRow> unsupported,
                                  int unsupportedCount, boolean anyUnsupported) {
    }

    public record DeviationsPage(String title, String root, String generatedAt, List<TargetHead> targets,
                                 boolean noTargets, List<DeviationTarget> sections, List<Legend> legend) {
    }
}
