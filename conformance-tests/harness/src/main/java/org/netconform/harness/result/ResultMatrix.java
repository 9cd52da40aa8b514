package org.netconform.harness.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A grid of cases a test ran and judged together, published on its {@link CaseResult} (field {@code matrix} of
 * results.json) so the report can draw it cell by cell instead of showing it as text. Any suite that runs a grid
 * of "side A behaviour x side B behaviour" (the traversal matrices on reference NATs in virtual time, or on Linux
 * NATs in namespaces) or "configuration x client" (discovery accuracy) publishes this one shape:
 *
 * <pre>
 * matrix: {id, title, where, rowAxis, columnAxis, rows[], columns[], cells[]}
 * cell:   {row, column, technique, predicted, observed, agrees, error, detail, log}
 * </pre>
 *
 * Several tests may publish the same matrix (one judges where the prediction says yes, another records the
 * rest): the report draws a matrix once per {@code id} and target. A cell whose {@code column} is absent belongs
 * to the column of the target that published it: the report then merges the matrices of that {@code id} from
 * every target into one grid, a column per target (a suite does not know which target it runs against).
 *
 * @param id         a stable key, unique per grid and place it ran: e.g. {@code traversal-udp-virtual}
 * @param title      what the grid shows, e.g. {@code UDP hole punching: prediction against outcome}
 * @param where      where the cells ran, e.g. {@code reference NAT, virtual time} or {@code Linux NATs in namespaces}
 * @param rowAxis    what a row is, e.g. {@code side A (alice): its NAT's mapping+filtering}
 * @param columnAxis what a column is, e.g. {@code side B (bob): its NAT's mapping+filtering}, or {@code client}
 * @param rows       the row labels in order
 * @param columns    the column labels in order; empty when the columns are the targets
 * @param cells      the cells, at most one per row and column
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "title", "where", "rowAxis", "columnAxis", "rows", "columns", "cells"})
public record ResultMatrix(String id, String title, String where, String rowAxis, String columnAxis,
                           List<String> rows, List<String> columns, List<Cell> cells) {

    public ResultMatrix {
        rows = rows == null ? List.of() : List.copyOf(rows);
        columns = columns == null ? List.of() : List.copyOf(columns);
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    /**
     * One case of the grid.
     *
     * @param row       side A's behaviour (or the configuration), one of the matrix's rows
     * @param column    side B's behaviour, one of its columns; absent: the publishing target's column
     * @param technique what was tried: {@code UDP}, {@code TCP}, {@code reversal}; or what was asked of a
     *                  discovery client: {@code mapping}, {@code filtering}, {@code hairpinning}
     * @param predicted what the oracle says: the prediction table's {@code yes}/{@code no}, or the NAT's real behaviour
     * @param observed  what happened: {@code yes}, {@code no}, {@code one-way}; or what the client reported;
     *                  absent when nothing could be observed
     * @param agrees    whether observed is what was predicted; absent when the cell gave no answer (see error) or
     *                  did not run: such a cell is neither a pass nor a failure
     * @param error     why the cell gave no answer (the peers threw, the client crashed); absent otherwise
     * @param detail    a short note: what went wrong, what was locked
     * @param log       the cell's whole log (candidates tried, packets sent and dropped, the NATs' tables): a file
     *                  beside the target's results.json, relative to its folder (as {@link FileLink#path()})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"row", "column", "technique", "predicted", "observed", "agrees", "error", "detail", "log"})
    public record Cell(String row, String column, String technique, String predicted, String observed,
                       Boolean agrees, String error, String detail, String log) {
        /** Every free text passed through {@code f} (paths and labels of the grid stay as they are). */
        Cell mapText(UnaryOperator<String> f) {
            return new Cell(row, column, technique, f.apply(predicted), f.apply(observed), agrees, f.apply(error),
                    f.apply(detail), log);
        }
    }

    /** This matrix with every cell's free text passed through {@code f} (null-safe, as {@link CaseResult#mapText}). */
    public ResultMatrix mapText(UnaryOperator<String> f) {
        UnaryOperator<String> g = s -> s == null ? null : f.apply(s);
        return new ResultMatrix(id, g.apply(title), g.apply(where), g.apply(rowAxis), g.apply(columnAxis), rows, columns,
                cells.stream().map(c -> c.mapText(g)).toList());
    }
}
