package org.netconform.adapters.usermodenat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.netconform.netlab.LabException;
import org.netconform.netlab.LabLayout;
import org.netconform.netlab.LabSettings;
import org.netconform.netlab.agent.AgentProcess;
import org.netconform.netlab.env.Commands;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

/**
 * A {@link NatLab} through a user-mode NAT ({@link UserModeTopology}), driven by two of netlab's agents:
 * one in the inside namespace (all inside hosts), one in the outside namespace (server and other host).
 * The namespaces and agents come from {@link UserModeEnvironments} (reused between labs); the NAT process
 * is this lab's own, started when it opens and ended when it closes, so every lab starts with an empty
 * NAT table. The operations follow netlab's {@code NamespaceLab} (nonces, first arrival, the held SYN of a
 * simultaneous open) for this layout; a lab failure ({@link LabException}) becomes {@link NatLabException}.
 */
final class UserModeLab implements NatLab {
    /** Added to an operation's own wait for an agent's answer: a loaded machine, a GC pause. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    /** As in netlab: the inside SYN gets this long to cross the NAT before the outside end connects. */
    private static final long SYN_CROSSING_MILLIS = 20;
    /** How long a NAT's tap device may outlive its process before the environment is not trusted again. */
    private static final Duration DEVICE_GONE = Duration.ofSeconds(3);
    private static final AtomicLong LABS = new AtomicLong();

    private final NatTopology topology;
    private final UserModeNat userModeNat;
    private final UserModeEnvironment env;
    private final UserModeTopology net;
    private final UserModeNat.Running nat;
    private final Path natLog;
    private final AgentProcess insideAgent;
    private final AgentProcess outsideAgent;
    private final LabSettings settings;
    private final AtomicLong sends = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean failed;
    private volatile Runnable onClose = () -> { };

    private UserModeLab(NatTopology topology, UserModeNat userModeNat, UserModeEnvironment env, UserModeNat.Running nat,
                        Path natLog, LabSettings settings) {
        this.topology = topology;
        this.userModeNat = userModeNat;
        this.env = env;
        this.net = env.net;
        this.nat = nat;
        this.natLog = natLog;
        this.insideAgent = env.inside;
        this.outsideAgent = env.outside;
        this.settings = settings;
    }

    /** Takes an environment and starts the NAT in it; on failure the environment is not used again. */
    static UserModeLab open(UserModeNat userModeNat, NatTopology topology, LabSettings settings) {
        UserModeEnvironment env;
        try {
            env = UserModeEnvironments.acquire(settings);
        } catch (LabException e) {
            throw new NatLabException(userModeNat.id() + ": the lab's namespaces and agents could not be made: "
                    + e.getMessage(), e);
        }
        Path log = settings.logDir().resolve(env.net.names.prefix() + userModeNat.id() + "-" + LABS.incrementAndGet()
                + ".log");
        try {
            UserModeNat.Running nat = userModeNat.start(env.net.router(), env.net.inside(), LabLayout.standard().insideHosts(),
                    log);
            return new UserModeLab(topology, userModeNat, env, nat, log, settings);
        } catch (RuntimeException e) {
            env.markBroken();
            UserModeEnvironments.release(env, settings);
            throw new NatLabException(userModeNat.id() + " lab " + env.id() + " did not open: " + e.getMessage(), e);
        }
    }

    @Override
    public NatTopology topology() {
        return topology;
    }

    @Override
    public boolean virtualTime() {
        return false;
    }

    List<String> namespaces() {
        return net.namespaces();
    }

    String id() {
        return net.names.id();
    }

    long natPid() {
        return nat.pid();
    }

    /** Run once the lab is closed (the registry of open labs forgets it). */
    void onClose(Runnable action) {
        onClose = action;
    }

    // ---- UDP ----

    @Override
    public Optional<Delivery> udp(NatEndpoint from, NatEndpoint to) {
        AgentProcess sender = hostAgent(from, "from");
        AgentProcess receiver = receiverOf(to);
        return guard(() -> {
            if (!isExternal(to)) {
                call(receiver, "udpOpen", fields("local", to), Duration.ZERO);
            }
            String nonce = nonce();
            Map<String, Object> sent = call(sender, "udpSend", fields("local", from, "to", to, "nonce", nonce), Duration.ZERO);
            if (!Boolean.TRUE.equals(sent.get("sent"))) {
                return Optional.empty();
            }
            return arrival(receiver, "udpAwait", nonce);
        });
    }

