package org.netconform.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.netconform.harness.result.CaseResult;
import org.netconform.harness.result.Outcome;
import org.netconform.harness.result.ResultMatrix;

/**
 * The grid pages: one per {@link ResultMatrix} id that some result published, each cell coloured by whether what
 * was observed agrees with what was predicted, and linked to its log. A grid whose cells name their columns is
 * drawn once per target that published it; a grid whose cells leave the column to the target (discovery accuracy:
 * a column per client) is drawn once, merged over every target. A cell with no verdict (the case threw, or gave
 * no answer) and a cell the grid declares but nobody published are grey and say so: never the colour of agreement.
 */
final class GridPages {
    /** The kinds of cell, in the legend's order. */
    enum Kind {
        AGREE_YES("g-agree-yes", "agree: yes", "correct",
                "observed what was predicted: a connection where the prediction says yes (or the right report)"),
        AGREE_NO("g-agree-no", "agree: no", "correct",
                "observed what was predicted: no connection where the prediction says no"),
        DISAGREE("g-disagree", "DISAGREES", "WRONG",
                "observed something else than predicted (or the client reported something else than the NAT is)"),
        ERROR("g-error", "error", "error", "no verdict: the case threw or gave no answer; not a pass, not a failure"),
        NOT_RUN("g-not-run", "not run", "not run", "the grid has this cell but no result published it");

        final String css;
        final String predictionLabel;
        final String accuracyLabel;
        final String meaning;

        Kind(String css, String predictionLabel, String accuracyLabel, String meaning) {
            this.css = css;
            this.predictionLabel = predictionLabel;
            this.accuracyLabel = accuracyLabel;
            this.meaning = meaning;
        }

        String label(boolean prediction) {
            return prediction ? predictionLabel : accuracyLabel;
        }

        /** A grid of reports (not predictions) has one colour for a right answer: no "agree: no". */
        static List<Kind> of(boolean prediction) {
            return java.util.Arrays.stream(values()).filter(k -> prediction || k != AGREE_NO).toList();
        }

        static Kind of(ResultMatrix.Cell c, boolean prediction) {
            if (c == null) {
                return NOT_RUN;
            }
            if (c.agrees() == null) {
                return ERROR;
            }
            if (!c.agrees()) {
                return DISAGREE;
            }
            return prediction && "no".equals(c.predicted()) ? AGREE_NO : AGREE_YES;
        }
    }

    private record Published(TargetResults target, CaseResult result, ResultMatrix matrix) {
    }

    /** A cell's place: its row, its column (the target's ID when the grid leaves columns to the targets), its technique. */
    private record Key(String row, String column, String technique) {
    }

    private final List<TargetResults> targets;
    private final String generatedAt;
    /** grid id -> every result that published it, in the report's target order, then the results' order. */
    private final Map<String, List<Published>> byId = new LinkedHashMap<>();

    GridPages(List<TargetResults> targets, String generatedAt) {
        this.targets = List.copyOf(targets);
        this.generatedAt = generatedAt;
        for (TargetResults t : targets) {
            for (CaseResult r : t.results()) {
                if (r.matrix() != null && r.matrix().id() != null) {
                    byId.computeIfAbsent(r.matrix().id(), k -> new ArrayList<>()).add(new Published(t, r, r.matrix()));
                }
            }
        }
    }

    static String fileName(String id) {
        return "grid-" + SafeNames.gridStem(id) + ".html";
    }

    List<GridViews.Page> pages() {
        List<GridViews.Page> out = new ArrayList<>();
        byId.forEach((id, ps) -> out.add(new GridViews.Page(ps.get(0).matrix().title(), "", fileName(id), generatedAt,
                ps.get(0).matrix().where(), sections(ps), legend(prediction(ps)))));
        return out;
    }

