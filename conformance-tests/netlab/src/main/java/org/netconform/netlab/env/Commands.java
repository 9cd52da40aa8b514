package org.netconform.netlab.env;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.netconform.netlab.LabException;

/** Runs one command with a deadline and its input given, and returns what it printed. */
public final class Commands {
    /** Every command a lab runs is local and quick; this only catches a hang. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    public record Result(List<String> command, int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        /** This result, or {@link LabException} with the command and its stderr when it failed. */
        public Result orThrow() {
            if (exit != 0) {
                throw new LabException(String.join(" ", command) + " failed (exit " + exit + "): " + err.strip()
                        + (out.isBlank() ? "" : " / " + out.strip()));
            }
            return this;
        }
    }

    private Commands() {
    }

    public static Result run(List<String> command) {
        return run(command, "");
    }

    public static Result run(List<String> command, String stdin) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new LabException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a command that does not read its input closes it early; its exit status tells the rest
        }
        try {
            if (!p.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new LabException(String.join(" ", command) + " did not finish within " + DEADLINE.toSeconds() + " s");
            }
            return new Result(command, p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new LabException("interrupted running " + String.join(" ", command));
        } catch (Exception e) {
            throw e instanceof LabException le ? le : new LabException("reading the output of " + String.join(" ", command) + ": " + e, e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
