package org.netconform.reports;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * A run replaces its report directory's contents, so no stale target shows up. Only a directory that
 * is empty or already a netconform report (its marker file, or the index and a results.json of an
 * older build) is emptied; anything else is refused, so a mistyped --report never deletes a user's files.
 * The files this run already wrote beside the results (case pages, long wire logs:
 * {@link org.netconform.harness.result.ReportFiles}) stay, and do not count as another's files.
 */
public final class ReportDirectory {
    public static final String MARKER = ".netconform-report";
    /** A folder the run itself fills while it runs (the stdio targets' logs, see Session#logDir): kept as this run's. */
    static final String STDIO_LOGS = "stdio-logs";

    /** Whether this file belongs to the run now ending: written beside the results, or a log of its stdio targets. */
    private static boolean thisRuns(Path dir, Path file) {
        return org.netconform.harness.result.ReportFiles.writtenInThisRun(file)
                || dir.relativize(file).getName(0).toString().equals(STDIO_LOGS);
    }

    private ReportDirectory() {
    }

    /** Creates the directory, or empties it when it holds a report; refuses a directory of other files. */
    public static void replace(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (!isEmpty(dir)) {
            if (!isReport(dir)) {
                throw new IOException(dir.toAbsolutePath() + " is not empty and holds no netconform report (" + firstOther(dir)
                        + "): not replacing it; choose another report directory");
            }
            try (Stream<Path> children = Files.list(dir)) {
                for (Path c : children.toList()) {
                    if (!c.getFileName().toString().equals(STDIO_LOGS)) {
                        delete(c);
                    }
                }
            }
        }
        Files.writeString(dir.resolve(MARKER), "a netconform report: a run replaces everything in this directory\n");
    }

    public static boolean isReport(Path dir) throws IOException {
        if (Files.exists(dir.resolve(MARKER))) {
            return true;
        }
        if (!Files.exists(dir.resolve(HtmlRenderer.INDEX)) && !Files.exists(dir.resolve(SummaryJson.FILE_NAME))) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(c -> Files.isRegularFile(c.resolve(ResultsJson.FILE_NAME)));
        }
    }

    private static String firstOther(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir) && !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !thisRuns(dir, p)).findFirst()
                    .map(p -> "e.g. " + dir.relativize(p)).orElse("nothing else");
        }
    }

    /** Empty, or holding nothing but what this run wrote already. */
    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir) && !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .allMatch(p -> thisRuns(dir, p));
        }
    }

    /** Deletes {@code p} and what is below it, except the files this run wrote (and the folders holding them). */
    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!org.netconform.harness.result.ReportFiles.writtenInThisRun(file)) {
                        Files.delete(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    try (Stream<Path> left = Files.list(d)) {
                        if (left.findAny().isEmpty()) {
                            Files.delete(d);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } else if (!org.netconform.harness.result.ReportFiles.writtenInThisRun(p)) {
            Files.delete(p);
        }
    }
}