    /** Links to the grids whose results name a requirement of {@code area} (every grid when null). */
    List<GridViews.GridLink> links(String area, Function<String, String> areaOf) {
        List<GridViews.GridLink> out = new ArrayList<>();
        byId.forEach((id, ps) -> {
            if (area != null && ps.stream().noneMatch(p -> p.result().requirements().stream()
                    .anyMatch(r -> area.equals(areaOf.apply(r))))) {
                return;
            }
            boolean prediction = prediction(ps);
            Map<Kind, Integer> counts = new LinkedHashMap<>();
            // a section's kinds come in the order of Kind.of(prediction)
            sections(ps).forEach(s -> {
                for (int i = 0; i < s.kinds().size(); i++) {
                    counts.merge(Kind.of(prediction).get(i), s.kinds().get(i).count(), Integer::sum);
                }
            });
            StringBuilder text = new StringBuilder();
            counts.forEach((k, n) -> {
                if (n > 0) {
                    text.append(text.length() == 0 ? "" : " · ").append(k.label(prediction)).append(' ').append(n);
                }
            });
            out.add(new GridViews.GridLink(ps.get(0).matrix().title(), ps.get(0).matrix().where(), fileName(id),
                    text.toString(), counts.getOrDefault(Kind.DISAGREE, 0) > 0,
                    counts.getOrDefault(Kind.ERROR, 0) + counts.getOrDefault(Kind.NOT_RUN, 0) > 0));
        });
        return out;
    }

    /** Whether the grid speaks of a prediction (every predicted value yes or no) or of a report's accuracy. */
    private static boolean prediction(List<Published> ps) {
        return ps.stream().flatMap(p -> p.matrix().cells().stream())
                .allMatch(c -> "yes".equals(c.predicted()) || "no".equals(c.predicted()));
    }

    private static List<GridViews.Kind> legend(boolean prediction) {
        return Kind.of(prediction).stream()
                .map(k -> new GridViews.Kind(k.css, k.label(prediction), k.meaning, 0, true)).toList();
    }

    private List<GridViews.Section> sections(List<Published> ps) {
        boolean perTarget = ps.stream().flatMap(p -> p.matrix().cells().stream()).allMatch(c -> c.column() != null);
        boolean prediction = prediction(ps);
        if (!perTarget) {
            return List.of(section(ps, null, prediction));
        }
        Map<String, List<Published>> byTarget = new LinkedHashMap<>();
        ps.forEach(p -> byTarget.computeIfAbsent(p.target().target(), k -> new ArrayList<>()).add(p));
        return byTarget.entrySet().stream().map(e -> section(e.getValue(), e.getKey(), prediction)).toList();
    }

