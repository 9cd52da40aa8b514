package org.netconform.adapters.stdio;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.netconform.stdio.TargetSpec;

/**
 * Prepares the bundled programs where the harness runs: writes them out of the jar into
 * {@code -Dnetconform.stdio.dir} (default ./target/netconform-stdio), finds the runtime, installs or
 * builds what a program needs, once per run. Every step that cannot be done here gives the reason the
 * target is UNSUPPORTED.
 *
 * <ul>
 * <li>Python: {@code -Dnetconform.python}, else /usr/bin/python3 (where Debian's python3-websockets
 *     installs), else python3 on the PATH; a program's modules are imported once to check.</li>
 * <li>Node.js: node on the PATH; the ws client gets the npm package ws at the version the parent pom pins
 *     ({@code node-ws.version}), installed with npm into the work folder, found through NODE_PATH.</li>
 * <li>Go: {@code go build} in GOPATH mode, offline, against {@code -Dnetconform.gopath} (default
 *     /usr/share/gocode, where Debian's golang-github-gorilla-websocket-dev puts gorilla), rebuilt when
 *     the sources or the toolchain change.</li>
 * </ul>
 */
final class Programs {
    private static final String RESOURCES = "/netconform/stdio/programs/";
    private static final Map<String, TargetSpec.Prepared> DONE = new ConcurrentHashMap<>();
    /** Go packages built, by package (several targets run one program with different arguments). */
    private static final Map<String, TargetSpec.Prepared> BUILT = new ConcurrentHashMap<>();

    private Programs() {
    }

    static Path dir() {
        return Path.of(System.getProperty("netconform.stdio.dir", "target/netconform-stdio")).toAbsolutePath();
    }

    static String version(String key) {
        try (InputStream in = Programs.class.getResourceAsStream("/netconform/stdio/versions.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the stdio-bundled jar lacks versions.properties", e);
        }
    }

