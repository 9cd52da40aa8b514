package org.netconform.adapters.usermodenat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.netconform.netlab.LabException;
import org.netconform.netlab.env.Commands;

/**
 * pasta (passt) in the router namespace, joined to the inside namespace. As root it needs {@code --runas 0}.
 * Every automatic port forward is off ({@code -t none -u none -T none -U none}; the default, {@code auto},
 * forwards every port bound inside), so what reaches the inside is what pasta itself lets in. IPv4 only,
 * no DHCP, and the gateway address 198.51.100.1 is not mapped to the router's own host ({@code --no-map-gw}).
 * pasta gives its namespace one address (the first inside host); the others are added to the same interface.
 */
final class PastaNat implements UserModeNat {
    static final String GATEWAY = "198.51.100.1";
    static final String DEVICE = "nat0";

    @Override
    public String id() {
        return "pasta";
    }

    @Override
    public String program() {
        return "pasta";
    }

    @Override
    public String insideDevice() {
        return DEVICE;
    }

    @Override
    public String debianPackage() {
        return "passt";
    }

    @Override
    public String description() {
        return "pasta (Debian passt " + Versions.debianPackage("passt")
                + "); --runas 0 -4, no port forwards (-t/-u/-T/-U none), --no-dhcp --no-map-gw";
    }

    @Override
    public Running start(String router, String inside, List<String> insideAddresses, Path log) {
        Process p;
        try {
            p = new ProcessBuilder(Programs.require("ip").toString(), "netns", "exec", router, Programs.require("pasta").toString(), "--runas", "0", "--foreground", "-4",
                    "--netns", "/run/netns/" + inside, "--ns-ifname", DEVICE, "--config-net",
                    "--address", insideAddresses.get(0), "--netmask", "24", "--gateway", GATEWAY,
                    "-t", "none", "-u", "none", "-T", "none", "-U", "none", "--no-dhcp", "--no-map-gw",
                    "--log-file", log.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    // without a terminal pasta complains that it cannot reach syslog, line by line
                    .redirectErrorStream(true).redirectOutput(Path.of(log + ".out").toFile()).start();
        } catch (IOException e) {
            throw new LabException("cannot start pasta: " + e.getMessage(), e);
        }
        NatProcess running = new NatProcess(p, false);
        try {
            awaitAddress(running, inside, insideAddresses.get(0), log);
            for (String address : insideAddresses.subList(1, insideAddresses.size())) {
                Programs.ip(inside, "addr", "add", address + "/24", "dev", DEVICE);
            }
            return running;
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }

    /** pasta is ready once it has configured its interface in the namespace ({@code --config-net}). */
    private static void awaitAddress(NatProcess pasta, String inside, String address, Path log) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            if (!pasta.alive()) {
                throw new LabException("pasta ended before it configured " + DEVICE + "; see " + log);
            }
            Commands.Result r = Commands.run(List.of(Programs.require("ip").toString(), "-n", inside, "-o", "-4", "addr", "show",
                    "dev", DEVICE));
            if (r.ok() && r.out().contains(" " + address + "/")) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for pasta", e);
            }
        }
        throw new LabException("pasta did not configure " + DEVICE + " within 10 s; see " + log);
    }
}
