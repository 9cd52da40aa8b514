package org.netconform.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.netconform.harness.result.CaseResult;
import org.netconform.harness.result.Outcome;
import org.netconform.spec.SpecCatalog;
import org.netconform.spec.SpecRequirement;

/**
 * {@code <reportDir>/summary.json}: one file across every target of a run (or of merged shards):
 * verdicts, counts per outcome and per area and level, the run's options, versions and seeds. See
 * SUMMARY-SCHEMA.md.
 */
public final class SummaryJson {
    public static final String FILE_NAME = "summary.json";
    public static final int SCHEMA = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"schema", "generatedAt", "versions", "options", "shards", "totals", "targets", "securityFindings"})
    public record Summary(int schema, String generatedAt, Map<String, String> versions, Map<String, String> options,
                          List<String> shards, Map<String, Integer> totals, List<TargetSummary> targets,
                          List<SecurityFindings.Finding> securityFindings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"target", "description", "verdict", "verdictText", "mustFailures", "shouldFailures", "errors",
            "judged", "results", "notCovered", "differFromBaseline", "knownDeviations", "counts", "areas", "seeds"})
    public record TargetSummary(String target, String description, String verdict, String verdictText, int mustFailures,
                                int shouldFailures, int errors, int judged, int results, int notCovered,
                                int differFromBaseline, int knownDeviations, Map<String, Integer> counts,
                                Map<String, Map<String, Map<String, Integer>>> areas, Map<String, String> seeds) {
    }

    private SummaryJson() {
    }

    public static Summary build(SpecCatalog catalog, List<TargetResults> targets, Map<String, String> options,
                                List<String> shards, String generatedAt) {
        List<TargetSummary> out = new ArrayList<>();
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (Verdict.Kind k : Verdict.Kind.values()) {
            totals.put(k.id(), 0);
        }
        for (TargetResults t : targets) {
            Verdict v = Verdict.of(t.results());
            totals.merge(v.kind().id(), 1, Integer::sum);
            Map<String, Integer> counts = new LinkedHashMap<>();
            v.counts().forEach((o, n) -> counts.put(o.name(), n));
            Map<String, Map<String, Map<String, Integer>>> areas = new TreeMap<>();
            Map<String, String> seeds = new TreeMap<>();
            for (CaseResult r : t.results()) {
                if (r.seed() != null && r.test() != null) {
                    seeds.put(r.test(), r.seed());
                }
                if (!r.inCoveredArea()) {
                    continue;
                }
                for (String id : r.requirements()) {
                    String area = catalog.find(id).map(SpecRequirement::area).orElse(ReportModelBuilder.NOT_IN_SPEC);
                    String level = catalog.find(id).map(x -> x.level().name()).orElse("?");
                    areas.computeIfAbsent(area, a -> new TreeMap<>()).computeIfAbsent(level, l -> new LinkedHashMap<>())
                            .merge(r.judged().name(), 1, Integer::sum);
                }
            }
            int notCovered = (int) t.results().stream().filter(r -> !r.inCoveredArea()).count();
            int differ = (int) t.results().stream().filter(CaseResult::differsFromBaseline).count();
            int known = (int) t.results().stream().filter(CaseResult::matchesListedDeviation).count();
            out.add(new TargetSummary(t.target(), t.targetDescription(), v.kind().id(), v.text(), v.mustFailures(),
                    v.shouldFailures(), v.errors(), v.judged(), v.results(), notCovered, differ, known, counts, areas,
                    seeds.isEmpty() ? null : seeds));
        }
        List<SecurityFindings.Finding> findings = SecurityFindings.of(targets);
        return new Summary(SCHEMA, generatedAt, versions(), options, shards.isEmpty() ? null : shards, totals, out,
                findings.isEmpty() ? null : findings);
    }

    /** The {@code netconform.*} system properties of this run: its options. */
    public static Map<String, String> currentOptions() {
        Map<String, String> out = new TreeMap<>();
        for (String n : System.getProperties().stringPropertyNames()) {
            if (n.startsWith("netconform.")) {
                out.put(n, System.getProperty(n));
            }
        }
        return out;
    }

    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("netconform", netconformVersion());
        v.put("java", System.getProperty("java.version"));
        v.put("junit-platform", version(org.junit.platform.launcher.Launcher.class));
        v.put("jqwik", version("net.jqwik.api.Arbitraries"));
        return v;
    }

    public static String netconformVersion() {
        try (InputStream in = SummaryJson.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // unknown
        }
        return "unknown";
    }

    private static String version(Class<?> c) {
        String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    private static String version(String className) {
        try {
            return version(Class.forName(className, false, SummaryJson.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return "absent";
        }
    }

    public static Path write(Path reportDir, Summary s) throws IOException {
        Path f = reportDir.resolve(FILE_NAME);
        MAPPER.writeValue(f.toFile(), s);
        return f;
    }

    public static Summary read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Summary.class);
    }

    static Map<String, Integer> outcomeCounts(Map<Outcome, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((o, n) -> out.put(o.name(), n));
        return out;
    }
}
