package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One child process that speaks the stdio protocol (docs/stdio-protocol.md): started with its stderr
 * in a bounded log, greeted with {@code hello}, then asked requests, each with a deadline. Requests
 * may overlap (each answer carries its request's id); unsolicited lines are events, handed to a
 * listener.
 *
 * <p>Robust by construction: the first crash, missed deadline, line that is not a response or event,
 * line over {@link #MAX_LINE} or output past {@link #OUTPUT_BUDGET} makes the process unusable for
 * good. It is killed, every waiting call and every later one throws {@link StdioFault} with that
 * first reason (and the end of its log), and the failure listener hears of it once.
 */
final class ShimProcess implements AutoCloseable {
    static final String PROTOCOL = "netconform-stdio";
    static final int VERSION = 1;
    /** The longest line the harness reads from a program: a 16 MiB payload in base64 fits. */
    static final int MAX_LINE = 32 * 1024 * 1024;
    /** What a program may write on stdout between two resets of the budget (the harness resets it per case). */
    static final long OUTPUT_BUDGET = 512L * 1024 * 1024;
    /** The line limit a program that declares none is held to, and the least it may declare. */
    static final int DEFAULT_SHIM_MAX_LINE = 1024 * 1024;
    static final int MIN_SHIM_MAX_LINE = 64 * 1024;
    /** How much of a program's stderr the log keeps. */
    static final int LOG_LIMIT = 1024 * 1024;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netconform-stdio-deadlines");
        t.setDaemon(true);
        return t;
    });

    private final String name;
    private final Process process;
    private final Path log;
    private final OutputStream stdin;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Object writeLock = new Object();
    private volatile Consumer<String> onFailure;
    private volatile Consumer<JsonNode> onEvent = e -> { };
    private volatile String broken;
    private volatile boolean closing;
    private volatile long budgetBase;
    private volatile BoundedLineReader reader;
    private final Thread stderrCopier;
    private JsonNode hello;
    private int shimMaxLine = DEFAULT_SHIM_MAX_LINE;

    private ShimProcess(String name, Process process, Path log, Consumer<String> onFailure) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.onFailure = onFailure;
        this.stdin = process.getOutputStream();
        Thread out = new Thread(this::readStdout, name + " stdout");
        out.setDaemon(true);
        out.start();
        stderrCopier = new Thread(this::copyStderr, name + " stderr");
        stderrCopier.setDaemon(true);
        stderrCopier.start();
    }

    /**
     * Starts the program and says hello. {@code onFailure} hears of the first failure of the process
     * (not of a close the harness asked for).
     *
     * @throws StdioFault when the program cannot be started or does not complete the handshake
     */
    static ShimProcess start(String name, Launch launch, Path log, Duration helloDeadline, Consumer<String> onFailure) {
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(launch.command()).redirectError(ProcessBuilder.Redirect.PIPE);
            if (launch.directory() != null) {
                pb.directory(launch.directory().toFile());
            }
            pb.environment().putAll(launch.environment());
            process = pb.start();
        } catch (IOException e) {
            throw new StdioFault(name + ": cannot start " + String.join(" ", launch.command()) + ": " + e.getMessage(), e);
        }
        ShimProcess shim = new ShimProcess(name, process, log, onFailure);
        ObjectNode args = Json.object().put("protocol", PROTOCOL).put("client", "netconform");
        args.putArray("versions").add(VERSION);
        try {
            JsonNode result = shim.call("hello", args, helloDeadline);
            if (!PROTOCOL.equals(result.path("protocol").asText()) || result.path("version").asInt() != VERSION) {
                throw shim.fail("answered hello with protocol " + result.path("protocol") + " version "
                        + result.path("version") + ", asked for " + PROTOCOL + " " + VERSION);
            }
            JsonNode maxLine = result.get("maxLine");
            if (maxLine != null) {
                if (!maxLine.canConvertToInt() || maxLine.intValue() < MIN_SHIM_MAX_LINE) {
                    throw shim.fail("declared maxLine " + maxLine + "; at least " + MIN_SHIM_MAX_LINE + " is required");
                }
                shim.shimMaxLine = maxLine.intValue();
            }
            shim.hello = result;
            return shim;
        } catch (StdioRefusal e) {
            shim.close();
            throw new StdioFault(name + ": the program refused hello: " + e.getMessage() + shim.logTail());
        } catch (RuntimeException e) {
            shim.close();
            throw e;
        }
    }

    JsonNode hello() {
        return hello;
    }

    int shimMaxLine() {
        return shimMaxLine;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    void onFailure(Consumer<String> listener) {
        this.onFailure = listener;
    }

    void onEvent(Consumer<JsonNode> listener) {
        this.onEvent = listener;
    }

    /** Starts a fresh output budget. */
    void resetBudget() {
        BoundedLineReader r = reader;
        budgetBase = r == null ? 0 : r.total();
    }

    /** Null while usable; otherwise why not. */
    String broken() {
        return broken;
    }

    /**
     * Sends one request and waits up to {@code deadline} for its answer (writing it counts against the
     * deadline too: a program that reads nothing cannot block the harness).
     *
     * @return the result of an {@code "ok": true} answer
     * @throws StdioRefusal the program answered {@code "ok": false} with kind {@code failed}
     * @throws StdioFault   anything else: the program is unusable, or answered that it failed itself
     */
    JsonNode call(String op, ObjectNode args, Duration deadline) {
        String why = broken;
        if (why != null) {
            throw new StdioFault(name + ": " + why);
        }
        long id = nextId.getAndIncrement();
        ObjectNode request = Json.object().put("id", id).put("op", op);
        if (args != null) {
            request.set("args", args);
        }
        byte[] line;
        try {
            line = (Json.MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + op + " as JSON", e);
        }
        if (line.length - 1 > shimMaxLine) {
            throw new StdioFault(name + ": the request " + op + " is " + (line.length - 1) + " bytes long, more than the "
                    + shimMaxLine + " the program accepts (maxLine in its hello)");
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ScheduledFuture<?> dog = WATCHDOG.schedule(() -> fail("did not answer " + op + " (request " + id + ") within "
                + deadline.toMillis() + " ms"), deadline.toMillis(), TimeUnit.MILLISECONDS);
        JsonNode response;
        try {
            synchronized (writeLock) {
                stdin.write(line);
                stdin.flush();
            }
            response = answer.get();
        } catch (IOException e) {
            throw fail(process.isAlive() ? "did not take " + op + " (" + e.getMessage() + ")" : "exited before " + op + " was sent");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StdioFault(name + ": interrupted while waiting for the answer to " + op);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StdioFault f ? f : new StdioFault(name + ": " + e.getCause(), e.getCause());
        } finally {
            dog.cancel(false);
            pending.remove(id);
        }
        if (response.get("ok").asBoolean()) {
            JsonNode result = response.get("result");
            return result == null || result.isNull() ? Json.object() : result;
        }
        JsonNode error = response.path("error");
        String kind = error.path("kind").asText("?");
        String message = error.path("message").asText("(no message)");
        if (kind.equals("failed")) {
            throw new StdioRefusal(message);
        }
        // alive and speaking the protocol, but no answer about the implementation: bad-request, unsupported, internal
        throw new StdioFault(name + ": answered " + op + " with error kind '" + kind + "': " + Json.excerpt(message));
    }

    private void readStdout() {
        BoundedLineReader r = new BoundedLineReader(process.getInputStream(), MAX_LINE);
        reader = r;
        try {
            String line;
            while ((line = r.readLine()) != null) {
                if (r.total() - budgetBase > OUTPUT_BUDGET) {
                    fail("flooded stdout: more than " + (OUTPUT_BUDGET >> 20) + " MiB in one case");
                    return;
                }
                if (!handle(line)) {
                    return;
                }
            }
            fail("exited");
        } catch (BoundedLineReader.LineTooLongException e) {
            fail("flooded stdout: wrote " + e.getMessage() + " (the limit is " + MAX_LINE + ")");
        } catch (IOException e) {
            fail("closed its stdout (" + e.getMessage() + ")");
        }
    }

    /** One line from the program; false when it was not the protocol (the process is then failed). */
    private boolean handle(String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            fail("wrote a line that is not a JSON object: " + Json.excerpt(line));
            return false;
        }
        if (node.has("event")) {
            if (hello == null) {
                fail("wrote an event before the handshake: " + Json.excerpt(line));
                return false;
            }
            try {
                onEvent.accept(node);
            } catch (StdioFault e) {
                fail(e.getMessage());
                return false;
            }
            return true;
        }
        JsonNode id = node.get("id");
        JsonNode ok = node.get("ok");
        if (id == null || !id.canConvertToLong() || ok == null || !ok.isBoolean()) {
            fail("wrote a line that is neither a response (id, ok) nor an event: " + Json.excerpt(line));
            return false;
        }
        // taken out at once: a second answer to the same request finds nothing waiting, whenever it comes
        CompletableFuture<JsonNode> waiting = pending.remove(id.asLong());
        if (waiting == null) {
            fail("answered request " + id.asLong() + ", which is not waiting for an answer: " + Json.excerpt(line));
            return false;
        }
        waiting.complete(node);
        return true;
    }

    private void copyStderr() {
        try (InputStream err = process.getErrorStream();
             OutputStream out = Files.newOutputStream(log)) {
            byte[] buf = new byte[8192];
            long written = 0;
            int n;
            boolean noted = false;
            while ((n = err.read(buf)) >= 0) {
                if (written < LOG_LIMIT) {
                    int keep = (int) Math.min(n, LOG_LIMIT - written);
                    out.write(buf, 0, keep);
                    out.flush();
                    written += keep;
                } else if (!noted) {
                    out.write(("\n[netconform: stderr cut here, after " + (LOG_LIMIT >> 10) + " KiB]\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    noted = true;
                }
            }
        } catch (IOException e) {
            // the log is a help, not a result
        }
    }

    /** Marks the process unusable for good (the first reason wins), kills it and fails every waiting call. */
    StdioFault fail(String reason) {
        boolean first = false;
        synchronized (this) {
            if (broken == null) {
                first = true;
                process.destroyForcibly();
                String exit = "";
                try {
                    if (process.waitFor(2, TimeUnit.SECONDS) && !closing) {
                        int code = process.exitValue();
                        exit = code > 128 ? " (killed by signal " + (code - 128) + ")" : " (exit code " + code + ")";
                    }
                    // the process is dead, so its stderr ends: let the copier write it all before quoting the log
                    // (it returns at end of file; the generous bound only matters on a loaded machine)
                    stderrCopier.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                broken = "the program (pid " + process.pid() + ") " + reason + exit + (closing ? "" : logTail());
            }
        }
        StdioFault f = new StdioFault(name + ": " + broken);
        for (CompletableFuture<JsonNode> waiting : List.copyOf(pending.values())) {
            waiting.completeExceptionally(f);
        }
        // outside the lock and after the waiting calls were released: the listener may take locks of its own
        if (first && !closing) {
            onFailure.accept(broken);
        }
        return f;
    }

    String logTail() {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - 800);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "; its stderr log " + log + " is empty"
                    : "; stderr log " + log + ", ending:\n" + Json.excerptLines(text);
        } catch (IOException e) {
            return "; no stderr log at " + log;
        }
    }

    boolean alive() {
        return broken == null && process.isAlive();
    }

    /** Asks a usable program to shut down, waits briefly, then kills it. Never throws; reports no failure. */
    @Override
    public void close() {
        if (broken == null && process.isAlive() && hello != null) {
            try {
                call("shutdown", null, Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                // a program that cannot shut down politely is killed below
            }
        }
        closing = true;
        try {
            stdin.close();
        } catch (IOException ignored) {
            // gone with the process
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        fail("was closed by the harness");
    }

    /** How to start a program: its command line, working directory and extra environment. */
    record Launch(List<String> command, Path directory, Map<String, String> environment) {
        Launch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }
}
