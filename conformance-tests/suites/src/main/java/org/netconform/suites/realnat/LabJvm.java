package org.netconform.suites.realnat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.netconform.harness.NoAnswer;
import org.netconform.netlab.pair.PairHost;
import org.netconform.netlab.pair.PairLab;

/**
 * A JVM of this suite's own classpath started in a lab namespace ({@link PairLab#exec}): how the
 * real-NAT suites put a target's code behind a real NAT, since a JVM cannot move between network
 * namespaces. Its output lines are collected as they come (stderr folded in), so the suite can wait
 * for one of them.
 */
final class LabJvm {
    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

    private LabJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread out = new Thread(() -> drain(process), "labjvm-" + name);
        out.setDaemon(true);
        out.start();
    }

    /** Starts {@code mainClass} with {@code args} in {@code host}'s namespace. */
    static LabJvm start(PairLab lab, PairHost host, String name, Class<?> mainClass, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a child lives seconds: the C1 compiler alone starts faster on a shared, busy machine
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        argv.addAll(args);
        return new LabJvm(name, lab.exec(host, argv));
    }

    private void drain(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                all.add(l);
                lines.add(l);
            }
        } catch (IOException e) {
            // the process was killed: what it printed so far is all there is
        }
        try (var err = p.getErrorStream()) {
            String e = new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!e.isEmpty()) {
                e.lines().forEach(l -> all.add("stderr: " + l));
            }
        } catch (IOException ignored) {
            // as above
        }
    }

    /** The first line matching {@code wanted} within {@code millis}; a JVM that ends or stays silent is {@link NoAnswer}. */
    String await(Predicate<String> wanted, long millis, String what) {
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            while (System.nanoTime() < end) {
                String l = lines.poll(50, TimeUnit.MILLISECONDS);
                if (l != null && wanted.test(l)) {
                    return l;
                }
                if (l == null && !process.isAlive() && lines.isEmpty()) {
                    Thread.sleep(100);
                    throw new NoAnswer(name + " ended (exit " + process.exitValue() + ") before " + what + ": " + tail());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new NoAnswer(name + " did not report " + what + " within " + millis + " ms: " + tail());
    }

    /** Waits for the JVM to end on its own. */
    boolean waitFor(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The JVM's standard input: closing it tells a {@link PeerProcess} to stop. */
    java.io.OutputStream input() {
        return process.getOutputStream();
    }

    List<String> output() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    private String tail() {
        List<String> o = output();
        return o.isEmpty() ? "(no output)" : String.join(" | ", o.subList(Math.max(0, o.size() - 4), o.size()));
    }
}
