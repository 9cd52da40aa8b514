package org.netconform.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.netconform.harness.Preflight;
import org.netconform.harness.RunOptions;
import org.netconform.harness.Shard;
import org.netconform.harness.Targets;
import org.netconform.reports.ReportPublisher;
import org.netconform.reports.ResultCollector;
import org.netconform.reports.ResultsJson;
import org.netconform.reports.SummaryText;
import org.netconform.reports.TargetResults;
import org.netconform.spec.SpecCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netconform run}: the suites against the chosen targets, in this JVM, through the JUnit Platform launcher. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the conformance suites against the chosen targets, show progress, print each target's verdict, write the report (HTML, summary.json, results.json, JUnit XML) and set the exit code.")
final class RunCommand implements Callable<Integer> {
    static final String REPORT_DEFAULT = "netconform-report";

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET[,TARGET...]",
            description = "target IDs (see 'netconform targets'), 'all', a ws:// or wss:// URL, or cmd:PROGRAM (default: reference)")
    String target;

    @Option(names = "--area", paramLabel = "AREA[,AREA...]", description = "only these areas: byte-order, udp-connect, nat, nat-traversal, websocket")
    String area;

    @Option(names = "--requirement", paramLabel = "ID[,ID...]", description = "only tests of these requirements; '*' is a wildcard: WS-CLOSE-*")
    String requirement;

    @Option(names = "--case", paramLabel = "CASE[,CASE...]", description = "only these tests: method, Class.method; '*' is a wildcard")
    String testCase;

    @Option(names = "--strict", description = "exit non-zero when any selected target does not conform (a MUST or SHOULD broken, an ERROR), baseline or not")
    boolean strict;

    @Option(names = "--baseline", paramLabel = "FILE | ID=FILE[,...]", description = "the expected deviations of the selected target (a URL target's, your own)")
    String baseline;

    @Option(names = "--report", paramLabel = "DIR", description = "report directory; its contents are replaced (default: ./" + REPORT_DEFAULT
            + ", or ./target/" + REPORT_DEFAULT + " inside a source tree)")
    Path report;

    @Option(names = "--parallel", paramLabel = "N", description = "WebSocket connections in flight at once (default: 4)")
    Integer parallel;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "how long to wait for any one answer from a live target: 2s, 500ms (default: 2s)")
    String timeout;

    @Option(names = "--unsolicited", paramLabel = "none|TEXT|regex:RE|hex:OCTETS",
            description = "what a WebSocket server sends on its own (a heartbeat), instead of learning it before the cases")
    String unsolicited;

    @Option(names = "--shard", paramLabel = "i/n", description = "run shard i of n: (target, area) units dealt deterministically; merge with 'netconform merge'")
    String shard;

    @Option(names = "--seed", paramLabel = "N|random", description = "jqwik seed for every property (default: a fixed seed per property)")
    String seed;

    @Option(names = "--progress", paramLabel = "auto|bar|plain|none", description = "progress display (default: auto: a bar on a terminal, plain lines otherwise)")
    String progress = "auto";

    @Option(names = "-D", paramLabel = "netconform.NAME=VALUE", mapFallbackValue = "true",
            description = "any other option of the README's table, as a system property")
    Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Map<String, String> props = new LinkedHashMap<>(properties);
        put(props, RunOptions.TARGET, target);
        put(props, RunOptions.AREA, area);
        put(props, RunOptions.REQUIREMENT, requirement);
        put(props, RunOptions.CASE, testCase);
        if (strict) {
            props.put(RunOptions.STRICT, "true");
        }
        put(props, RunOptions.BASELINE, baseline);
        put(props, RunOptions.SHARD, shard);
        put(props, RunOptions.SEED, seed);
        put(props, RunOptions.PROGRESS, progress);
        if (parallel != null) {
            props.put("netconform.ws.parallel", Integer.toString(parallel));
        }
        put(props, "netconform.ws.unsolicited", unsolicited);
        List<String> problems = new ArrayList<>();
        if (timeout != null) {
            try {
                props.put("netconform.ws.timeoutMs", Long.toString(parseDuration(timeout).toMillis()));
            } catch (IllegalArgumentException e) {
                problems.add("--timeout " + timeout + ": " + e.getMessage());
            }
        }
        Path reportDir = report != null ? report : defaultReportDir();
        props.put(RunOptions.REPORT_DIR, reportDir.toString());
        // the report is written below, once, by this command: the auto-registered listener stays silent
        props.put(RunOptions.REPORT_QUIET, "true");
        Path cache = cacheDir();
        try {
            Files.createDirectories(cache);
        } catch (java.io.IOException e) {
            problems.add("cannot create the cache directory " + cache + ": " + e.getMessage());
        }
        props.putIfAbsent("netconform.nodeWs.dir", cache.resolve("node-ws").toString());
        props.putIfAbsent("netconform.stdio.dir", cache.resolve("stdio").toString());
        props.putIfAbsent("netconform.pionVnet.dir", cache.resolve("pion-vnet").toString());
        props.putIfAbsent("netconform.seedGorilla.dir", cache.resolve("seed-gorilla").toString());
        props.forEach((k, v) -> {
            if (!k.startsWith("netconform.")) {
                problems.add("-D" + k + ": only netconform.* options are taken here");
            } else {
                System.setProperty(k, v);
            }
        });
        problems.addAll(Preflight.problems());
        if (!problems.isEmpty()) {
            err.println("netconform: the run cannot start:");
            problems.stream().distinct().forEach(p -> err.println("  " + p));
            return Exits.USAGE;
        }
        Logging.quiet();
        List<String> selected = Targets.selected().stream().map(t -> t.id()).toList();
        Shard sh = Shard.current();
        out.println("netconform " + org.netconform.reports.SummaryJson.netconformVersion() + ": " + selected.size()
                + (selected.size() == 1 ? " target" : " targets") + " (" + abbreviate(String.join(", ", selected)) + ")"
                + (area != null ? ", area " + area : "") + (requirement != null ? ", requirement " + requirement : "")
                + (testCase != null ? ", case " + testCase : "") + (sh.isAll() ? "" : ", shard " + sh)
                + (strict ? ", strict" : "") + "; report " + reportDir.toAbsolutePath().normalize());

        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("org.netconform.suites"))
                .filters(EngineFilter.includeEngines("junit-jupiter", "jqwik"))
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .configurationParameter("jqwik.database", cache.resolve("jqwik-database").toString())
                .build();
        // this command writes the report and shows progress itself: the listeners registered for Maven runs
        // stay out (the launcher reads this when it is created, from the system properties)
        System.setProperty("junit.platform.execution.listeners.deactivate",
                "org.netconform.reports.ConformanceReportListener,org.netconform.runner.PlainProgressListener");
        Collector collector = new Collector();
        boolean terminal = switch (progress.toLowerCase(Locale.ROOT)) {
            case "bar" -> true;
            case "plain", "none" -> false;
            default -> System.console() != null && !"dumb".equals(System.getenv("TERM"));
        };
        List<TestExecutionListener> listeners = new ArrayList<>(List.of(collector));
        if (!progress.equalsIgnoreCase("none")) {
            listeners.add(new Progress(out, terminal, sh.isAll() ? selected.size() : Math.max(1, selected.size() / sh.count())));
        }
        long t0 = System.nanoTime();
        LauncherFactory.create().execute(request, listeners.toArray(TestExecutionListener[]::new));
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

        List<TargetResults> fresh = collector.results.snapshot(Instant.now());
        Path index;
        try {
            index = new ReportPublisher(SpecCatalog.bundled(), new PrintStream(java.io.OutputStream.nullOutputStream()), err)
                    .publish(reportDir, fresh);
        } catch (Exception e) {
            err.println("netconform: cannot write the report to " + reportDir.toAbsolutePath() + ": " + e);
            return Exits.FAILED;
        }
        List<TargetResults> written;
        try {
            written = ResultsJson.readAll(reportDir, err);
        } catch (Exception e) {
            err.println("netconform: cannot read back the report: " + e);
            return Exits.FAILED;
        }
        out.println("netconform: " + fresh.stream().mapToInt(t -> t.results().size()).sum() + " results in " + seconds + " s");
        int code = Exits.verdicts(written, Targets.named(), strict, sh.isAll(), out);
        if (!collector.containerFailures.isEmpty()) {
            err.println("netconform: failed outside any case:");
            collector.containerFailures.forEach(f -> err.println("  " + f));
            code = Exits.FAILED;
        }
        out.println("netconform: summary " + reportDir.resolve("summary.json").toAbsolutePath().normalize());
        out.println(SummaryText.reportLine(index));
        return code;
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 99) + "…" : s;
    }

    private static void put(Map<String, String> props, String key, String value) {
        if (value != null && !value.isBlank()) {
            props.put(key, value.strip());
        }
    }

    static Path defaultReportDir() {
        Path plain = Path.of(REPORT_DEFAULT);
        return RunOptions.ReportDirs.insideSourceTree(plain.toAbsolutePath().normalize())
                ? Path.of("target", REPORT_DEFAULT) : plain;
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("netconform");
    }

    /** 2s, 500ms, 1m, PT2S, or a bare number of milliseconds. */
    static Duration parseDuration(String s) {
        String x = s.strip().toLowerCase(Locale.ROOT);
        try {
            if (x.startsWith("pt")) {
                return positive(Duration.parse(x.toUpperCase(Locale.ROOT)));
            }
            if (x.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(x.substring(0, x.length() - 2).strip())));
            }
            if (x.endsWith("s")) {
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(x.substring(0, x.length() - 1).strip()) * 1000)));
            }
            if (x.endsWith("m")) {
                return positive(Duration.ofSeconds(Long.parseLong(x.substring(0, x.length() - 1).strip()) * 60));
            }
            return positive(Duration.ofMillis(Long.parseLong(x)));
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("must")) {
                throw e;
            }
            throw new IllegalArgumentException("not a duration (2s, 500ms, 1m)");
        }
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return d;
    }

    /** Collects the harness's results and the containers that failed outside any case. */
    static final class Collector implements TestExecutionListener {
        final ResultCollector results = new ResultCollector();
        final List<String> containerFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            results.add(id.getUniqueId(), id.getDisplayName(), entry.getKeyValuePairs());
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isContainer() && !id.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                containerFailures.add(id.getDisplayName() + ": " + result.getThrowable().map(RunCommand::causes).orElse("failed"));
            }
        }
    }

    /** A throwable and its causes, one line each. */
    static String causes(Throwable t) {
        StringBuilder b = new StringBuilder(String.valueOf(t));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            b.append("\n    caused by ").append(c);
        }
        return b.toString();
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
