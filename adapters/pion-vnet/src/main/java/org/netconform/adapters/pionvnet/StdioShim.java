package org.netconform.adapters.pionvnet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.netconform.spi.nat.NatLabException;

/**
 * The client side of the netconform stdio protocol, version 1 (docs/nat-stdio-shim.md), for one child
 * process: a hello, then one request at a time, each with its own deadline. Nothing here knows an area;
 * the NAT lab builds on it.
 *
 * <p>A shim that crashes, hangs, floods or writes garbage is never believed again: the first such failure
 * kills it, and every later call throws {@link NatLabException} with that first reason (and the tail of
 * the shim's stderr log), which the harness reports as ERROR, never as a verdict.
 */
final class StdioShim implements AutoCloseable {
    static final String PROTOCOL = "netconform-stdio";
    static final int VERSION = 1;
    /** The longest line either side may write, newline excluded. */
    static final int MAX_LINE = 64 * 1024;

    static final ObjectMapper JSON = new ObjectMapper();

    /** The shim answered a request with {@code "ok": false}: it is alive, the operation failed. */
    static final class ShimError extends Exception {
        private final String kind;

        ShimError(String op, String kind, String message) {
            super(op + " failed (" + kind + "): " + message);
            this.kind = kind;
        }

        String kind() {
            return kind;
        }
    }

    /** What the reader thread hands over: a line, or why there will be no more. */
    private record Read(String line, String end) {
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final BlockingQueue<Read> reads = new LinkedBlockingQueue<>();
    private final OutputStream requests;
    private long nextId = 1;
    private String broken;
    private JsonNode hello;

    private StdioShim(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.requests = process.getOutputStream();
        Thread reader = new Thread(this::readResponses, name + " stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the command with its stderr in {@code log} and says hello; the shim's hello result is {@link #hello()}. */
    static StdioShim start(String name, List<String> command, Path log, Duration deadline) {
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new NatLabException(name + ": cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        StdioShim shim = new StdioShim(name, process, log);
        ObjectNode args = JSON.createObjectNode().put("protocol", PROTOCOL).put("client", "netconform");
        args.putArray("versions").add(VERSION);
        try {
            JsonNode result = shim.call("hello", args, deadline);
            if (!PROTOCOL.equals(result.path("protocol").asText()) || result.path("version").asInt() != VERSION) {
                throw shim.fail("hello answered protocol " + result.path("protocol") + " version " + result.path("version")
                        + ", asked for " + PROTOCOL + " " + VERSION);
            }
            shim.hello = result;
            return shim;
        } catch (ShimError e) {
            shim.close();
            throw new NatLabException(name + ": the shim refused hello: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            shim.close();
            throw e;
        }
    }

    JsonNode hello() {
        return hello;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Sends one request and waits up to {@code deadline} for its response; its result on {@code ok}.
     *
     * @throws ShimError         the shim answered that the operation failed
     * @throws NatLabException   the shim is unusable: dead, silent past the deadline, or not speaking the protocol
     */
    synchronized JsonNode call(String op, ObjectNode args, Duration deadline) throws ShimError {
        if (broken != null) {
            throw new NatLabException(name + ": the shim is unusable: " + broken);
        }
        long id = nextId++;
        ObjectNode request = JSON.createObjectNode().put("id", id).put("op", op);
        if (args != null) {
            request.set("args", args);
        }
        try {
            byte[] line = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
            requests.write(line);
            requests.flush();
        } catch (IOException e) {
            // a broken pipe means the shim is gone or going: give it a moment to be seen as exited
            throw fail(exitsWithin(Duration.ofSeconds(1)) ? "exited before " + op + " was sent"
                    : "cannot take " + op + " (" + e.getMessage() + ")");
        }
        Read read;
        try {
            read = reads.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted while waiting for the answer to " + op);
        }
        if (read == null) {
            throw fail("no answer to " + op + " within " + deadline.toMillis() + " ms");
        }
        if (read.end() != null) {
            throw fail(read.end() + " instead of answering " + op);
        }
        JsonNode response;
        try {
            response = JSON.readTree(read.line());
        } catch (JsonProcessingException e) {
            response = null;
        }
        if (response == null || !response.isObject() || !response.path("ok").isBoolean()) {
            throw fail("answered " + op + " with a line that is no response: " + excerpt(read.line()));
        }
        if (response.path("id").asLong(-1) != id) {
            throw fail("answered request " + id + " (" + op + ") with id " + response.path("id") + ": " + excerpt(read.line()));
        }
        if (!response.get("ok").asBoolean()) {
            JsonNode error = response.path("error");
            throw new ShimError(op, error.path("kind").asText("?"), error.path("message").asText(excerpt(read.line())));
        }
        return response.path("result");
    }

    private boolean exitsWithin(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Marks the shim unusable for good, kills it, and returns the exception to throw. */
    private NatLabException fail(String reason) {
        process.destroyForcibly();
        String exit = "";
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                int code = process.exitValue();
                // a shell's convention, which Java follows: 128 + N is death by signal N
                exit = code > 128 ? " (killed by signal " + (code - 128) + ")" : " (exit code " + code + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        broken = "the shim " + reason + exit + logTail();
        return new NatLabException(name + ": " + broken);
    }

    private void readResponses() {
        BoundedLineReader reader = new BoundedLineReader(process.getInputStream(), MAX_LINE);
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                reads.add(new Read(line, null));
            }
            reads.add(new Read(null, "exited"));
        } catch (BoundedLineReader.LineTooLongException e) {
            reads.add(new Read(null, "wrote " + e.getMessage()));
        } catch (IOException e) {
            reads.add(new Read(null, "closed its stdout (" + e.getMessage() + ")"));
        }
    }

    private String logTail() {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - 1024);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "; its log " + log + " is empty" : "; the end of its log " + log + ":\n" + text;
        } catch (IOException e) {
            return "; no log at " + log;
        }
    }

    private static String excerpt(String line) {
        String s = line.length() > 200 ? line.substring(0, 200) + "..." : line;
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    /** True when the shim is still usable and running. */
    synchronized boolean alive() {
        return broken == null && process.isAlive();
    }

    /** Asks a live shim to shut down, waits briefly, then kills it; deletes an empty log. Never throws. */
    @Override
    public synchronized void close() {
        if (broken == null && process.isAlive()) {
            try {
                call("shutdown", null, Duration.ofSeconds(2));
            } catch (ShimError | NatLabException e) {
                // a shim that cannot shut down politely is killed below
            }
        }
        try {
            requests.close();
        } catch (IOException ignored) {
            // the pipe is gone with the process
        }
        try {
            process.getInputStream().close();
        } catch (IOException ignored) {
            // as above
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
        broken = broken == null ? "closed" : broken;
        try {
            if (Files.size(log) == 0) {
                Files.delete(log);
            }
        } catch (IOException ignored) {
            // a missing log needs no cleaning
        }
    }
}