    /** Writes these files of a language folder out of the jar; the folder they are in. */
    static Path extract(String language, List<String> files) throws IOException {
        Path to = dir().resolve(language);
        for (String f : files) {
            try (InputStream in = Programs.class.getResourceAsStream(RESOURCES + language + "/" + f)) {
                if (in == null) {
                    throw new IOException("the jar lacks " + RESOURCES + language + "/" + f);
                }
                Path target = to.resolve(f);
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        return to;
    }

    record Run(int code, String output) {
    }

    static Run run(Path cwd, long seconds, Map<String, String> env, List<String> command) {
        try {
            Files.createDirectories(dir());
            Path out = Files.createTempFile(dir(), "run", ".log");
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

    // ---------------------------------------------------------------- Python

    static String python() {
        String p = System.getProperty("netconform.python");
        if (p != null) {
            return p;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static TargetSpec.Prepared python(String program, List<String> args, String modules, String missingHint) {
        return DONE.computeIfAbsent("python " + program + " " + args, k -> {
            String python = python();
            Run check = run(dir0(), 60, Map.of(), List.of(python, "-c", "import " + modules));
            if (check.code() != 0) {
                return TargetSpec.Prepared.unavailable(python + " cannot import " + modules + " (" + check.output()
                        + ")" + missingHint);
            }
            try {
                Path d = extract("python", List.of("netconform_stdio.py", program));
                List<String> cmd = new ArrayList<>(List.of(python, "-u", d.resolve(program).toString()));
                cmd.addAll(args);
                return TargetSpec.Prepared.ready(cmd, d, Map.of("PYTHONDONTWRITEBYTECODE", "1"));
            } catch (IOException e) {
                return TargetSpec.Prepared.unavailable("cannot write the program: " + e.getMessage());
            }
        });
    }

    private static Path dir0() {
        try {
            Files.createDirectories(dir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir(), e);
        }
        return dir();
    }

    // ---------------------------------------------------------------- Node.js

    static TargetSpec.Prepared node(String program, boolean needsWs) {
        return DONE.computeIfAbsent("node " + program, k -> {
            Run v = run(dir0(), 30, Map.of(), List.of("node", "--version"));
            if (v.code() != 0) {
                return TargetSpec.Prepared.unavailable("node --version failed (" + v.output() + "): Node.js is needed (Debian nodejs)");
            }
            try {
                Path d = extract("node", List.of("stdio.js", program));
                Map<String, String> env = Map.of();
                if (needsWs) {
                    Optional<String> why = installWs(d);
                    if (why.isPresent()) {
                        return TargetSpec.Prepared.unavailable(why.get());
                    }
                    env = Map.of("NODE_PATH", d.resolve("node_modules").toString());
                }
                return TargetSpec.Prepared.ready(List.of("node", d.resolve(program).toString()), d, env);
            } catch (IOException e) {
                return TargetSpec.Prepared.unavailable("cannot write the program: " + e.getMessage());
            }
        });
    }

    private static synchronized Optional<String> installWs(Path d) throws IOException {
        String version = version("node-ws");
        Path pkg = d.resolve("node_modules/ws/package.json");
        if (Files.isRegularFile(pkg) && Files.readString(pkg).contains("\"version\": \"" + version + "\"")) {
            return Optional.empty();
        }
        Run npm = run(d, 300, Map.of(), List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                d.toString(), "ws@" + version));
        if (npm.code() != 0 || !Files.isRegularFile(pkg)) {
            return Optional.of("npm install ws@" + version + " into " + d + " failed: " + npm.output());
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- Go

    static TargetSpec.Prepared go(String pkg, List<String> args, String missingHint) {
        return DONE.computeIfAbsent("go " + pkg + " " + args, k -> {
            // a map of its own: a nested computeIfAbsent on DONE may throw "Recursive update" (when both keys
            // share a bin), which turned go-gorilla-client into 78 UNSUPPORTED results
            TargetSpec.Prepared built = BUILT.computeIfAbsent(pkg, x -> goBuild(pkg, missingHint));
            if (built.unavailable() != null) {
                return built;
            }
            List<String> cmd = new ArrayList<>(built.command());
            cmd.addAll(args);
            return TargetSpec.Prepared.ready(cmd, built.directory(), Map.of());
        });
    }

    private static TargetSpec.Prepared goBuild(String pkg, String missingHint) {
        Run v = run(dir0(), 60, Map.of(), List.of("go", "version"));
        if (v.code() != 0) {
            return TargetSpec.Prepared.unavailable("go version failed (" + v.output() + "): the Go toolchain is needed (Debian golang-go)");
        }
        String gopath = System.getProperty("netconform.gopath", "/usr/share/gocode");
        try {
            Path root = dir().resolve("go-build");
            List<String> files = List.of("netconform/stdio/stdio.go", pkg + "/main.go")
                    .stream().toList();
            List<String> all = new ArrayList<>(files);
            if (pkg.equals("netconform-go")) {
                all.addAll(List.of("netconform-go/byteorder.go", "netconform-go/udp.go"));
            }
            Path src = extract("go", all).resolve("");
            // GOPATH mode: the sources live in <root>/src
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(v.output().getBytes(StandardCharsets.UTF_8));
            sha.update(gopath.getBytes(StandardCharsets.UTF_8));
            Path gopathRoot = root.resolve("gopath");
            for (String f : all) {
                byte[] text = Files.readAllBytes(src.resolve(f));
                sha.update(f.getBytes(StandardCharsets.UTF_8));
                sha.update(text);
                Path t = gopathRoot.resolve("src").resolve(f);
                Files.createDirectories(t.getParent());
                Files.write(t, text);
            }
            String stamp = HexFormat.of().formatHex(sha.digest());
            Files.createDirectories(root.resolve("bin"));
            Path binary = root.resolve("bin").resolve(pkg);
            Path stampFile = root.resolve("bin").resolve(pkg + ".sha256");
            if (Files.isExecutable(binary) && Files.isRegularFile(stampFile) && Files.readString(stampFile).strip().equals(stamp)) {
                return TargetSpec.Prepared.ready(List.of(binary.toString()), root, Map.of());
            }
            Path partial = root.resolve("bin").resolve(pkg + ".partial");
            Run b = run(gopathRoot.resolve("src").resolve(pkg), 600, Map.of("GO111MODULE", "off",
                    "GOPATH", gopathRoot + ":" + gopath, "GOCACHE", root.resolve("cache").toString(), "GOFLAGS", "",
                    "CGO_ENABLED", "0"), List.of("go", "build", "-o", partial.toString(), "."));
            if (b.code() != 0) {
                return TargetSpec.Prepared.unavailable("go build of " + pkg + " failed: " + b.output() + missingHint);
            }
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(stampFile, stamp + "\n");
            return TargetSpec.Prepared.ready(List.of(binary.toString()), root, Map.of());
        } catch (IOException e) {
            return TargetSpec.Prepared.unavailable("cannot build " + pkg + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
