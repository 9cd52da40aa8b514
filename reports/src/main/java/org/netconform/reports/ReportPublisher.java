package org.netconform.reports;

import org.netconform.spec.SpecCatalog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes fresh results, renders the HTML from every results.json in the report directory, prints the summary. */
public final class ReportPublisher {
    private final SpecCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    public ReportPublisher(SpecCatalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    /** Writes each target's results.json, then renders; returns index.html. */
    public Path publish(Path reportDir, List<TargetResults> fresh) throws IOException {
        for (TargetResults t : fresh) {
            ResultsJson.write(reportDir, t);
        }
        return render(reportDir);
    }

    /** Renders the HTML from every {@code *}{@code /results.json} present and prints the summary; returns index.html. */
    public Path render(Path reportDir) throws IOException {
        List<TargetResults> all = ResultsJson.readAll(reportDir, err);
        ReportModelBuilder model = new ReportModelBuilder(catalog, all, Instant.now().toString());
        Path index = new HtmlRenderer().render(reportDir, model);
        print(all, index);
        return index;
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
