package org.netconform.reports;

import java.util.List;

/**
 * What the grid pages show (a page per {@link org.netconform.harness.result.ResultMatrix} id): plain values, as
 * in {@link Views}, so the template holds no logic.
 */
public final class GridViews {
    private GridViews() {
    }

    /** A link to a grid page, with its counts, for the index and the area sections. */
    public record GridLink(String title, String where, String href, String counts, boolean anyDisagree,
                           boolean anyNoVerdict) {
    }

    /** A kind of cell: its colour class, its label and what it means (the page's legend); a count of 0 is not coloured. */
    public record Kind(String css, String label, String meaning, int count, boolean any) {
    }

    /**
     * A cell: {@code label} says in words what the colour says, {@code line} what was predicted and observed.
     * {@code href} is the cell's log, or null when it has none.
     */
    public record Cell(String anchor, String css, String label, String line, String title, String href) {
    }

    public record Row(String label, List<Cell> cells) {
    }

    public record Column(String label, String sub) {
    }

    /** The result that published the grid: its requirements and outcome, linked to their pages. */
    public record Source(List<Views.Link> requirements, String test, String outcome, String css) {
    }

    /** One grid: a matrix of one target, or the merged grid of every target (a column per target). */
    public record Section(String heading, String anchor, String rowAxis, String columnAxis, List<Column> columns,
                          List<Row> rows, List<Kind> kinds, List<Source> sources) {
    }

    public record Page(String title, String root, String fileName, String generatedAt, String where,
                       List<Section> sections, List<Kind> legend) {
    }
}
