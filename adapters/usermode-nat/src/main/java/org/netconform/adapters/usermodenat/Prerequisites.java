package org.netconform.adapters.usermodenat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What a user-mode NAT lab needs from the machine: root (network namespaces), {@code ip}, the NAT program. */
final class Prerequisites {
    private Prerequisites() {
    }

    static Optional<String> missing(UserModeNat nat) {
        if (!root()) {
            return Optional.of("needs root to make network namespaces (effective uid is not 0)");
        }
        if (Commands.onPath("ip").isEmpty()) {
            return Optional.of("ip not found on PATH (Debian package iproute2)");
        }
        if (Commands.onPath("ss").isEmpty()) {
            return Optional.of("ss not found on PATH (Debian package iproute2)");
        }
        return nat.unavailableReason();
    }

    /** The effective uid from /proc/self/status ("Uid: real effective saved fs"). */
    static boolean root() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")[2]).anyMatch("0"::equals);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }
}
