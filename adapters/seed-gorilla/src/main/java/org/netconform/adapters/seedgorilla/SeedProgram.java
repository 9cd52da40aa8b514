package org.netconform.adapters.seedgorilla;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The seed's Go echo server: found beside the clone ({@code ../shared/seed/network-notes.zh.md}, looked for in
 * the folders above the working directory, or {@code -Dnetconform.seed.file}), its last {@code ```go} block taken
 * out as it is written, and built with {@code go build} in GOPATH mode, offline, against
 * {@code -Dnetconform.gopath} (default {@code /usr/share/gocode}, where Debian's
 * golang-github-gorilla-websocket-dev puts gorilla) into {@code -Dnetconform.seedGorilla.dir} (default
 * {@code target/seed-gorilla}); rebuilt only when the program or the toolchain changed. The variant without
 * heartbeat drops the goroutine that writes "heartbeat" every second (and the import it alone used), nothing
 * else: it is the comparison that shows what the heartbeat does to the verdicts.
 */
final class SeedProgram {
    static final String SEED = "shared/seed/network-notes.zh.md";
    /** The address the program listens on, as written: {@code http.ListenAndServe("0.0.0.0:7777", nil)}. */
    static final int PORT = 7777;

    private SeedProgram() {
    }

    /** A built program, or why there is none. */
    record Built(Path binary, Path dir, String unavailable) {
    }

    static Path workDir() {
        return Path.of(System.getProperty("netconform.seedGorilla.dir", "target/seed-gorilla")).toAbsolutePath();
    }

    /** The seed's Markdown: the property, or shared/seed/... in the working directory or a folder above it. */
    static Optional<Path> seedFile() {
        String p = System.getProperty("netconform.seed.file");
        if (p != null) {
            return Optional.of(Path.of(p)).filter(Files::isRegularFile);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(SEED))) {
                return Optional.of(d.resolve(SEED));
            }
        }
        return Optional.empty();
    }

    /** The last ```go block of the Markdown, exactly as written. */
    static String extract(String markdown) {
        List<String> block = null;
        List<String> last = null;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && line.strip().equals("```go")) {
                block = new ArrayList<>();
            } else if (block != null && line.strip().equals("```")) {
                last = block;
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("the seed holds no ```go block");
        }
        return String.join("\n", last) + "\n";
    }

    /** The program without its heartbeat goroutine ({@code go func() { ... }()}) and the import only it used. */
    static String withoutHeartbeat(String program) {
        List<String> lines = new ArrayList<>(List.of(program.split("\n", -1)));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("go func() {")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("the seed's program has no go func() { heartbeat goroutine");
        }
        int end = start;
        while (end < lines.size() && !lines.get(end).strip().equals("}()")) {
            end++;
        }
        if (end == lines.size() || lines.subList(start, end).stream().noneMatch(l -> l.contains("\"heartbeat\""))) {
            throw new IllegalArgumentException("the goroutine at line " + (start + 1) + " is not the heartbeat");
        }
        lines.subList(start, end + 1).clear();
        lines.removeIf(l -> l.strip().equals("\"time\""));
        return String.join("\n", lines);
    }

    /** Builds the program (the seed's, or without heartbeat); cached by a hash of the source and the toolchain. */
    static synchronized Built build(boolean heartbeat) {
        Optional<Path> seed = seedFile();
        if (seed.isEmpty()) {
            return new Built(null, null, "the seed (" + SEED + ") is not beside the clone (looked in the folders above "
                    + Path.of("").toAbsolutePath() + "); -Dnetconform.seed.file names it");
        }
        String program;
        try {
            program = extract(Files.readString(seed.get(), StandardCharsets.UTF_8));
            if (!heartbeat) {
                program = withoutHeartbeat(program);
            }
        } catch (IOException | IllegalArgumentException e) {
            return new Built(null, null, "cannot take the Go program out of " + seed.get() + ": " + e.getMessage());
        }
        String name = heartbeat ? "seed-gorilla" : "seed-gorilla-no-heartbeat";
        Path root = workDir();
        String gopath = System.getProperty("netconform.gopath", "/usr/share/gocode");
        Run version = run(root, 60, Map.of(), List.of("go", "version"));
        if (version.code() != 0) {
            return new Built(null, null, "go version failed (" + version.output() + "): the Go toolchain is needed "
                    + "(Debian golang-go)");
        }
        if (!Files.isRegularFile(Path.of(gopath, "src/github.com/gorilla/websocket/conn.go"))) {
            return new Built(null, null, "gorilla/websocket is not in " + gopath + " (Debian "
                    + "golang-github-gorilla-websocket-dev; -Dnetconform.gopath names another GOPATH)");
        }
        try {
            Path src = root.resolve("gopath/src/" + name);
            Files.createDirectories(src);
            Files.writeString(src.resolve("main.go"), program, StandardCharsets.UTF_8);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(version.output().getBytes(StandardCharsets.UTF_8));
            sha.update(gopath.getBytes(StandardCharsets.UTF_8));
            sha.update(program.getBytes(StandardCharsets.UTF_8));
            String stamp = HexFormat.of().formatHex(sha.digest());
            Path bin = root.resolve("bin");
            Files.createDirectories(bin);
            Path binary = bin.resolve(name);
            Path stampFile = bin.resolve(name + ".sha256");
            if (Files.isExecutable(binary) && Files.isRegularFile(stampFile)
                    && Files.readString(stampFile).strip().equals(stamp)) {
                return new Built(binary, root, null);
            }
            Path partial = bin.resolve(name + ".partial");
            Run b = run(src, 600, Map.of("GO111MODULE", "off", "GOPATH", root.resolve("gopath") + ":" + gopath,
                    "GOCACHE", root.resolve("cache").toString(), "GOFLAGS", "", "CGO_ENABLED", "0"),
                    List.of("go", "build", "-o", partial.toString(), "."));
            if (b.code() != 0) {
                return new Built(null, null, "go build of the seed's program failed: " + b.output());
            }
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(stampFile, stamp + "\n");
            return new Built(binary, root, null);
        } catch (IOException e) {
            return new Built(null, null, "cannot build the seed's program in " + root + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Run(int code, String output) {
    }

    static Run run(Path cwd, long seconds, Map<String, String> env, List<String> command) {
        try {
            Files.createDirectories(cwd);
            Path out = Files.createTempFile(cwd, "run", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Run(-1, String.join(" ", command) + " took longer than " + seconds + " s");
                }
                String text = Files.readString(out, StandardCharsets.UTF_8).strip();
                return new Run(p.exitValue(), text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Run(-1, command.get(0) + " cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        }
    }
}
