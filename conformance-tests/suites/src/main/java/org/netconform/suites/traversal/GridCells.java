package org.netconform.suites.traversal;

import java.util.Optional;
import org.netconform.harness.CurrentTarget;
import org.netconform.harness.result.ReportFiles;
import org.netconform.harness.result.ResultMatrix;

/**
 * Writes one cell's log beside the target's results.json ({@code matrix/<grid>/<row>__<column>__<technique>.txt}) and makes
 * the cell of a {@link ResultMatrix} that links it. The logs live in files, not in results.json, so that file
 * stays small: 81 cells of a traversal matrix carry several KiB of log each.
 */
public final class GridCells {
    private GridCells() {
    }

    /**
     * The cell, with {@code log} written to its file; when the file cannot be written (no report directory) the
     * cell has no log and {@code whenUnwritten} gets the text, so the log still reaches the result's wire log.
     */
    public static ResultMatrix.Cell cell(String grid, String row, String column, String technique, String predicted,
                                  String observed, Boolean agrees, String error, String detail, String log,
                                  java.util.function.Consumer<String> whenUnwritten) {
        String head = "cell " + row + (column == null ? "" : " / " + column) + " of " + grid + " (" + technique + ")\n"
                + "predicted " + predicted + ", observed " + (observed == null ? "nothing" : observed) + ": "
                + (agrees == null ? "no answer" + (error == null ? "" : " (" + error + ")") : agrees ? "agrees" : "DISAGREES")
                + (detail == null || detail.isBlank() ? "" : "\n" + detail) + "\n\n";
        String path = "matrix/" + plain(grid) + "/" + ReportFiles.fileName(plain(row) + "__" + plain(column)
                + "__" + plain(technique), ".txt");
        Optional<String> written = ReportFiles.write(CurrentTarget.get().id(), path, head + log);
        if (written.isEmpty()) {
            whenUnwritten.accept(head + log);
        }
        return new ResultMatrix.Cell(row, column, technique, predicted, observed, agrees, error,
                detail == null || detail.isBlank() ? null : detail, written.orElse(null));
    }

    /** A label as a file name part: {@code EIM+APDF} becomes {@code EIM-APDF} (plain names read better than hex). */
    private static String plain(String label) {
        return label == null ? "target" : label.replaceAll("[^A-Za-z0-9._-]+", "-");
    }
}
