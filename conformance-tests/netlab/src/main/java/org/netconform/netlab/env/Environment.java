package org.netconform.netlab.env;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.netconform.netlab.LabException;
import org.netconform.netlab.LabLayout;
import org.netconform.netlab.LabSettings;
import org.netconform.netlab.RouterNames;
import org.netconform.netlab.RouterNat;
import org.netconform.netlab.Timers;
import org.netconform.netlab.agent.AgentProcess;

/**
 * One built lab: the namespaces, links and an agent per host. A lab borrows it; between labs it is
 * reset rather than rebuilt, because starting the agents' JVMs is most of the cost of building.
 */
public final class Environment {
    private static final Duration AGENT_START = Duration.ofSeconds(60);
    private static final Duration RESET_DEADLINE = Duration.ofSeconds(15);

    private final LabNames names;
    private final LabLayout layout;
    private final Tools tools;
    private final List<LabHost> hosts;
    private final Map<String, AgentProcess> agentsByAddress = new LinkedHashMap<>();
    private final Map<String, LabHost> hostsByAddress = new LinkedHashMap<>();
    private final List<AgentProcess> agents = new ArrayList<>();
    private Map<String, Long> timerDefaults = Map.of();
    private volatile boolean tcpUsed;
    private volatile boolean broken;
    private volatile boolean destroyed;

    private Environment(LabNames names, LabLayout layout, Tools tools) {
        this.names = names;
        this.layout = layout;
        this.tools = tools;
        this.hosts = Topology.hosts(names, layout);
    }

    /** Builds an environment; on failure nothing of it is left. */
    public static Environment create(LabLayout layout, LabSettings settings, Tools tools) {
        Environment env = new Environment(LabNames.fresh(), layout, tools);
        OwnerMarker.write(env.names.id());
        try {
            Topology.build(tools, env.names, layout);
            for (LabHost h : env.hosts) {
                AgentProcess a = AgentProcess.launch(tools.ip(), h.namespace(), h.name(),
                        settings.logDir().resolve(env.names.prefix() + h.name() + ".log"));
                env.agents.add(a);
                h.addresses().forEach(addr -> {
                    env.agentsByAddress.put(addr, a);
                    env.hostsByAddress.put(addr, h);
                });
            }
            // started together above, awaited here: the JVMs boot in parallel
            env.agents.forEach(a -> a.awaitReady(AGENT_START));
            env.timerDefaults = ConntrackTimers.parse(Commands.run(env.inRouter(tools.sysctl(), ConntrackTimers.keys()))
                    .orThrow().out());
            return env;
        } catch (RuntimeException e) {
            env.destroy();
            throw e;
        }
    }

    public LabNames names() {
        return names;
    }

    public LabLayout layout() {
        return layout;
    }

    public List<LabHost> hosts() {
        return hosts;
    }

    public RouterNames routerNames() {
        return Topology.routerNames(names, layout);
    }

    /** The agent of the host that has {@code address}, or null when no host has it. */
    public AgentProcess agentFor(String address) {
        return agentsByAddress.get(address);
    }

    public LabHost hostFor(String address) {
        return hostsByAddress.get(address);
    }

    public boolean usable() {
        return !broken && !destroyed && agents.stream().allMatch(AgentProcess::alive);
    }

    /** Something went wrong in a way that leaves the state unknown: never hand it to another lab. */
    public void markBroken() {
        broken = true;
    }

    /** A lab made TCP connections: their TIME_WAIT sockets must go before the next lab reuses the ports. */
    public void markTcpUsed() {
        tcpUsed = true;
    }

