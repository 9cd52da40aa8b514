package org.netconform.adapters.usermodenat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes what a killed run left behind: namespaces named by {@link LabNames} whose JVM is gone, with any
 * process still running in them (a user-mode NAT, an agent). Namespaces of live JVMs, and every namespace
 * not named by this module, are left alone. Runs once per JVM, before its first lab.
 */
final class StaleLabSweeper {
    private static boolean swept;

    private StaleLabSweeper() {
    }

    static synchronized List<String> sweepOnce() {
        if (swept) {
            return List.of();
        }
        swept = true;
        return sweep();
    }

    static List<String> sweep() {
        List<String> removed = new ArrayList<>();
        for (String ns : namespaces()) {
            Optional<Long> owner = LabNames.owner(ns);
            if (owner.isEmpty() || ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            Namespaces.delete(ns);
            removed.add(ns);
        }
        return removed;
    }

    /** Every named namespace ({@code ip netns list} prints "NAME" or "NAME (id: N)"). */
    static List<String> namespaces() {
        List<String> out = new ArrayList<>();
        for (String line : Commands.run("ip", "netns", "list").split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }
}
