package org.netconform.stdio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts modes of {@code fake-stdio/fake_program.py}, the scripted program of these tests (Python, standard library only). */
final class FakeProgram {
    private FakeProgram() {
    }

    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Skips the test where no python3 runs. */
    static void assumePython() {
        boolean runs;
        try {
            runs = new ProcessBuilder(python(), "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            runs = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs = false;
        }
        assumeTrue(runs, "python3 is needed to run the fake program");
    }

    /** How to start the program in this mode; {@code starts}, when not null, is the file that counts its starts. */
    static ShimProcess.Launch launch(Path starts, String... modeAndArg) {
        Path script;
        try {
            script = Path.of(FakeProgram.class.getResource("/fake-stdio/fake_program.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = new ArrayList<>(List.of(python(), "-u", script.toString()));
        command.addAll(List.of(modeAndArg));
        return new ShimProcess.Launch(command, null, starts == null ? Map.of() : Map.of("NC_STARTS", starts.toString()));
    }

    static int starts(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