    /**
     * Makes the environment a fresh lab: the NAT table replaced in one transaction (old one deleted, new
     * one declared), conntrack flushed, the timers set. The agents were reset when the last lab ended.
     */
    public void prepare(RouterNat nat, Timers timers) {
        if (tcpUsed) {
            killTimeWait();
            tcpUsed = false;
        }
        String table = names.natTable();
        String rules = "table ip " + table + "\n"
                + "delete table ip " + table + "\n"
                + "table ip " + table + " {\n" + nat.tableBody(routerNames()) + "}\n";
        List<String> cmd = new ArrayList<>(List.of(tools.ip(), "netns", "exec", names.routerNamespace(), "sh", "-c",
                "set -e; \"$1\" -f -; \"$2\" -F 2>/dev/null; shift 3; exec \"$0\" -q -w \"$@\"",
                tools.sysctl(), tools.nft(), tools.conntrack(), "--"));
        cmd.addAll(ConntrackTimers.assignments(timers, timerDefaults));
        Commands.run(cmd, rules).orThrow();
    }

    /** Every agent closes its sockets (TCP with RST) and forgets what arrived. */
    public void resetAgents() {
        List<CompletableFuture<Map<String, Object>>> calls = new ArrayList<>();
        agents.forEach(a -> calls.add(a.send("reset", Map.of())));
        for (int i = 0; i < agents.size(); i++) {
            agents.get(i).get(calls.get(i), RESET_DEADLINE, "reset");
        }
    }

    /** {@code conntrack -L} in the router: the NAT's table as the kernel has it. */
    public String conntrackTable() {
        Commands.Result r = Commands.run(inRouter(tools.conntrack(), List.of("-L"))).orThrow();
        return r.out() + r.err().strip();
    }

    /**
     * In an outside host's namespace, drops SYNs without ACK to {@code address:port}, so a simultaneous
     * open can let the inside SYN cross the NAT (which then holds the mapping) without the outside host
     * answering it with a RST before its own connect has started. {@link #releaseSyn} removes it.
     */
    public void holdSyn(LabHost host, String address, int port) {
        String t = names.hostFilterTable();
        String rules = "table ip " + t + " {\n"
                + "    chain input {\n"
                + "        type filter hook input priority filter; policy accept;\n"
                + "    }\n"
                + "}\n"
                + "flush chain ip " + t + " input\n"
                + "add rule ip " + t + " input ip daddr " + address + " tcp dport " + port
                + " tcp flags & (syn | ack) == syn drop\n";
        Commands.run(List.of(tools.ip(), "netns", "exec", host.namespace(), tools.nft(), "-f", "-"), rules).orThrow();
    }

    public void releaseSyn(LabHost host) {
        Commands.run(List.of(tools.ip(), "netns", "exec", host.namespace(), tools.nft(), "flush", "chain", "ip",
                names.hostFilterTable(), "input")).orThrow();
    }

    private void killTimeWait() {
        List<CompletableFuture<Commands.Result>> runs = new ArrayList<>();
        for (LabHost h : hosts) {
            runs.add(CompletableFuture.supplyAsync(() -> Commands.run(List.of(tools.ip(), "netns", "exec", h.namespace(),
                    tools.ss(), "-K", "-t", "state", "time-wait"))));
        }
        runs.forEach(CompletableFuture::join);
    }

    private List<String> inRouter(String tool, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(tools.ip(), "netns", "exec", names.routerNamespace(), tool));
        cmd.addAll(args);
        return cmd;
    }

    /** Agents ended, namespaces deleted (their veths and tables with them), marker removed. Never throws. */
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        agents.forEach(a -> closing.add(CompletableFuture.runAsync(a::close)));
        closing.forEach(f -> {
            try {
                f.join();
            } catch (RuntimeException ignored) {
                // a failed close leaves a process the namespace deletion does not need
            }
        });
        StringBuilder del = new StringBuilder("netns del " + names.routerNamespace() + "\n");
        hosts.forEach(h -> del.append("netns del ").append(h.namespace()).append('\n'));
        try {
            // -force: go on past a namespace that was never made
            Commands.run(List.of(tools.ip(), "-force", "-batch", "-"), del.toString());
        } catch (LabException ignored) {
            // the sweep at the next start removes what is left
        }
        OwnerMarker.delete(names.id());
    }
}
