package org.netconform.adapters.usermodenat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.netlab.LabException;
import org.netconform.netlab.env.Commands;

/** The NAT programs: where they are, and one-off commands around them. */
final class Programs {
    private Programs() {
    }

    /** The program's absolute path: PATH, then the sbin and bin directories a root build may lack on PATH. */
    static Optional<Path> find(String program) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    static Path require(String program) {
        return find(program).orElseThrow(() -> new LabException(program + " not found"));
    }

    /** {@code ip -n NS ARGS...}, which must succeed. */
    static void ip(String namespace, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(require("ip").toString(), "-n", namespace));
        command.addAll(List.of(args));
        Commands.run(command).orThrow();
    }
}
