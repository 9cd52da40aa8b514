package org.netconform.adapters.pionvnet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Go shim where the adapter runs: its source travels in the jar
 * ({@code netconform/pionvnet/go/pionshim/*.go}), is written to {@code DIR/src/pionshim} and compiled with
 * {@code go build} against the Debian package's pion sources (GOPATH mode, offline) into
 * {@code DIR/pionshim}. A build is reused while the source and {@code go version} are unchanged.
 *
 * <p>DIR is {@code -Dnetconform.pionVnet.dir} (the modules' poms set their target/pion-vnet; default
 * ./target/pion-vnet); the GOPATH is {@code -Dnetconform.pionVnet.gopath} (default /usr/share/gocode).
 */
final class ShimBuild {
    static final List<String> SOURCES = List.of("main.go", "protocol.go", "world.go", "lab.go", "trace.go");
    private static final String RESOURCES = "/netconform/pionvnet/go/pionshim/";
    /** The pion file whose presence says the sources are installed (the NAT itself). */
    static final String PION_NAT = "src/github.com/pion/transport/vnet/nat.go";

    private final Path dir;
    private final Path gopath;

    ShimBuild(Path dir, Path gopath) {
        this.dir = dir.toAbsolutePath();
        this.gopath = gopath;
    }

    static ShimBuild fromProperties() {
        return new ShimBuild(Path.of(System.getProperty("netconform.pionVnet.dir", "target/pion-vnet")),
                Path.of(System.getProperty("netconform.pionVnet.gopath", "/usr/share/gocode")));
    }

    /** The built shim, or why there is none: the reason a target is UNSUPPORTED. */
    synchronized Result build() {
        String goVersion;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return Result.unavailable("cannot create " + dir + ": " + e.getMessage());
        }
        try {
            Run v = run(dir, 60, Map.of(), "go", "version");
            if (v.code() != 0) {
                return Result.unavailable("go version failed: " + v.output());
            }
            goVersion = v.output();
        } catch (IOException e) {
            return Result.unavailable("go not found (" + e.getMessage() + "): the Go toolchain (Debian golang-go) is needed");
        }
        if (!Files.isRegularFile(gopath.resolve(PION_NAT))) {
            return Result.unavailable("pion sources not found at " + gopath.resolve(PION_NAT)
                    + ": Debian golang-github-pion-transport-dev is needed (or -Dnetconform.pionVnet.gopath)");
        }
        try {
            Path src = dir.resolve("src/pionshim");
            Files.createDirectories(src);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(goVersion.getBytes(StandardCharsets.UTF_8));
            sha.update(gopath.toString().getBytes(StandardCharsets.UTF_8));
            for (String file : SOURCES) {
                byte[] text;
                try (InputStream in = ShimBuild.class.getResourceAsStream(RESOURCES + file)) {
                    if (in == null) {
                        return Result.unavailable("the adapter jar lacks the shim source " + RESOURCES + file);
                    }
                    text = in.readAllBytes();
                }
                sha.update(text);
                Files.write(src.resolve(file), text);
            }
            String stamp = HexFormat.of().formatHex(sha.digest());
            Path binary = dir.resolve("pionshim");
            Path stampFile = dir.resolve("pionshim.sha256");
            if (Files.isExecutable(binary) && Files.isRegularFile(stampFile)
                    && Files.readString(stampFile).strip().equals(stamp)) {
                return Result.built(binary, goVersion);
            }
            // build beside the binary and rename: a concurrent reader never sees half a file
            Path partial = dir.resolve("pionshim.partial");
            Run b = run(src, 600, Map.of("GO111MODULE", "off", "GOPATH", gopath.toString(),
                    "GOCACHE", dir.resolve("go-cache").toString(), "GOFLAGS", "", "CGO_ENABLED", "0"),
                    "go", "build", "-o", partial.toString(), ".");
            if (b.code() != 0) {
                return Result.unavailable("go build of the pion shim failed: " + b.output());
            }
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(stampFile, stamp + "\n");
            return Result.built(binary, goVersion);
        } catch (IOException e) {
            return Result.unavailable("cannot build the pion shim in " + dir + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shim binary, or the reason there is none. */
    record Result(Path binary, String goVersion, String unavailable) {
        static Result built(Path binary, String goVersion) {
            return new Result(binary, goVersion, null);
        }

        static Result unavailable(String reason) {
            return new Result(null, null, reason);
        }
    }

    private record Run(int code, String output) {
    }

    /** Runs a command with its output in DIR/go.log (a file: a pipe nobody reads could block it). */
    private Run run(Path cwd, long seconds, Map<String, String> env, String... command) throws IOException {
        Path out = dir.resolve("go.log");
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
            return new Run(p.exitValue(), text.length() > 4000 ? text.substring(0, 4000) + "..." : text);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        }
    }
}
