package org.netconform.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.netconform.reports.ReportPublisher;
import org.netconform.reports.ResultsJson;
import org.netconform.reports.SummaryText;
import org.netconform.reports.TargetResults;
import org.netconform.spec.SpecCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netconform merge DIR... --report OUT}: one report and one summary.json from the shards' reports. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the reports of shards (netconform run --shard i/n --report DIR) into one report, one summary.json and one JUnit XML, print the verdicts and set the exit code as a single run would.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "the shards' report directories")
    List<Path> inputs;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "the merged report directory (replaced)")
    Path report;

    @Option(names = "--strict", description = "exit non-zero when any target does not conform, baseline or not")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        String why = org.netconform.harness.RunOptions.ReportDirs.problem(report);
        if (why != null) {
            System.err.println("netconform: --report " + report + ": " + why);
            return Exits.USAGE;
        }
        PrintStream out = System.out;
        Path index = new ReportPublisher(SpecCatalog.bundled(), new PrintStream(java.io.OutputStream.nullOutputStream()),
                System.err).merge(inputs, report);
        List<TargetResults> merged = ResultsJson.readAll(report, System.err);
        out.println("netconform: merged " + inputs.size() + " reports, " + merged.size() + " targets");
        // the targets the shards' run named one by one must each be judged on something (as in one run)
        List<String> named = null;
        try {
            var summary = org.netconform.reports.SummaryJson.read(report.resolve("summary.json"));
            String selector = summary.options() == null ? null : summary.options().get("netconform.target");
            if (selector != null) {
                System.setProperty("netconform.target", selector);
                named = org.netconform.harness.Targets.named();
            }
        } catch (Exception | LinkageError e) {
            named = null;
        }
        int code = Exits.verdicts(merged, named, strict, true, out);
        out.println("netconform: summary " + report.resolve("summary.json").toAbsolutePath().normalize());
        out.println(SummaryText.reportLine(index));
        return code;
    }
}
