package org.netconform.suites.realnat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netconform.harness.NoAnswer;
import org.netconform.netlab.LabException;
import org.netconform.netlab.RouterNat;
import org.netconform.netlab.pair.PairHost;
import org.netconform.netlab.pair.PairLab;
import org.netconform.netlab.pair.PairLayout;

/**
 * One cell of the traversal matrix behind real Linux NATs: a fresh {@link PairLab}, the target's
 * rendezvous server in the middle (203.0.113.200:3479) and its two UDP peers in their namespaces
 * (alice on port 40000, bob on 40001), each in a JVM of its own ({@link LabJvm}) on real sockets in
 * real time. Bob registers first and waits; alice asks for him (or, with reversal, asks him to call
 * back) and punches for {@link #PUNCH_SECONDS}; bob is stopped once alice is done. The outcome has the
 * same shape as the virtual lab's; its log holds the servers' view, each peer's log (candidates, what
 * it sent and why) and both routers' conntrack tables with packet counts.
 */
final class RealTraversalLab {
    static final int PUNCH_SECONDS = 3;
    static final int ALICE_PORT = 40000;
    static final int BOB_PORT = 40001;
    /** A JVM's start on a busy shared machine: generous, since only a dead child ever waits this long. */
    private static final long START_MILLIS = 30_000;
    private static final Pattern UDP_ORIGINAL = Pattern.compile("^udp\\s.*?src=(\\S+) dst=(\\S+) sport=(\\d+) dport=(\\d+)");

    /** What a run achieved, as the virtual lab's {@code Outcome} says it. */
    record Outcome(boolean aliceConnected, boolean bobConnected, boolean dataBothWays, List<String> problems, String log) {
        boolean connected() {
            return aliceConnected && bobConnected && dataBothWays;
        }

        String word() {
            return connected() ? "yes" : aliceConnected || bobConnected ? "one-way" : "no";
        }
    }

    /** A cell's outcome and both routers' tables (empty for a router the layout lacks). */
    record Run(Outcome outcome, String tableA, String tableB, String registrations) {
    }

    private RealTraversalLab() {
    }

    /** Cells at once: each is a lab of its own, and most of a cell is waiting for JVMs to start. */
    static final int PARALLEL_CELLS = 3;

