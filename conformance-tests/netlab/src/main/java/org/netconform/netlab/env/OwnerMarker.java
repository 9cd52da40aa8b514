package org.netconform.netlab.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.netconform.netlab.LabException;

/**
 * {@code /run/netconform/<id>.owner}: the process that made a lab environment, by PID and start time
 * (a PID alone may be reused by the time a later run looks). Written before anything of the
 * environment exists, removed after the last of it is gone.
 */
public final class OwnerMarker {
    public static final Path DIR = Path.of(System.getProperty("netconform.netlab.markerDir", "/run/netconform"));

    private OwnerMarker() {
    }

    public static Path of(String id) {
        return DIR.resolve(id + ".owner");
    }

    public static void write(String id) {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.createDirectories(DIR);
            Files.writeString(of(id), "pid=" + self.pid() + "\nstarted=" + started + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot write the owner marker " + of(id) + ": " + e.getMessage(), e);
        }
    }

    public static void delete(String id) {
        try {
            Files.deleteIfExists(of(id));
        } catch (IOException ignored) {
            // a marker left behind names a dead owner; the next sweep removes it
        }
    }

    /** True when the marker exists and the process it names is still the one that wrote it. */
    public static boolean ownerAlive(String id) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(Files.readString(of(id), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(p.getProperty("pid", "").strip());
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        String recorded = p.getProperty("started", "").strip();
        Optional<Instant> actual = process.get().info().startInstant();
        if (recorded.isEmpty() || actual.isEmpty()) {
            return true;
        }
        // start times are read from /proc at clock-tick resolution; a reused PID started much later
        return Math.abs(Instant.parse(recorded).toEpochMilli() - actual.get().toEpochMilli()) < 1_000;
    }

    public static boolean exists(String id) {
        return Files.exists(of(id));
    }
}