    @Override
    public boolean udpToClosedPort(NatEndpoint from, NatEndpoint to) {
        AgentProcess sender = hostAgent(from, "from");
        receiverOf(to);
        return guard(() -> Boolean.TRUE.equals(call(sender, "udpProbeClosed",
                fields("local", from, "to", to, "nonce", nonce(), "waitMs", settings.deliveryWait().toMillis()),
                settings.deliveryWait()).get("icmp")));
    }

    // ---- TCP ----

    @Override
    public void tcpListen(NatEndpoint at) {
        AgentProcess a = hostAgent(at, "at");
        env.markTcpUsed();
        guard(() -> call(a, "tcpListen", fields("local", at), Duration.ZERO));
    }

    @Override
    public TcpOutcome tcpConnect(NatEndpoint from, NatEndpoint to) {
        AgentProcess connector = hostAgent(from, "from");
        AgentProcess acceptor = receiverOf(to);
        env.markTcpUsed();
        return guard(() -> {
            if (!isExternal(to)) {
                call(acceptor, "tcpListen", fields("local", to), Duration.ZERO);
            }
            String nonce = nonce();
            Map<String, Object> r = call(connector, "tcpConnect",
                    fields("local", from, "to", to, "nonce", nonce, "waitMs", settings.tcpWait().toMillis()), settings.tcpWait());
            return outcome(r, from, to, acceptor, nonce);
        });
    }

    /**
     * As netlab does it: the inside connect starts first, its SYN crosses the NAT and is dropped at the
     * outside host by a rule in that host's own namespace (so the outside kernel does not RST it), then the
     * outside end connects to {@code insideMapping}; the rule goes at once.
     */
    @Override
    public TcpOutcome tcpSimultaneousOpen(NatEndpoint inside, NatEndpoint outside, NatEndpoint insideMapping) {
        AgentProcess in = hostAgent(inside, "inside");
        AgentProcess out = hostAgent(outside, "outside");
        if (in == out) {
            throw new IllegalArgumentException(inside + " and " + outside + " are on the same side of the NAT");
        }
        receiverOf(insideMapping);
        env.markTcpUsed();
        return guard(() -> {
            String nonce = nonce();
            long wait = settings.tcpWait().toMillis();
            holdSyn(outside);
            try {
                long handle = ((Number) call(in, "tcpConnectStart", fields("local", inside, "to", outside), Duration.ZERO)
                        .get("handle")).longValue();
                sleep(SYN_CROSSING_MILLIS);
                CompletableFuture<Map<String, Object>> outCall = out.send("tcpConnect",
                        fields("local", outside, "to", insideMapping, "nonce", nonce(), "waitMs", wait));
                Map<String, Object> inResult = call(in, "tcpConnectFinish", fields("handle", handle, "nonce", nonce, "waitMs", wait),
                        settings.tcpWait());
                out.get(outCall, settings.tcpWait().plus(SLACK), "tcpConnect");
                return outcome(inResult, inside, outside, out, nonce);
            } finally {
                releaseSyn();
            }
        });
    }

    @Override
    public void tcpClose(NatEndpoint from, NatEndpoint to, boolean reset) {
        AgentProcess a = hostAgent(from, "from");
        guard(() -> call(a, "tcpClose", fields("local", from, "to", to, "reset", reset), Duration.ZERO));
    }

