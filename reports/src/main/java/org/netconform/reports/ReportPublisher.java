package org.netconform.reports;

import org.netconform.harness.RunOptions;
import org.netconform.spec.SpecCatalog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netconform.harness.result.CaseResult;

/**
 * Writes a run's report: replaces the report directory's contents, writes each target's results.json,
 * summary.json and the JUnit XML, renders the HTML and prints the summary. Also merges the reports of
 * several shards into one.
 */
public final class ReportPublisher {
    private final SpecCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    public ReportPublisher(SpecCatalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    /** Replaces the report directory with this run's results and renders it; returns index.html. */
    public Path publish(Path reportDir, List<TargetResults> fresh) throws IOException {
        return publish(reportDir, fresh, SummaryJson.currentOptions(), List.of());
    }

    public Path publish(Path reportDir, List<TargetResults> fresh, Map<String, String> options, List<String> shards)
            throws IOException {
        ReportDirectory.replace(reportDir);
        for (TargetResults t : fresh) {
            ResultsJson.write(reportDir, t);
        }
        List<TargetResults> all = ResultsJson.readAll(reportDir, err);
        String now = Instant.now().toString();
        SummaryJson.write(reportDir, SummaryJson.build(catalog, all, options, shards, now));
        JUnitXml.write(reportDir, all, Boolean.parseBoolean(options.getOrDefault(RunOptions.STRICT, "false")));
        return render(reportDir, all, now);
    }

    /** Renders the HTML from every {@code *}{@code /results.json} present and prints the summary; returns index.html. */
    public Path render(Path reportDir) throws IOException {
        return render(reportDir, ResultsJson.readAll(reportDir, err), Instant.now().toString());
    }

    private Path render(Path reportDir, List<TargetResults> all, String now) throws IOException {
        ReportModelBuilder model = new ReportModelBuilder(catalog, all, now);
        Path index = new HtmlRenderer().render(reportDir, model);
        print(all, index);
        return index;
    }

    /**
     * Merges the reports of shards (each a report directory) into {@code outDir}: each target's results
     * from every shard, one results.json per target, one summary.json, one JUnit XML, one HTML report.
     */
    public Path merge(List<Path> shardDirs, Path outDir) throws IOException {
        Map<String, List<CaseResult>> byTarget = new TreeMap<>(ResultsJson::compareTargets);
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, String> options = new TreeMap<>();
        List<String> shards = new ArrayList<>();
        for (Path d : shardDirs) {
            Path abs = d.toAbsolutePath().normalize();
            if (abs.equals(outDir.toAbsolutePath().normalize())) {
                throw new IOException("the merged report cannot replace one of its inputs: " + d);
            }
            if (!Files.isDirectory(d)) {
                throw new IOException("no report directory " + d);
            }
            List<TargetResults> ts = ResultsJson.readAll(d, err);
            if (ts.isEmpty()) {
                throw new IOException(d + " holds no */results.json: not a report");
            }
            for (TargetResults t : ts) {
                byTarget.computeIfAbsent(t.target(), k -> new ArrayList<>()).addAll(t.results());
                if (t.targetDescription() != null) {
                    descriptions.putIfAbsent(t.target(), t.targetDescription());
                }
            }
            Path summary = d.resolve(SummaryJson.FILE_NAME);
            if (Files.isRegularFile(summary)) {
                SummaryJson.Summary s = SummaryJson.read(summary);
                if (s.options() != null) {
                    s.options().forEach((k, v) -> {
                        if (k.equals(RunOptions.SHARD)) {
                            shards.add(v);
                        } else {
                            options.putIfAbsent(k, v);
                        }
                    });
                }
            }
        }
        Comparator<CaseResult> order = Comparator.comparing(CaseResult::test, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(CaseResult::testId, Comparator.nullsFirst(Comparator.naturalOrder()));
        String now = Instant.now().toString();
        List<TargetResults> merged = new ArrayList<>();
        byTarget.forEach((t, rs) -> {
            List<CaseResult> sorted = new ArrayList<>(rs);
            sorted.sort(order);
            merged.add(new TargetResults(TargetResults.SCHEMA, t, descriptions.get(t), now, sorted));
        });
        shards.sort(Comparator.naturalOrder());
        Path index = publish(outDir, merged, options, shards);
        copyLinkedFiles(shardDirs, outDir);
        return index;
    }

    /** The files results link (case pages, long wire logs, grid cells' logs), from each shard's target folder into the merged one. */
    private void copyLinkedFiles(List<Path> shardDirs, Path outDir) throws IOException {
        for (Path d : shardDirs) {
            for (TargetResults t : ResultsJson.readAll(d, err)) {
                String folder = SafeNames.targetDir(t.target());
                for (CaseResult r : t.results()) {
                    List<String> paths = new java.util.ArrayList<>();
                    if (r.files() != null) {
                        r.files().forEach(f -> paths.add(f.path()));
                    }
                    if (r.matrix() != null) {
                        r.matrix().cells().stream().map(c -> c.log()).filter(java.util.Objects::nonNull).forEach(paths::add);
                    }
                    for (String p : paths) {
                        Path from = d.resolve(folder).resolve(p).normalize();
                        Path to = outDir.resolve(folder).resolve(p).normalize();
                        if (from.startsWith(d.resolve(folder).normalize()) && Files.isRegularFile(from) && !Files.exists(to)) {
                            Files.createDirectories(to.getParent());
                            Files.copy(from, to);
                        }
                    }
                }
            }
        }
    }

    /** Prints the summary of the report already rendered in {@code reportDir}, without rendering it again. */
    public void summarize(Path reportDir) throws IOException {
        print(ResultsJson.readAll(reportDir, err), reportDir.resolve(HtmlRenderer.INDEX));
    }

    private void print(List<TargetResults> all, Path index) {
        SummaryText.lines(all, index).forEach(out::println);
        out.flush();
    }
}
