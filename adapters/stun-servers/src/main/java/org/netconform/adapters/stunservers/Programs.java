package org.netconform.adapters.stunservers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finding the programs and running them, with their output kept and a time limit. */
final class Programs {
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin",
            "/usr/local/sbin");

    /** What a finished run printed (stdout and stderr together) and its exit code. */
    record Finished(int exitCode, String output, long millis) {
    }

    private Programs() {
    }

    /** The program's path: on PATH or in the usual system directories (stund is in /usr/sbin). */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Why a program cannot be used, naming the Debian package that has it. */
    static Optional<String> missing(String name, String debianPackage) {
        return find(name).isPresent() ? Optional.empty()
                : Optional.of(name + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)");
    }

    /** Runs to completion; on timeout the process is killed and an exception says so with what it printed. */
    static Finished run(List<String> command, Duration limit) throws IOException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        Output out = new Output(p.getInputStream());
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", command) + " did not finish within " + limit.toMillis() + " ms; it printed: "
                        + out.now().strip());
            }
            return new Finished(p.exitValue(), out.await(5000), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The first line a program prints when asked for its version, or "?". */
    static String version(List<String> command) {
        try {
            Finished f = run(command, Duration.ofSeconds(5));
            return f.output().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** A program's output, read as it comes on a thread of its own. */
    static final class Output {
        private final StringBuffer text = new StringBuffer();
        private final Thread reader;

        Output(InputStream in) {
            reader = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "stun-program-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** What was printed so far. */
        String now() {
            return text.toString();
        }

        /** Everything, once the stream ended (or after {@code millis}). */
        String await(long millis) throws InterruptedException {
            reader.join(millis);
            return text.toString();
        }
    }
}
