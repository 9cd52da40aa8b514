package org.netconform.netlab.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.netconform.netlab.agent.Agent;

/**
 * Removes what a killed run left: namespaces (with the veths and nft tables inside them), links in the
 * root namespace and owner markers of the {@code nc??????-} family whose owner is dead. A run that was
 * killed leaves its agents to exit on their own (their input closes), but an agent stuck in a
 * namespace would keep it alive, so agents found in a stale namespace are killed too.
 */
public final class StaleSweeper {
    private static final System.Logger LOG = System.getLogger(StaleSweeper.class.getName());

    /**
     * A namespace of the family without a marker is someone's only after this long: markers are written
     * before the first namespace, so a fresh unmarked one may belong to a run that is still starting up
     * with a different marker directory; an old one is debris.
     */
    static final Duration UNMARKED_GRACE = Duration.ofSeconds(60);

    private StaleSweeper() {
    }

    /** Sweeps and returns the ids it removed. */
    public static List<String> sweep(Tools tools) {
        Map<String, List<String>> namespaces = byId(namespaces(tools));
        Map<String, List<String>> links = byId(rootLinks(tools));
        List<String> ids = new ArrayList<>(namespaces.keySet());
        links.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        markers().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        List<String> swept = new ArrayList<>();
        for (String id : ids) {
            List<String> ns = namespaces.getOrDefault(id, List.of());
            if (OwnerMarker.exists(id) ? OwnerMarker.ownerAlive(id) : ns.stream().anyMatch(StaleSweeper::young)) {
                continue;
            }
            LOG.log(System.Logger.Level.INFO, "sweeping stale lab " + id + ": namespaces " + ns
                    + ", root links " + links.getOrDefault(id, List.of()));
            for (String n : ns) {
                killAgentsIn(tools, n);
                Commands.run(List.of(tools.ip(), "netns", "del", n));
            }
            for (String link : links.getOrDefault(id, List.of())) {
                Commands.run(List.of(tools.ip(), "link", "del", link));
            }
            OwnerMarker.delete(id);
            swept.add(id);
        }
        return swept;
    }

    /** Namespace names of the family, from {@code ip netns list}. */
    public static List<String> namespaces(Tools tools) {
        List<String> out = new ArrayList<>();
        for (String line : Commands.run(List.of(tools.ip(), "netns", "list")).orThrow().out().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (LabNames.FAMILY.matcher(name).find()) {
                out.add(name);
            }
        }
        return out;
    }

    /** Link names of the family in the root namespace, from {@code ip -o link show}. */
    public static List<String> rootLinks(Tools tools) {
        List<String> out = new ArrayList<>();
        for (String line : Commands.run(List.of(tools.ip(), "-o", "link", "show")).orThrow().out().split("\n")) {
            String[] f = line.split(":\\s+", 3);
            if (f.length >= 2) {
                String name = f[1].split("@")[0];
                if (LabNames.FAMILY.matcher(name).find()) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private static List<String> markers() {
        if (!Files.isDirectory(OwnerMarker.DIR)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(OwnerMarker.DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".owner"))
                    .map(n -> n.substring(0, n.length() - ".owner".length()))
                    .filter(id -> LabNames.FAMILY.matcher(id + "-").find()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Map<String, List<String>> byId(List<String> names) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String n : names) {
            Matcher m = LabNames.FAMILY.matcher(n);
            if (m.find()) {
                out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(n);
            }
        }
        return out;
    }

    private static boolean young(String namespace) {
        try {
            Instant made = Files.getLastModifiedTime(Path.of("/run/netns", namespace)).toInstant();
            return made.isAfter(Instant.now().minus(UNMARKED_GRACE));
        } catch (IOException e) {
            return false;
        }
    }

    private static void killAgentsIn(Tools tools, String namespace) {
        Commands.Result pids = Commands.run(List.of(tools.ip(), "netns", "pids", namespace));
        for (String p : pids.out().split("\\s+")) {
            if (p.isBlank()) {
                continue;
            }
            try {
                long pid = Long.parseLong(p);
                String cmdline = Files.readString(Path.of("/proc", p, "cmdline")).replace('\0', ' ');
                if (cmdline.contains(Agent.class.getName())) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (IOException | NumberFormatException e) {
                // gone already, or not a process of ours
            }
        }
    }
}
