package org.netconform.adapters.usermodenat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A user-mode NAT program that attaches a namespace to the network of the namespace it runs in: it
 * terminates the inside namespace's packets in user space and re-sends their payloads from ordinary
 * sockets of its own, so what leaves it carries the address of the namespace it runs in.
 */
interface UserModeNat {
    /** The target ID and the program's name. */
    String id();

    /** One line for the report: the program, its version, and how it is started. */
    String description();

    /** Why it cannot run here (the program is missing), or empty. */
    default Optional<String> unavailableReason() {
        return Programs.find(program()).isPresent() ? Optional.empty()
                : Optional.of(program() + " not found on PATH (Debian package " + debianPackage() + ")");
    }

    String program();

    /** The device the NAT makes in the inside namespace; it goes when the NAT process ends. */
    String insideDevice();

    String debianPackage();

    /**
     * Starts the NAT in {@code router} for the namespace {@code inside}, and leaves {@code inside} with
     * every one of {@code insideAddresses} on the NAT's interface and its default route through the NAT.
     * Returns once the inside namespace can send. The NAT's own output goes to {@code log} (and files
     * beside it whose names start with it).
     */
    Running start(String router, String inside, List<String> insideAddresses, Path log);

    /** A started NAT process. */
    interface Running extends AutoCloseable {
        boolean alive();

        long pid();

        /** Ends the NAT process; never throws. */
        @Override
        void close();
    }
}
