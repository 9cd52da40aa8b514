package org.netconform.adapters.usermodenat;

import java.util.List;
import org.netconform.netlab.env.Commands;

/** Versions of the NAT programs for the report, read once; failing to read one is no reason to fail. */
final class Versions {
    private Versions() {
    }

    /** The lines of a version command's output that name a version (slirp4netns prints its libslirp too). */
    static String of(String... command) {
        try {
            Commands.Result r = Commands.run(List.of(command));
            String versions = (r.out() + r.err()).lines().map(String::strip)
                    .filter(l -> l.matches("(?i).*version \\d.*|libslirp:.*")).reduce((a, b) -> a + ", " + b).orElse("");
            return r.ok() && !versions.isBlank() ? versions : command[0] + " (version unknown)";
        } catch (RuntimeException e) {
            return command[0] + " (version unknown)";
        }
    }

    /** pasta prints "unknown version" for itself; the Debian package says which release it is. */
    static String debianPackage(String name) {
        try {
            Commands.Result r = Commands.run(List.of("dpkg-query", "-W", "-f", "${Version}", name));
            return r.ok() ? r.out().strip() : "version unknown";
        } catch (RuntimeException e) {
            return "version unknown";
        }
    }
}
