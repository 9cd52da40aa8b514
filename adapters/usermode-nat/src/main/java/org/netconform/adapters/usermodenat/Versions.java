package org.netconform.adapters.usermodenat;

/** Versions of the NAT programs for the report, read once; a failure to read one is no reason to fail. */
final class Versions {
    private Versions() {
    }

    /** The lines of a version command's output that name a version (slirp4netns prints its libslirp too). */
    static String lines(String... command) {
        try {
            Commands.Result r = Commands.attempt(command);
            String versions = r.output().lines().map(String::strip).filter(l -> l.matches("(?i).*version.*|libslirp:.*"))
                    .reduce((a, b) -> a + "\n" + b).orElse("");
            return r.code() == 0 && !versions.isBlank() ? versions : command[0] + " (version unknown)";
        } catch (RuntimeException e) {
            return command[0] + " (version unknown)";
        }
    }

    /** pasta prints "unknown version" for itself; the package says which release it is. */
    static String debianPackage(String name) {
        try {
            Commands.Result r = Commands.attempt("dpkg-query", "-W", "-f", "${Version}", name);
            return r.code() == 0 ? r.output().strip() : "version unknown";
        } catch (RuntimeException e) {
            return "version unknown";
        }
    }
}
