package org.netconform.adapters.usermodenat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the namespaces a lab makes: {@code unat-<pid>-<lab>-<role>}. The prefix is this module's alone,
 * and the JVM's pid in the name says whose a namespace is, so a later run can tell a stale one (its JVM is
 * gone) from a live one of a concurrent run and sweep only the former.
 */
final class LabNames {
    static final String PREFIX = "unat-";
    private static final Pattern NAME = Pattern.compile("unat-(\\d+)-(\\d+)-([a-z]+)");
    private static final AtomicLong LABS = new AtomicLong();

    private final String base;

    private LabNames(String base) {
        this.base = base;
    }

    /** Names for a new lab of this JVM. */
    static LabNames next() {
        return new LabNames(PREFIX + ProcessHandle.current().pid() + "-" + LABS.incrementAndGet());
    }

    /** The router/outside side: the user-mode NAT runs here, with the external address. */
    String router() {
        return base + "-r";
    }

    /** The outside hosts: the server's two addresses and the other host. */
    String outside() {
        return base + "-w";
    }

    /** The inside hosts, attached to the user-mode NAT. */
    String inside() {
        return base + "-i";
    }

    String base() {
        return base;
    }

    /** The pid of the JVM that made a namespace of this module, or empty for a name that is not ours. */
    static Optional<Long> owner(String namespace) {
        Matcher m = NAME.matcher(namespace);
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
