package org.netconform.suites.realnat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One ICE peer program in a lab namespace (the protocol of {@link org.netconform.spi.traversal.IceAgentAdapter}),
 * with the suite as its signalling channel: its credentials, candidate and gathered lines are copied to
 * the other peer's standard input as they come; its result line is kept. Everything it prints, standard
 * error included, goes to the cell's log.
 */
final class IcePeerProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the other peer needs; anything else (state changes, the result) is only logged. */
    private static final Set<String> SIGNALLING = Set.of("credentials", "candidate", "gathered");

    private final String name;
    private final Process process;
    private final List<String> log;
    private final List<String> candidates = Collections.synchronizedList(new ArrayList<>());
    private volatile JsonNode result;
    private volatile String error;
    private volatile Thread stdout;
    private final Thread stderr;

    IcePeerProcess(String name, Process process, List<String> log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stderr = daemon("ice-" + name + "-err", () -> drain(process.getErrorStream(), name + " stderr: "));
    }

    /** Starts relaying: signalling lines go to {@code other}'s standard input. */
    void relayTo(IcePeerProcess other) {
        stdout = daemon("ice-" + name, () -> readStdout(other.process.getOutputStream()));
        stdout.start();
        stderr.start();
    }

    private void readStdout(OutputStream toOther) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.add(name + "> " + line);
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException notJson) {
                    continue;
                }
                String event = n.path("event").asText();
                if (SIGNALLING.contains(event)) {
                    if (event.equals("candidate")) {
                        candidates.add(n.path("type").asText() + " " + n.path("address").asText() + ":" + n.path("port").asText());
                    }
                    forward(toOther, line);
                } else if (event.equals("result")) {
                    result = n;
                } else if (event.equals("error")) {
                    error = n.path("reason").asText();
                }
            }
        } catch (IOException e) {
            // killed: what it printed is all there is
        }
    }

    private void forward(OutputStream toOther, String line) {
        try {
            toOther.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toOther.flush();
        } catch (IOException e) {
            // the other peer has ended: it no longer needs our candidates
            log.add(name + ": not forwarded (the other peer's input is closed): " + line);
        }
    }

    private void drain(InputStream in, String prefix) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.add(prefix + line);
            }
        } catch (IOException e) {
            // killed
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Waits until the program ends and its output is read, or the time is up. */
    boolean awaitEnd(long millis) throws InterruptedException {
        boolean ended = process.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (ended) {
            // the streams end with the program; read them to the end before judging its result
            stdout.join(2000);
            stderr.join(2000);
        }
        return ended;
    }

    String name() {
        return name;
    }

    Optional<JsonNode> result() {
        return Optional.ofNullable(result);
    }

    Optional<String> error() {
        return Optional.ofNullable(error);
    }

    List<String> candidates() {
        synchronized (candidates) {
            return List.copyOf(candidates);
        }
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** "srflx 203.0.113.1:40000 -> prflx 203.0.113.2:51000", or empty when no pair was selected. */
    static String pair(JsonNode result) {
        if (!result.has("local") || !result.has("remote")) {
            return "";
        }
        return describe(result.get("local")) + " -> " + describe(result.get("remote"));
    }

    private static String describe(JsonNode c) {
        return c.path("type").asText() + " " + c.path("address").asText() + ":" + c.path("port").asText();
    }
}