    /**
     * Runs the cells {@link #PARALLEL_CELLS} at a time and returns their results in the jobs' order. What a job
     * throws unchecked (a cell's {@link NoAnswer}) is thrown as it is, after every job ended.
     */
    static <T> List<T> inParallel(List<java.util.concurrent.Callable<T>> jobs) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL_CELLS, r -> {
            Thread t = new Thread(r, "netconform-real-nat-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            List<T> out = new ArrayList<>();
            for (java.util.concurrent.Future<T> f : pool.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the real-NAT cells ran", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // a cell's NoAnswer stays what it is: the test's ERROR
            }
            throw new IllegalStateException("a real-NAT cell failed in the harness: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs a cell; a child that dies or never answers is {@link NoAnswer}, a lab that cannot be built too. */
    static Run run(String targetId, PairLayout layout, RouterNat natA, RouterNat natB, boolean reversal) {
        try (PairLab lab = PairLab.open(layout, natA, natB)) {
            return run(lab, targetId, reversal);
        } catch (LabException e) {
            throw new NoAnswer("the namespace lab failed: " + e.getMessage());
        }
    }

    private static Run run(PairLab lab, String targetId, boolean reversal) {
        PairLayout l = lab.layout();
        String rdvPort = "3479";
        LabJvm server = LabJvm.start(lab, PairHost.MIDDLE, "the rendezvous server", RendezvousProcess.class,
                List.of(targetId, PairLayout.RENDEZVOUS, rdvPort, "120"));
        server.await("READY"::equals, START_MILLIS, "READY");
        LabJvm bob = LabJvm.start(lab, PairHost.B, "bob", PeerProcess.class, List.of(targetId, "bob", l.addressB(),
                String.valueOf(BOB_PORT), PairLayout.RENDEZVOUS, rdvPort, "120"));
        server.await(s -> s.startsWith("REGISTERED bob "), START_MILLIS, "bob's registration");
        LabJvm alice = LabJvm.start(lab, PairHost.A, "alice", PeerProcess.class, List.of(targetId, "alice", l.addressA(),
                String.valueOf(ALICE_PORT), PairLayout.RENDEZVOUS, rdvPort, String.valueOf(PUNCH_SECONDS),
                reversal ? "reverse" : "connect", "bob"));
        String aliceResult = alice.await(s -> s.startsWith("RESULT "), START_MILLIS + PUNCH_SECONDS * 1000L, "its result");
        // bob gets a moment for alice's data (or a late answer) before his input closes
        sleep(300);
        closeInput(bob);
        String bobResult = bob.await(s -> s.startsWith("RESULT "), 10_000, "his result");
        String tableA = l.routers().contains(PairHost.ROUTER_A) ? lab.conntrack(PairHost.ROUTER_A) : "";
        String tableB = l.routers().contains(PairHost.ROUTER_B) ? lab.conntrack(PairHost.ROUTER_B) : "";

        boolean aliceConnected = aliceResult.contains("connected=true");
        boolean bobConnected = bobResult.contains("connected=true");
        boolean data = aliceResult.contains("hello-from-bob") && bobResult.contains("hello-from-alice");
        List<String> problems = new ArrayList<>();
        if (aliceConnected && bobConnected && !data) {
            problems.add("connected but data did not flow both ways: alice " + aliceResult + "; bob " + bobResult);
        }
        String registrations = String.join("\n", server.output().stream().filter(s -> s.startsWith("REGISTERED")).toList());
        StringBuilder log = new StringBuilder();
        log.append("lab ").append(lab.prefix()).append(": ").append(l).append(", router A ").append(describe(lab, PairHost.ROUTER_A))
                .append(", router B ").append(describe(lab, PairHost.ROUTER_B)).append('\n');
        log.append("server saw: ").append(registrations.replace('\n', ';')).append('\n');
        log.append("alice ").append(aliceResult).append('\n');
        alice.output().stream().filter(s -> !s.startsWith("RESULT")).limit(30).forEach(s -> log.append("  alice ").append(s).append('\n'));
        log.append("bob ").append(bobResult).append('\n');
        bob.output().stream().filter(s -> !s.startsWith("RESULT")).limit(30).forEach(s -> log.append("  bob ").append(s).append('\n'));
        if (!tableA.isEmpty()) {
            log.append("conntrack of router A:\n").append(tableA.indent(2));
        }
        if (!tableB.isEmpty()) {
            log.append("conntrack of router B:\n").append(tableB.indent(2));
        }
        return new Run(new Outcome(aliceConnected, bobConnected, data, problems, log.toString()),
                tableA, tableB, registrations);
    }

    /**
     * The local ports the UDP flows from {@code address} left from, as the router's conntrack table has
     * them (each entry's original direction): one port when everything went out from one socket.
     */
    static List<String> sourcePorts(String table, String address) {
        List<String> ports = new ArrayList<>();
        for (String line : table.split("\n")) {
            Matcher m = UDP_ORIGINAL.matcher(line.strip());
            if (m.find() && m.group(1).equals(address) && !ports.contains(m.group(3))) {
                ports.add(m.group(3));
            }
        }
        return ports;
    }

    /** Destinations of the UDP flows from {@code address}: which candidates its punches went to. */
    static List<String> destinations(String table, String address) {
        List<String> out = new ArrayList<>();
        for (String line : table.split("\n")) {
            Matcher m = UDP_ORIGINAL.matcher(line.strip());
            if (m.find() && m.group(1).equals(address)) {
                out.add(m.group(2) + ":" + m.group(4));
            }
        }
        return out;
    }

    private static String describe(PairLab lab, PairHost router) {
        return lab.layout().routers().contains(router) ? lab.describe(router) : "(none)";
    }

    private static void closeInput(LabJvm jvm) {
        try {
            jvm.input().close();
        } catch (IOException e) {
            // a child whose input is gone already has stopped reading it
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