    private TcpOutcome outcome(Map<String, Object> r, NatEndpoint from, NatEndpoint to, AgentProcess acceptor, String nonce) {
        String result = String.valueOf(r.get("result"));
        return switch (result) {
            case "established" -> TcpOutcome.established(arrival(acceptor, "tcpAwait", nonce)
                    .orElseThrow(() -> new LabException("TCP " + from + " -> " + to
                            + " was established but no socket of the lab received its first line")));
            case "reset" -> TcpOutcome.of(TcpOutcome.Kind.RESET);
            case "icmp" -> TcpOutcome.of(TcpOutcome.Kind.ICMP_UNREACHABLE);
            case "timeout", "noroute" -> TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER);
            default -> throw new LabException("unknown TCP result " + result + " (" + r.get("detail") + ")");
        };
    }

    private void holdSyn(NatEndpoint outside) {
        String t = net.names.hostFilterTable();
        String rules = "table ip " + t + " {\n"
                + "    chain input {\n"
                + "        type filter hook input priority filter; policy accept;\n"
                + "    }\n"
                + "}\n"
                + "flush chain ip " + t + " input\n"
                + "add rule ip " + t + " input ip daddr " + outside.address() + " tcp dport " + outside.port()
                + " tcp flags & (syn | ack) == syn drop\n";
        Commands.run(List.of(Programs.require("ip").toString(), "netns", "exec", net.outside(), Programs.require("nft").toString(),
                "-f", "-"), rules).orThrow();
    }

    private void releaseSyn() {
        Commands.run(List.of(Programs.require("ip").toString(), "netns", "exec", net.outside(), Programs.require("nft").toString(),
                "flush", "chain", "ip", net.names.hostFilterTable(), "input")).orThrow();
    }

    // ---- time, table, close ----

    @Override
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + duration);
        }
        guard(() -> {
            sleep(duration.toMillis());
            return null;
        });
    }

    /** A user-mode NAT's table is its own sockets in the router namespace, as {@code ss} lists them. */
    @Override
    public String describeTable() {
        try {
            String ss = Programs.require("ss").toString();
            String ip = Programs.require("ip").toString();
            String udp = Commands.run(List.of(ip, "netns", "exec", net.router(), ss, "-uanp")).orThrow().out();
            String tcp = Commands.run(List.of(ip, "netns", "exec", net.router(), ss, "-tanp")).orThrow().out();
            return "the NAT's sockets in " + net.router() + " (ss -uanp; ss -tanp):\n" + udp + tcp;
        } catch (RuntimeException e) {
            return "(no table: " + e.getMessage() + ")";
        }
    }

    /**
     * Ends the NAT process (its tap device goes with it) and gives the environment back, made fresh for the
     * next lab, or destroyed when this lab failed. Never throws; twice is harmless.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        nat.close();
        if (!failed) {
            try {
                env.awaitDeviceGone(userModeNat.insideDevice(), DEVICE_GONE);
            } catch (LabException e) {
                failed = true;
            }
        }
        if (failed) {
            env.markBroken();
        } else {
            try {
                Files.deleteIfExists(natLog);
                Files.deleteIfExists(Path.of(natLog + ".out"));
            } catch (java.io.IOException e) {
                // a log left behind is harmless
            }
        }
        UserModeEnvironments.release(env, settings);
        onClose.run();
    }

    // ---- helpers ----

    private Optional<Delivery> arrival(AgentProcess a, String op, String nonce) {
        Map<String, Object> r = call(a, op, fields("nonce", nonce, "waitMs", settings.deliveryWait().toMillis()), settings.deliveryWait());
        if (!Boolean.TRUE.equals(r.get("found"))) {
            return Optional.empty();
        }
        return Optional.of(new Delivery(NatEndpoint.parse((String) r.get("receivedAt")), NatEndpoint.parse((String) r.get("source"))));
    }

    private <T> T guard(Supplier<T> operation) {
        if (closed) {
            throw new NatLabException("the lab " + net.names.id() + " is closed");
        }
        try {
            return operation.get();
        } catch (LabException e) {
            failed = true;
            throw new NatLabException(e.getMessage() + " (logs: " + settings.logDir().resolve(net.names.prefix() + "*")
                    + ")", e);
        }
    }

    private Map<String, Object> call(AgentProcess a, String op, Map<String, Object> fields, Duration wait) {
        return a.call(op, fields, wait.plus(SLACK));
    }

    private boolean isInside(String address) {
        return topology.insideHosts().contains(address);
    }

    private boolean isOutside(String address) {
        return topology.serverAddresses().contains(address) || topology.otherOutsideHost().equals(address);
    }

    private boolean isExternal(NatEndpoint e) {
        return topology.externalAddresses().contains(e.address());
    }

    /** The agent of the host that owns {@code e}; a wrong endpoint is the caller's IllegalArgumentException. */
    private AgentProcess hostAgent(NatEndpoint e, String role) {
        if (e.port() == 0 || !(isInside(e.address()) || isOutside(e.address()))) {
            throw new IllegalArgumentException(role + " " + e + " is no socket a host of this lab can bind; inside "
                    + topology.insideHosts() + ", server " + topology.serverAddresses() + ", other " + topology.otherOutsideHost());
        }
        return isInside(e.address()) ? insideAgent : outsideAgent;
    }

    /** Who receives what is sent to {@code to}: its host, or for the NAT's external address the inside. */
    private AgentProcess receiverOf(NatEndpoint to) {
        if (isExternal(to) && to.port() != 0) {
            return insideAgent;
        }
        return hostAgent(to, "to");
    }

    private String nonce() {
        return net.names.id() + "-" + sends.incrementAndGet() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof NatEndpoint || v instanceof String ? v.toString() : v);
        }
        return m;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}
