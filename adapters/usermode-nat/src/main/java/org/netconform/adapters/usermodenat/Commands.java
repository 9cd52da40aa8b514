package org.netconform.adapters.usermodenat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.netconform.spi.nat.NatLabException;

/** Runs the short commands that build a lab ({@code ip ...}); a failure is the lab's, so NatLabException. */
final class Commands {
    /** Long enough for any {@code ip} call on a loaded machine, short enough to notice a hang. */
    static final long SECONDS = 20;

    private Commands() {
    }

    /** Runs {@code command} and returns its output (stdout and stderr); throws when it fails. */
    static String run(String... command) {
        Result r = attempt(command);
        if (r.code() != 0) {
            throw new NatLabException(String.join(" ", command) + " failed (exit " + r.code() + "): " + r.output());
        }
        return r.output();
    }

    record Result(int code, String output) {
    }

    /** Runs {@code command}; its exit code and output, whatever they are. */
    static Result attempt(String... command) {
        File out;
        try {
            // a file, not a pipe: a command's output never blocks it, whatever its size
            out = File.createTempFile("netconform-cmd", ".out");
        } catch (IOException e) {
            throw new NatLabException("cannot create a temporary file: " + e.getMessage(), e);
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NatLabException(String.join(" ", command) + " did not finish within " + SECONDS + " s");
            }
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8).strip();
            return new Result(p.exitValue(), text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
        } catch (IOException e) {
            throw new NatLabException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatLabException("interrupted while running " + String.join(" ", command), e);
        } finally {
            out.delete();
        }
    }

    /** The program's path on PATH, if it is there. */
    static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        // root's tools live in sbin, which a non-login PATH may lack
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
