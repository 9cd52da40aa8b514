package org.netconform.netlab.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether labs can run here: Linux, root, the tools, and a network namespace that can actually be made
 * (a container without CAP_SYS_ADMIN has the tools but not the right). Checked once per JVM.
 */
public final class Prerequisites {
    private static volatile Optional<String> cached;

    private Prerequisites() {
    }

    /** Why labs cannot run here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        Optional<String> c = cached;
        if (c == null) {
            synchronized (Prerequisites.class) {
                if (cached == null) {
                    cached = check();
                }
                c = cached;
            }
        }
        return c;
    }

    private static Optional<String> check() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of("network namespace labs need Linux, this is " + System.getProperty("os.name"));
        }
        if (!root()) {
            return Optional.of("network namespace labs need root (ip netns, nft, conntrack); this process is not uid 0");
        }
        List<String> missing = new ArrayList<>();
        Tools tools = Tools.find(missing);
        if (tools == null) {
            return Optional.of("network namespace labs need " + String.join(", ", missing)
                    + " (Debian packages iproute2, nftables, conntrack)");
        }
        if (!Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "java"))) {
            return Optional.of("no java executable under java.home for the lab agents");
        }
        return probe(tools);
    }

    /** The effective uid from {@code /proc/self/status}. */
    private static boolean root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static Optional<String> probe(Tools tools) {
        LabNames names = LabNames.fresh();
        String ns = names.prefix() + "probe";
        try {
            OwnerMarker.write(names.id());
            Commands.Result r = Commands.run(List.of(tools.ip(), "netns", "add", ns));
            if (!r.ok()) {
                return Optional.of("cannot create a network namespace: " + r.err().strip());
            }
            Commands.run(List.of(tools.ip(), "netns", "del", ns));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("cannot create a network namespace: " + e.getMessage());
        } finally {
            OwnerMarker.delete(names.id());
        }
    }
}
