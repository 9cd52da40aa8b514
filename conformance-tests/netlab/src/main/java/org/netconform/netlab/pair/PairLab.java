package org.netconform.netlab.pair;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netconform.netlab.LabException;
import org.netconform.netlab.NetLab;
import org.netconform.netlab.RouterNat;
import org.netconform.netlab.env.Commands;
import org.netconform.netlab.env.LabNames;
import org.netconform.netlab.env.OwnerMarker;
import org.netconform.netlab.env.StaleSweeper;
import org.netconform.netlab.env.Tools;

/**
 * Two peers, each behind a real Linux NAT of its own (or both behind one, or one public), and a public
 * middle with the STUN and rendezvous servers' addresses: the lab NAT traversal needs. Every lab is
 * built fresh (no conntrack state from an earlier run) and removed whole on {@link #close()}: a
 * namespace per host and router, veth pairs only, names with a run-specific prefix of netlab's
 * {@code nc??????-} family, an owner marker so that what a killed run left is swept by the next.
 *
 * <pre>
 * try (PairLab lab = PairLab.open(PairLayout.DIFFERENT_NATS, Masquerade.asShipped(), new MasqueradeRandom())) {
 *     Process p = lab.exec(PairHost.A, "turnutils_natdiscovery", "-m", "203.0.113.100");
 *     ...
 *     String table = lab.conntrack(PairHost.ROUTER_A);
 * }
 * </pre>
 *
 * Programs run in a namespace with {@link #exec}; nothing else of the lab needs a process, so a lab
 * costs its {@code ip}/{@code nft} commands (about 0.2 s to build and as much to remove).
 */
public final class PairLab implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PairLab.class.getName());
    private static final Set<PairLab> OPEN = new LinkedHashSet<>();
    private static boolean swept;

    private final Tools tools;
    private final LabNames names;
    private final PairLayout layout;
    private final PairTopology topology;
    private final Map<PairHost, RouterNat> nats = new EnumMap<>(PairHost.class);
    private final List<Process> processes = new ArrayList<>();
    private boolean closed;

    private PairLab(Tools tools, LabNames names, PairLayout layout) {
        this.tools = tools;
        this.names = names;
        this.layout = layout;
        this.topology = new PairTopology(tools, names, layout);
    }

    /**
     * Builds a lab. {@code natA} is router A's NAT (unused when A is public), {@code natB} router B's
     * (unused when both peers are behind router A). Throws {@link LabException} when labs cannot run
     * here ({@link NetLab#unavailableReason()}) or the build failed; nothing of a failed build is left.
     */
    public static PairLab open(PairLayout layout, RouterNat natA, RouterNat natB) {
        NetLab.unavailableReason().ifPresent(r -> {
            throw new LabException(r);
        });
        Tools tools = Tools.require();
        sweepOnce(tools);
        PairLab lab = new PairLab(tools, LabNames.fresh(), layout);
        OwnerMarker.write(lab.names.id());
        synchronized (OPEN) {
            OPEN.add(lab);
        }
        try {
            lab.topology.build();
            for (PairHost r : layout.routers()) {
                lab.loadNat(r, r == PairHost.ROUTER_A ? natA : natB);
            }
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    public PairLayout layout() {
        return layout;
    }

    /** This lab's name prefix ({@code nc??????-}): every namespace, link and table of it starts with it. */
    public String prefix() {
        return names.prefix();
    }

    public String namespace(PairHost host) {
        return topology.namespace(host);
    }

    /** What router {@code router}'s NAT does, for logs. */
    public String describe(PairHost router) {
        RouterNat n = nats.get(router);
        return n == null ? "no router " + router : n.describe();
    }

    /**
     * Starts {@code argv} in {@code host}'s namespace ({@code ip netns exec}, which execs the program, so
     * the process is the program itself) and returns it; stdout and stderr are the caller's to read.
     * The lab kills whatever is still running (with its descendants) when it closes.
     */
    public Process exec(PairHost host, String... argv) {
        return exec(host, List.of(argv));
    }

    public Process exec(PairHost host, List<String> argv) {
        requireHost(host);
        List<String> cmd = new ArrayList<>(List.of(tools.ip(), "netns", "exec", namespace(host)));
        cmd.addAll(argv);
        synchronized (this) {
            if (closed) {
                throw new LabException("the lab " + prefix() + " is closed");
            }
            try {
                Process p = new ProcessBuilder(cmd).start();
                processes.add(p);
                return p;
            } catch (IOException e) {
                throw new LabException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
            }
        }
    }

    /** Runs a quick command in {@code host}'s namespace to its end (20 s at most) and returns what it printed. */
    public Commands.Result run(PairHost host, String... argv) {
        requireHost(host);
        List<String> cmd = new ArrayList<>(List.of(tools.ip(), "netns", "exec", namespace(host)));
        cmd.addAll(List.of(argv));
        return Commands.run(cmd);
    }

    /** {@code conntrack -L} in a router's namespace: the NAT's table as the kernel has it. */
    public String conntrack(PairHost router) {
        if (!layout.routers().contains(router)) {
            throw new IllegalArgumentException(layout + " has no " + router);
        }
        Commands.Result r = run(router, tools.conntrack(), "-L");
        return (r.out() + r.err().strip()).strip();
    }

    /** Kills what {@link #exec} started, deletes every namespace (veths and tables go with them). Never throws. */
    @Override
    public void close() {
        List<Process> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = List.copyOf(processes);
        }
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : running) {
            try {
                p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        StringBuilder del = new StringBuilder();
        for (PairHost h : PairHost.values()) {
            del.append("netns del ").append(namespace(h)).append('\n');
        }
        try {
            // -force: go on past a namespace this layout never made
            Commands.run(List.of(tools.ip(), "-force", "-batch", "-"), del.toString());
        } catch (LabException e) {
            LOG.log(System.Logger.Level.WARNING, "removing lab " + prefix() + ": " + e.getMessage() + " (the next run sweeps it)");
        }
        OwnerMarker.delete(names.id());
        synchronized (OPEN) {
            OPEN.remove(this);
        }
    }

    private void loadNat(PairHost router, RouterNat nat) {
        var rn = topology.routerNames(router);
        String rules = "table ip " + rn.table() + " {\n" + nat.tableBody(rn) + "}\n";
        Commands.run(List.of(tools.ip(), "netns", "exec", namespace(router), tools.nft(), "-f", "-"), rules).orThrow();
        nats.put(router, nat);
    }

    private void requireHost(PairHost host) {
        if ((host == PairHost.ROUTER_A || host == PairHost.ROUTER_B) && !layout.routers().contains(host)) {
            throw new IllegalArgumentException(layout + " has no " + host);
        }
    }

    /** Once per JVM: what killed runs left (of any netlab lab) goes, and this JVM's labs go when it exits. */
    private static synchronized void sweepOnce(Tools tools) {
        if (swept) {
            return;
        }
        swept = true;
        List<String> gone = StaleSweeper.sweep(tools);
        if (!gone.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "swept stale labs " + gone);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<PairLab> open;
            synchronized (OPEN) {
                open = List.copyOf(OPEN);
            }
            open.forEach(PairLab::close);
        }, "pairlab-shutdown"));
    }
}
