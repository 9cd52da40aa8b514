package org.netconform.adapters.nodews.wsserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsserver.LazyServerAdapter;

/**
 * The npm package {@code ws} (pinned in the parent pom as {@code node-ws.version}) run by Node.js as a
 * child process: {@code node echo-server.js} listens on 127.0.0.1 and an ephemeral port at /ws and prints
 * the port. The package is installed on first use with {@code npm install --prefix DIR ws@VERSION} into
 * {@code -Dnetconform.nodeWs.dir} (the run module sets its target/node-ws; default ./target/node-ws).
 * Without node or npm, or when the install fails, the target is UNSUPPORTED with the reason.
 */
public final class NodeWsServerTarget implements Target {
    static final int LIMIT = 16 * 1024 * 1024;
    static final String VERSION = version();
    private final List<AreaAdapter> adapters = List.of(new Adapter());

    static String version() {
        try (InputStream in = NodeWsServerTarget.class.getResourceAsStream("/netconform/nodews/version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("node-ws adapter built without its version.properties", e);
        }
    }

    @Override
    public String id() {
        return "node-ws";
    }

    @Override
    public String description() {
        return "npm ws " + VERSION + " WebSocketServer echo, run by Node.js on 127.0.0.1";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Adapter extends LazyServerAdapter {
        private final Path dir = Path.of(System.getProperty("netconform.nodeWs.dir", "target/node-ws")).toAbsolutePath();
        private Optional<String> unavailable;
        private Process process;

        Adapter() {
            super("/ws", Set.of(LIMITS, RESOURCE_NAME));
        }

        @Override
        public String description() {
            return "npm ws " + VERSION + " echo";
        }

        @Override
        public OptionalLong maxMessageSize() {
            return OptionalLong.of(LIMIT);
        }

        @Override
        public synchronized Optional<String> unavailableReason() {
            if (unavailable == null) {
                unavailable = prepare();
            }
            return unavailable;
        }

        private Optional<String> prepare() {
            for (String tool : List.of("node", "npm")) {
                try {
                    String out = run(dir.getParent() != null && Files.isDirectory(dir.getParent()) ? dir.getParent()
                            : Path.of("."), 30, tool, "--version");
                    if (out == null) {
                        return Optional.of(tool + " --version failed: Node.js with npm is needed for this target");
                    }
                } catch (IOException e) {
                    return Optional.of(tool + " not found (" + e.getMessage() + "): Node.js with npm is needed");
                }
            }
            if (Files.isRegularFile(dir.resolve("node_modules/ws/package.json")) && installedVersion().equals(VERSION)) {
                return Optional.empty();
            }
            try {
                Files.createDirectories(dir);
                String out = run(dir, 300, "npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                        dir.toString(), "ws@" + VERSION);
                if (out == null || !installedVersion().equals(VERSION)) {
                    return Optional.of("npm install ws@" + VERSION + " into " + dir + " failed" + (out == null ? "" : ": " + out));
                }
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of("npm install ws@" + VERSION + " failed: " + e.getMessage());
            }
        }

        private String installedVersion() {
            try {
                String json = Files.readString(dir.resolve("node_modules/ws/package.json"));
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
                return m.find() ? m.group(1) : "";
            } catch (IOException e) {
                return "";
            }
        }

        /** Runs a command; its output, or null if it failed or timed out. */
        private static String run(Path cwd, long seconds, String... command) throws IOException {
            Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                String text = out.get(5, TimeUnit.SECONDS).strip();
                return p.exitValue() == 0 ? text : null;
            } catch (Exception e) {
                p.destroyForcibly();
                return null;
            }
        }

        @Override
        protected int start(String path) throws Exception {
            Optional<String> why = unavailableReason();
            if (why.isPresent()) {
                throw new IllegalStateException(why.get());
            }
            Path script = dir.resolve("echo-server.js");
            try (InputStream in = getClass().getResourceAsStream("/netconform/nodews/echo-server.js")) {
                Files.write(script, in.readAllBytes());
            }
            process = new ProcessBuilder("node", script.toString(), dir.toString(), path, String.valueOf(LIMIT))
                    .directory(dir.toFile()).redirectError(dir.resolve("echo-server.log").toFile()).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return r.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String first = line.get(15, TimeUnit.SECONDS);
            if (first == null || !first.startsWith("PORT ")) {
                process.destroyForcibly();
                throw new IllegalStateException("node echo-server.js printed " + first + "; see " + dir.resolve("echo-server.log"));
            }
            return Integer.parseInt(first.substring(5).strip());
        }

        @Override
        protected void stop() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
