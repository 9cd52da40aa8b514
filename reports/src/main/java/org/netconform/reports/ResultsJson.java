package org.netconform.reports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import org.netconform.harness.result.CaseResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes and reads {@code <reportDir>/<target>/results.json}; next to it, {@code stack-traces.log} holds the stack
 * trace of every ERROR that came from an unexpected exception (the report links it; the console never shows it).
 */
public final class ResultsJson {
    public static final String FILE_NAME = "results.json";
    public static final String TRACES_FILE_NAME = "stack-traces.log";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsJson() {
    }

    /** Writes a target's results (atomically where the file system allows) and returns the file. */
    public static Path write(Path reportDir, TargetResults results) throws IOException {
        Path dir = reportDir.resolve(SafeNames.targetDir(results.target()));
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            MAPPER.writeValue(tmp.toFile(), results);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException atomicNotSupported) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        writeTraces(dir.resolve(TRACES_FILE_NAME), results);
        return file;
    }

    private static void writeTraces(Path file, TargetResults results) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (CaseResult r : results.results()) {
            if (r.stackTrace() != null) {
                sb.append("=== ").append(r.test()).append(" [").append(results.target()).append("] ")
                        .append(String.join(",", r.requirements())).append(' ').append(r.outcome()).append('\n')
                        .append(r.stackTrace().stripTrailing()).append("\n\n");
            }
        }
        if (sb.length() == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.writeString(file, sb, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public static TargetResults read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), TargetResults.class);
    }

    /**
     * Reads every {@code *}{@code /results.json} in the report directory, sorted by target. A file that
     * cannot be read, or has another schema version, is skipped with a message on {@code err}.
     */
    public static List<TargetResults> readAll(Path reportDir, PrintStream err) throws IOException {
        List<TargetResults> out = new ArrayList<>();
        if (!Files.isDirectory(reportDir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> dirs = Files.list(reportDir)) {
            files = dirs.filter(Files::isDirectory).map(d -> d.resolve(FILE_NAME)).filter(Files::isRegularFile)
                    .sorted().toList();
        }
        for (Path f : files) {
            try {
                TargetResults r = read(f);
                if (r.schema() != TargetResults.SCHEMA) {
                    err.println("netconform: skipping " + f + ": schema " + r.schema() + ", expected "
                            + TargetResults.SCHEMA);
                } else if (r.target() == null) {
                    err.println("netconform: skipping " + f + ": no target");
                } else {
                    out.add(r);
                }
            } catch (IOException | RuntimeException e) {
                err.println("netconform: skipping " + f + ": " + e.getMessage());
            }
        }
        out.sort(Comparator.comparing(TargetResults::target, ResultsJson::compareTargets));
        return out;
    }

    /** The reference target first, then the others by ID. */
    static int compareTargets(String a, String b) {
        boolean ra = "reference".equals(a);
        boolean rb = "reference".equals(b);
        if (ra != rb) {
            return ra ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
