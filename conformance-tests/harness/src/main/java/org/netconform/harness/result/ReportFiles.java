package org.netconform.harness.result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where a report lives, and the files a run writes beside a target's {@code results.json} for the report
 * to link ({@link FileLink}): long wire logs, one file per case; the stack traces behind ERROR results. The
 * report directory is {@code -Dnetconform.reportDir} (default {@code target/netconform}); a target's files
 * are in {@link #targetDir(String)} under it, the folder its results.json is written to. Writing never
 * throws: a file that cannot be written is simply not linked.
 */
public final class ReportFiles {
    public static final String REPORT_DIR_PROPERTY = "netconform.reportDir";
    public static final String DEFAULT_REPORT_DIR = "target/netconform";
    private static final Pattern PLAIN_TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PLAIN_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Files appended to in this JVM: the first append starts them afresh, so an old run's lines do not stay. */
    private static final Set<Path> STARTED = ConcurrentHashMap.newKeySet();
    /** Every file written in this JVM, absolute: the report keeps them when it replaces the directory's contents. */
    private static final Set<Path> WRITTEN = ConcurrentHashMap.newKeySet();

    /** Whether this file was written in this JVM (by this run) through {@link #write} or {@link #append}. */
    public static boolean writtenInThisRun(Path file) {
        return WRITTEN.contains(file.toAbsolutePath().normalize());
    }

    private ReportFiles() {
    }

    public static Path reportDir() {
        return Path.of(System.getProperty(REPORT_DIR_PROPERTY, DEFAULT_REPORT_DIR));
    }

    /** An empty report directory is no place to write (it would be the working directory): nothing is written. */
    private static boolean noReportDir() {
        return System.getProperty(REPORT_DIR_PROPERTY, DEFAULT_REPORT_DIR).isBlank();
    }

    /**
     * The folder of a target's results.json and files, relative to the report directory: the target ID when
     * it matches {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}} (and is not {@code requirements}), otherwise
     * {@code t-} and the ID's UTF-8 octets in hex (a {@code ws://} URL, say).
     */
    public static String targetDir(String target) {
        if (target != null && PLAIN_TARGET.matcher(target).matches() && !target.equals("requirements")) {
            return target;
        }
        return "t-" + hex(String.valueOf(target));
    }

    /** A file name made of {@code name}: itself when it is plain, otherwise hex-escaped like a target folder. */
    public static String fileName(String name, String suffix) {
        return (PLAIN_FILE.matcher(name).matches() ? name : "x-" + hex(name)) + suffix;
    }

    /** Writes (replaces) {@code relative} in the target's folder; the path relative to that folder, or empty. */
    public static Optional<String> write(String target, String relative, String text) {
        if (noReportDir()) {
            return Optional.empty();
        }
        Path file = reportDir().resolve(targetDir(target)).resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            WRITTEN.add(file.toAbsolutePath().normalize());
            return Optional.of(relative);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Appends to {@code relative} in the target's folder (started afresh on the first append in this JVM). */
    public static synchronized Optional<String> append(String target, String relative, String text) {
        if (noReportDir()) {
            return Optional.empty();
        }
        Path file = reportDir().resolve(targetDir(target)).resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            if (STARTED.add(file.toAbsolutePath())) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            WRITTEN.add(file.toAbsolutePath().normalize());
            return Optional.of(relative);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String hex(String s) {
        String h = HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
        return h.length() > 200 ? h.substring(0, 200) + "-" + Integer.toHexString(s.hashCode()) : h;
    }
}