    /** One grid; {@code target} null: merged over the targets, a column per target (and technique). */
    private GridViews.Section section(List<Published> ps, String target, boolean prediction) {
        ResultMatrix first = ps.get(0).matrix();
        Map<Key, ResultMatrix.Cell> cells = new LinkedHashMap<>();
        Map<Key, String> targetOf = new LinkedHashMap<>();
        Set<String> rows = new LinkedHashSet<>();
        Set<String> columns = new LinkedHashSet<>();
        Set<String> techniques = new LinkedHashSet<>();
        for (Published p : ps) {
            rows.addAll(p.matrix().rows());
            if (target != null) {
                columns.addAll(p.matrix().columns());
            }
        }
        if (target == null) {
            // the targets' order of the report, not the order their results happen to come in
            targets.stream().map(TargetResults::target).filter(t -> ps.stream().anyMatch(p -> p.target().target().equals(t)))
                    .forEach(columns::add);
        }
        for (Published p : ps) {
            for (ResultMatrix.Cell c : p.matrix().cells()) {
                String column = c.column() != null ? c.column() : p.target().target();
                Key k = new Key(c.row(), column, c.technique());
                // two tests may publish one grid (one judges, one records): the first one's cell stands
                if (cells.putIfAbsent(k, c) == null) {
                    targetOf.put(k, p.target().target());
                }
                rows.add(c.row());
                columns.add(column);
                techniques.add(c.technique());
            }
        }
        boolean subColumns = techniques.size() > 1;
        List<String> techniqueOrder = new ArrayList<>(techniques);
        techniqueOrder.sort(java.util.Comparator.comparingInt(GridPages::techniqueRank));
        List<GridViews.Column> cols = new ArrayList<>();
        List<Key> colKeys = new ArrayList<>();
        for (String c : columns) {
            for (String t : techniqueOrder) {
                cols.add(new GridViews.Column(c, subColumns ? t : null));
                colKeys.add(new Key(null, c, t));
            }
        }
        Map<Kind, Integer> counts = new java.util.EnumMap<>(Kind.class);
        List<GridViews.Row> out = new ArrayList<>();
        int r = 0;
        for (String row : rows) {
            List<GridViews.Cell> line = new ArrayList<>();
            int c = 0;
            for (Key ck : colKeys) {
                Key k = new Key(row, ck.column(), ck.technique());
                ResultMatrix.Cell cell = cells.get(k);
                Kind kind = Kind.of(cell, prediction);
                counts.merge(kind, 1, Integer::sum);
                line.add(view(cell, kind, prediction, row, ck, targetOf.get(k), "c" + r + "-" + c));
                c++;
            }
            out.add(new GridViews.Row(row, line));
            r++;
        }
        List<GridViews.Kind> kinds = Kind.of(prediction).stream().map(k -> new GridViews.Kind(k.css, k.label(prediction),
                k.meaning, counts.getOrDefault(k, 0), counts.getOrDefault(k, 0) > 0)).toList();
        String heading = target == null ? "every client, a column each" : "at " + target;
        String anchor = target == null ? "all" : SafeNames.targetAnchor(target);
        return new GridViews.Section(heading, anchor, first.rowAxis(), first.columnAxis(), cols, out, kinds, sources(ps));
    }

    /**
     * Sub-columns in the order a reader expects (results come sorted by test name, which would put filtering
     * before mapping); techniques not listed come after, in the order they came.
     */
    private static final List<String> TECHNIQUES = List.of("UDP", "TCP", "reversal", "mapping", "filtering", "hairpinning");

    private static int techniqueRank(String technique) {
        int i = TECHNIQUES.indexOf(technique);
        return i < 0 ? TECHNIQUES.size() : i;
    }

    private static GridViews.Cell view(ResultMatrix.Cell cell, Kind kind, boolean prediction, String row, Key column,
                                       String target, String anchor) {
        String where = row + " / " + column.column() + (column.technique() == null ? "" : " (" + column.technique() + ")");
        if (cell == null) {
            return new GridViews.Cell(anchor, kind.css, kind.label(prediction), "no result", where + ": not run", null);
        }
        String line = switch (kind) {
            case ERROR -> ReportModelBuilder.firstLine(cell.error() == null ? "no answer" : cell.error());
            default -> prediction ? "predicted " + cell.predicted() + " · observed " + cell.observed()
                    : "actual " + cell.predicted() + " · reported " + cell.observed();
        };
        String title = where + ": " + kind.label(prediction) + (cell.detail() == null ? "" : "\n" + cell.detail());
        String href = cell.log() == null ? null : SafeNames.targetDir(target) + "/" + cell.log();
        return new GridViews.Cell(anchor, kind.css, kind.label(prediction), line, title, href);
    }

    private static List<GridViews.Source> sources(List<Published> ps) {
        return ps.stream().map(p -> {
            Outcome o = p.result().judged();
            return new GridViews.Source(p.result().requirements().stream().map(id -> new Views.Link(id,
                            SafeNames.requirementPage(id) + "#" + SafeNames.targetAnchor(p.target().target()))).toList(),
                    p.result().test() + " [" + p.target().target() + "]", o.name(), o.css());
        }).toList();
    }
}
