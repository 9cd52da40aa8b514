package org.netconform.adapters.usermodenat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.netconform.netlab.LabException;
import org.netconform.netlab.LabLayout;
import org.netconform.netlab.LabSettings;
import org.netconform.netlab.agent.AgentProcess;
import org.netconform.netlab.env.Commands;

/**
 * What user-mode labs keep between them: the three namespaces ({@link UserModeTopology}) and the two
 * agents. Starting the agents' JVMs is most of a lab's cost; the NAT itself is a new process for every lab
 * (its table empty, its tap device made anew), so reusing the rest leaves a lab as fresh as a new one
 * once the agents have closed their sockets and no TIME_WAIT socket of the last lab can refuse a port.
 */
final class UserModeEnvironment {
    private static final Duration AGENT_START = Duration.ofSeconds(60);
    private static final Duration RESET_DEADLINE = Duration.ofSeconds(15);

    final UserModeTopology net;
    final AgentProcess inside;
    final AgentProcess outside;
    private final Path logs;
    private volatile boolean tcpUsed;
    private volatile boolean broken;
    private volatile boolean destroyed;

    private UserModeEnvironment(UserModeTopology net, AgentProcess inside, AgentProcess outside, Path logs) {
        this.net = net;
        this.inside = inside;
        this.outside = outside;
        this.logs = logs;
    }

    /** Builds the namespaces and starts both agents; on failure nothing of it is left. */
    static UserModeEnvironment create(LabSettings settings) {
        UserModeTopology net = UserModeTopology.build(LabLayout.standard());
        AgentProcess in = null;
        AgentProcess out = null;
        try {
            Path logs = settings.logDir();
            Files.createDirectories(logs);
            String ip = Programs.require("ip").toString();
            in = AgentProcess.launch(ip, net.inside(), "inside", logs.resolve(net.names.prefix() + "inside.log"));
            out = AgentProcess.launch(ip, net.outside(), "outside", logs.resolve(net.names.prefix() + "outside.log"));
            in.awaitReady(AGENT_START);
            out.awaitReady(AGENT_START);
            return new UserModeEnvironment(net, in, out, logs);
        } catch (Exception e) {
            for (AgentProcess a : new AgentProcess[] {in, out}) {
                if (a != null) {
                    a.close();
                }
            }
            net.destroy();
            throw new LabException("user-mode lab " + net.names.id() + " could not be built: " + e.getMessage(), e);
        }
    }

    String id() {
        return net.names.id();
    }

    boolean usable() {
        return !broken && !destroyed && inside.alive() && outside.alive();
    }

    /** The state is unknown (an operation or the NAT failed): never hand it to another lab. */
    void markBroken() {
        broken = true;
    }

    /** A lab made TCP connections: their TIME_WAIT sockets must go before the next lab uses the same ports. */
    void markTcpUsed() {
        tcpUsed = true;
    }

    /**
     * Made fresh for the next lab, once its NAT is gone: the agents close every socket (TCP with RST) and
     * forget what arrived, and after TCP every namespace drops its TIME_WAIT sockets (the inside's for the
     * next lab's inside ports, the router's for the NAT's own connections, the outside's for the servers').
     */
    void reset() {
        List<CompletableFuture<Map<String, Object>>> calls = List.of(inside.send("reset", Map.of()),
                outside.send("reset", Map.of()));
        inside.get(calls.get(0), RESET_DEADLINE, "reset");
        outside.get(calls.get(1), RESET_DEADLINE, "reset");
        if (tcpUsed) {
            String ip = Programs.require("ip").toString();
            String ss = Programs.require("ss").toString();
            List<CompletableFuture<Commands.Result>> runs = new ArrayList<>();
            for (String ns : net.namespaces()) {
                runs.add(CompletableFuture.supplyAsync(() -> Commands.run(List.of(ip, "netns", "exec", ns, ss, "-K", "-t",
                        "state", "time-wait"))));
            }
            runs.forEach(CompletableFuture::join);
            tcpUsed = false;
        }
    }

    /** Waits until the inside namespace has no {@code device} any more: the last NAT's tap went with it. */
    void awaitDeviceGone(String device, Duration within) {
        String ip = Programs.require("ip").toString();
        long end = System.nanoTime() + within.toNanos();
        while (Commands.run(List.of(ip, "-n", net.inside(), "link", "show", "dev", device)).ok()) {
            if (System.nanoTime() > end) {
                throw new LabException(device + " is still in " + net.inside() + " " + within.toMillis()
                        + " ms after its NAT ended");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for " + device + " to go", e);
            }
        }
    }

    /** Agents ended, namespaces and marker removed; the agents' logs too unless a lab failed here. Never throws. */
    void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        List<CompletableFuture<Void>> closing = List.of(CompletableFuture.runAsync(inside::close),
                CompletableFuture.runAsync(outside::close));
        closing.forEach(f -> {
            try {
                f.join();
            } catch (RuntimeException ignored) {
                // deleting the namespaces below ends what is left
            }
        });
        net.destroy();
        if (!broken) {
            try (java.util.stream.Stream<Path> files = Files.list(logs)) {
                files.filter(f -> f.getFileName().toString().startsWith(net.names.prefix())).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                // logs left behind are harmless
            }
        }
    }
}
