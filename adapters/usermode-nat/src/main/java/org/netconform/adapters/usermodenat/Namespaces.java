package org.netconform.adapters.usermodenat;

import java.util.List;

/** The few namespace operations a lab needs, through {@code ip}. */
final class Namespaces {
    private Namespaces() {
    }

    /** A new namespace with its loopback up. */
    static void add(String ns) {
        Commands.run("ip", "netns", "add", ns);
        Commands.run("ip", "-n", ns, "link", "set", "lo", "up");
    }

    /** Runs {@code ip -n NS ARGS...}. */
    static String ip(String ns, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "ip";
        command[1] = "-n";
        command[2] = ns;
        System.arraycopy(args, 0, command, 3, args.length);
        return Commands.run(command);
    }

    /** The pids of the processes whose network namespace this is. */
    static List<Long> pids(String ns) {
        Commands.Result r = Commands.attempt("ip", "netns", "pids", ns);
        if (r.code() != 0 || r.output().isBlank()) {
            return List.of();
        }
        return r.output().lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
    }

    /**
     * Kills what still runs in the namespace, by pid, and deletes it (its veths and taps go with it). Never
     * throws: a namespace already gone is fine, and cleanup must go on to the next one.
     */
    static void delete(String ns) {
        try {
            for (long pid : pids(ns)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            Commands.attempt("ip", "netns", "del", ns);
        } catch (RuntimeException e) {
            // best effort: the sweeper of the next run tries again
        }
    }

    /** True when the namespace exists. */
    static boolean exists(String ns) {
        return StaleLabSweeper.namespaces().contains(ns);
    }
}
