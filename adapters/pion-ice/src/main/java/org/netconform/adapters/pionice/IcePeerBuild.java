package org.netconform.adapters.pionice;

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
import java.util.concurrent.TimeUnit;

/**
 * Builds ice-peer where the adapter runs: its Go source travels in the jar
 * ({@code netconform/pionice/go/icepeer/*.go}) and is compiled in GOPATH mode, offline, against the
 * Debian packages' sources in /usr/share/gocode (golang-github-pion-ice.v2-dev and what it depends on)
 * into {@code target/pion-ice/ice-peer} under the working directory. A build is reused while the
 * source and {@code go version} are the same (a SHA-256 stamp beside it).
 */
final class IcePeerBuild {
    static final List<String> SOURCES = List.of("main.go", "wire.go", "exchange.go");
    static final Path GOPATH = Path.of("/usr/share/gocode");
    /** The file whose presence says pion's ICE sources are installed. */
    static final String PION_ICE = "src/github.com/pion/ice/v2/agent.go";

    /** The built program, or why there is none: the reason the target is UNSUPPORTED. */
    record Result(Path binary, String unavailable) {
    }

    private final Path dir;

    IcePeerBuild(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    synchronized Result build() {
        try {
            Files.createDirectories(dir);
            String goVersion = go(dir, 60, "version");
            if (goVersion == null) {
                return new Result(null, "go not found or not working (" + log() + "): the Go toolchain (Debian golang-go) is needed");
            }
            if (!Files.isRegularFile(GOPATH.resolve(PION_ICE))) {
                return new Result(null, "pion ICE sources not found at " + GOPATH.resolve(PION_ICE)
                        + ": Debian golang-github-pion-ice.v2-dev is needed");
            }
            Path src = dir.resolve("src/icepeer");
            Files.createDirectories(src);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(goVersion.getBytes(StandardCharsets.UTF_8));
            for (String file : SOURCES) {
                try (InputStream in = IcePeerBuild.class.getResourceAsStream("/netconform/pionice/go/icepeer/" + file)) {
                    if (in == null) {
                        return new Result(null, "the adapter jar lacks the ice-peer source " + file);
                    }
                    byte[] text = in.readAllBytes();
                    sha.update(text);
                    Files.write(src.resolve(file), text);
                }
            }
            String stamp = HexFormat.of().formatHex(sha.digest());
            Path binary = dir.resolve("ice-peer");
            Path stampFile = dir.resolve("ice-peer.sha256");
            if (Files.isExecutable(binary) && Files.isRegularFile(stampFile) && Files.readString(stampFile).strip().equals(stamp)) {
                return new Result(binary, null);
            }
            // built beside and renamed: a concurrent run never starts half a file
            Path partial = dir.resolve("ice-peer.partial");
            if (go(src, 600, "build", "-o", partial.toString(), ".") == null) {
                return new Result(null, "go build of ice-peer failed: " + log());
            }
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(stampFile, stamp + "\n");
            return new Result(binary, null);
        } catch (IOException e) {
            return new Result(null, "cannot build ice-peer in " + dir + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs go with its output in DIR/go.log (a file: a pipe nobody reads could block it); its output, or null on failure. */
    private String go(Path cwd, long seconds, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("go"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("go.log").toFile());
        pb.environment().putAll(java.util.Map.of("GO111MODULE", "off", "GOPATH", GOPATH.toString(),
                "GOCACHE", dir.resolve("go-cache").toString(), "GOFLAGS", "", "CGO_ENABLED", "0"));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Files.writeString(dir.resolve("go.log"), e.getMessage());
            return null;
        }
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Files.writeString(dir.resolve("go.log"), "go " + String.join(" ", args) + " took longer than " + seconds + " s");
                return null;
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        }
        return p.exitValue() == 0 ? log() : null;
    }

    private String log() {
        try {
            String text = Files.readString(dir.resolve("go.log"), StandardCharsets.UTF_8).strip();
            return text.length() > 4000 ? text.substring(0, 4000) + "..." : text;
        } catch (IOException e) {
            return "(no go.log: " + e.getMessage() + ")";
        }
    }
}
