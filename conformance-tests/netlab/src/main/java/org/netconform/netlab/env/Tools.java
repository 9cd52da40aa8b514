package org.netconform.netlab.env;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The programs a lab runs, by absolute path. The sbin directories are searched even when PATH lacks
 * them (a build may run with a user's PATH as root).
 */
public record Tools(String ip, String nft, String conntrack, String ss, String sysctl) {

    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    /** The tools, or the names of those missing. */
    public static Tools find(List<String> missing) {
        String ip = locate("ip", missing);
        String nft = locate("nft", missing);
        String conntrack = locate("conntrack", missing);
        String ss = locate("ss", missing);
        String sysctl = locate("sysctl", missing);
        return missing.isEmpty() ? new Tools(ip, nft, conntrack, ss, sysctl) : null;
    }

    /** The tools; only to be called once {@link Prerequisites} found them. */
    public static Tools require() {
        List<String> missing = new ArrayList<>();
        Tools t = find(missing);
        if (t == null) {
            throw new IllegalStateException("missing " + missing);
        }
        return t;
    }

    private static String locate(String name, List<String> missing) {
        Optional<Path> found = dirs().stream().map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            missing.add(name);
            return null;
        }
        return found.get().toString();
    }

    private static Set<String> dirs() {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(EXTRA_DIRS);
        return dirs;
    }
}
