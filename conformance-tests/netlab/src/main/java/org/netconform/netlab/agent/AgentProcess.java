package org.netconform.netlab.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.netlab.LabException;

/**
 * The harness's side of one {@link Agent}: starts it in a namespace, sends requests, matches responses
 * by id, and turns a dead or silent agent into {@link LabException} with the reason (exit code and the
 * end of its stderr log).
 */
public final class AgentProcess implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentProcess.class.getName());

    /**
     * A small, fast-starting JVM: the agent only shuffles a few sockets. VM warnings go to stderr so that
     * stdout carries nothing but the protocol.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx64m", "-Xss512k", "-XX:-UsePerfData", "-XX:+DisplayVMOutputToStderr",
            "-Djava.net.preferIPv4Stack=true");

    private final String host;
    private final String namespace;
    private final Path log;
    private final Process process;
    private final Writer stdin;
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Map<String, Object>> ready = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile String death;

    private AgentProcess(String host, String namespace, Path log, Process process) {
        this.host = host;
        this.namespace = namespace;
        this.log = log;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pending.put(0L, ready);
        Thread reader = new Thread(this::readLoop, "agent-" + host);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the agent; it is usable once {@link #awaitReady} returns. */
    public static AgentProcess launch(String ip, String namespace, String host, Path log) {
        List<String> command = new ArrayList<>(List.of(ip, "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", classpath(), Agent.class.getName(), host));
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
            return new AgentProcess(host, namespace, log, p);
        } catch (IOException e) {
            throw new LabException("cannot start the agent for " + host + " in " + namespace + ": " + e.getMessage(), e);
        }
    }

    /** Where the agent's classes are: this module's classes directory or jar, which needs nothing else. */
    static String classpath() {
        try {
            return Path.of(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new LabException("cannot locate the netlab classes for the agent: " + e, e);
        }
    }

    public void awaitReady(Duration timeout) {
        get(ready, timeout, "start");
    }

    public String host() {
        return host;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return death == null && process.isAlive();
    }

    /** Sends a request; the future completes with the response or fails with {@link LabException}. */
    public CompletableFuture<Map<String, Object>> send(String op, Map<String, Object> fields) {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        String dead = death;
        if (dead != null) {
            f.completeExceptionally(new LabException(dead));
            return f;
        }
        pending.put(id, f);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("op", op);
        request.putAll(fields);
        try {
            synchronized (stdin) {
                stdin.write(FlatJson.write(request));
                stdin.write('\n');
                stdin.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            f.completeExceptionally(new LabException(deathReason("writing to it failed: " + e.getMessage())));
        }
        return f;
    }

    /**
     * The response; {@link RequestRefused} when the agent could not do it, {@link LabException} when it
     * died or missed the deadline.
     */
    public Map<String, Object> get(CompletableFuture<Map<String, Object>> f, Duration deadline, String what) {
        Map<String, Object> response;
        try {
            response = f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LabException("the agent for " + host + " in " + namespace + " did not answer " + what
                    + " within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LabException le ? le : new LabException(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for " + what + " on " + host);
        }
        if (!Boolean.TRUE.equals(response.get("ok"))) {
            throw new RequestRefused("the agent for " + host + " failed " + what + ": " + response.get("error"));
        }
        return response;
    }

    public Map<String, Object> call(String op, Map<String, Object> fields, Duration deadline) {
        return get(send(op, fields), deadline, op);
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Map<String, Object> response;
                try {
                    response = FlatJson.read(line);
                } catch (IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.WARNING, "agent " + host + " wrote a line that is not JSON: " + line);
                    continue;
                }
                Object id = response.get("id");
                CompletableFuture<Map<String, Object>> f = id instanceof Long n ? pending.remove(n) : null;
                if (f != null) {
                    f.complete(response);
                }
            }
        } catch (IOException e) {
            // the stream broke: the process is gone or going
        }
        String reason = deathReason("its output ended");
        death = reason;
        pending.values().forEach(f -> f.completeExceptionally(new LabException(reason)));
        pending.clear();
    }

    private String deathReason(String what) {
        String exit;
        try {
            exit = process.waitFor(2, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "unknown exit";
        }
        return "the agent for " + host + " in namespace " + namespace + " is gone (" + what + ", " + exit
                + "); end of " + log + ":\n" + tail(log, 12);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Ends the agent: its input closes (it exits by itself), then it is killed if it lingers. */
    @Override
    public void close() {
        death = death != null ? death : "the agent for " + host + " was closed";
        try {
            synchronized (stdin) {
                stdin.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
