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

    public record TargetHead(String id, String description, int results, int differing, boolean anyDiffering) {
    }

    /** A matrix cell: one requirement at one target. */
    public record Cell(String css, String label, String counts, boolean mixed, boolean notRun, boolean baseline,
                       int differing, boolean anyDiffering, String href, String title) {
    }

    public record MatrixRow(String id, String href, String level, String shortText, boolean withdrawn,
                            String withdrawnWhy, List<Cell> cells) {
    }

    public record AreaGroup(String area, String file, String anchor, List<MatrixRow> rows) {
    }

    public record SummaryCell(List<OutcomeCount> counts, int notRun, boolean anyNotRun) {
    }

    public record SummaryRow(String area, String anchor, String level, int requirements, List<SummaryCell> cells) {
    }

    public record IndexPage(String title, String root, String generatedAt, List<TargetHead> targets,
                            boolean noTargets, List<SummaryRow> summary, List<AreaGroup> areas, List<Legend> legend) {
    }

    public record Link(String label, String href) {
    }

    public record ResultView(String test, String testId, String outcome, String css, String baseline,
                             String baselineWhy, boolean baselineListed, String baselineVerdict, boolean differs,
                             String expected, String observed, String reason, String seed, String counterexample,
                             String duration, String wireLog, List<Link> alsoChecks, boolean hasAlsoChecks) {
    }

    public record TargetSection(String target, String description, String anchor, Cell cell, List<ResultView> results,
                                boolean notRun) {
    }

    public record RequirementPage(String title, String root, String fileName, String id, String level, String roles,
                                  String layers, String text, String source, String area, String file, int line,
                                  boolean inSpec, boolean withdrawn, String withdrawnWhy, List<TargetSection> targets,
                                  boolean noTargets, List<Legend> legend) {
    }

    public record InfoValue(String observed, String outcome, String css, boolean judgedOtherwise, String reason,
                            String test) {
    }

    public record InfoCell(List<InfoValue> values, boolean notRun, String href) {
    }

    public record InfoRow(String id, String href, String text, boolean withdrawn, List<InfoCell> cells) {
    }

    public record InfoPage(String title, String root, String generatedAt, List<TargetHead> targets, boolean noTargets,
                           List<InfoRow> rows, boolean noRows, List<Legend> legend) {
    }
}
