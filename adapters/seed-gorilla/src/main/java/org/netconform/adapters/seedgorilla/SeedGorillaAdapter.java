package org.netconform.adapters.seedgorilla;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.netconform.spi.wsserver.LazyServerAdapter;
import org.netconform.spi.wsserver.ServerExit;

/**
 * Runs the seed's program as a child process. It listens where it says, 0.0.0.0:7777, and serves WebSocket
 * only at /ws (Go's default mux answers 404 elsewhere): capability resource-name. It declares no limits (its
 * Upgrader sets no read limit) and no heartbeat capability (its heartbeat is a text message, not a Ping).
 * When the process stops by itself, {@link #exited()} says how, with the panic line from its output (a Go
 * program that panics in a goroutine exits with status 2); {@link #restart()} starts it again on 7777.
 */
final class SeedGorillaAdapter extends LazyServerAdapter {
    private final boolean heartbeat;
    private Optional<String> unavailable;
    private SeedProgram.Built built;
    private Process process;
    private Path log;
    private int starts;
    private volatile long exitedAtNanos;

    SeedGorillaAdapter(boolean heartbeat) {
        super("/ws", Set.of(RESOURCE_NAME));
        this.heartbeat = heartbeat;
    }

    @Override
    public String description() {
        return "the seed's Go program (gorilla/websocket" + (heartbeat ? ", text heartbeat" : ", no heartbeat")
                + ") on 0.0.0.0:" + SeedProgram.PORT;
    }

    @Override
    public synchronized Optional<String> unavailableReason() {
        if (unavailable == null) {
            built = SeedProgram.build(heartbeat);
            unavailable = Optional.ofNullable(built.unavailable());
            if (unavailable.isEmpty() && process == null && !portFree()) {
                unavailable = Optional.of("port " + SeedProgram.PORT + ", the one the seed's program listens on as written, "
                        + "is in use by another program here");
            }
        }
        return unavailable;
    }

    private static boolean portFree() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), SeedProgram.PORT));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected synchronized int start(String path) throws Exception {
        Optional<String> why = unavailableReason();
        if (why.isPresent()) {
            throw new IllegalStateException(why.get());
        }
        starts++;
        log = built.dir().resolve((heartbeat ? "seed-gorilla" : "seed-gorilla-no-heartbeat") + "." + starts + ".log");
        exitedAtNanos = 0;
        Process p = new ProcessBuilder(built.binary().toString()).directory(built.dir().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread watch = new Thread(() -> {
            try {
                p.waitFor();
                exitedAtNanos = System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seed-gorilla-exit");
        watch.setDaemon(true);
        watch.start();
        process = p;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the seed's program exited at start (" + exitText(p) + ")");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), SeedProgram.PORT), 200);
                return SeedProgram.PORT;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("the seed's program did not listen on " + SeedProgram.PORT + " within 15 s; see " + log);
    }

    @Override
    protected synchronized void stop() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public synchronized Optional<ServerExit> exited() {
        Process p = process;
        if (p == null || p.isAlive()) {
            return Optional.empty();
        }
        long at = exitedAtNanos == 0 ? System.nanoTime() : exitedAtNanos;
        exitedAtNanos = at;
        return Optional.of(new ServerExit(exitText(p), at));
    }

    /** "exited with status 2: panic: concurrent write to websocket connection (in main.wsHandler.func1 ...)". */
    private String exitText(Process p) {
        StringBuilder b = new StringBuilder("the seed's program exited with status ").append(p.exitValue());
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("panic:") || lines.get(i).startsWith("fatal error:")) {
                    b.append(": ").append(lines.get(i).strip());
                    for (int j = i + 1; j + 1 < lines.size(); j++) {
                        if (lines.get(j).startsWith("main.")) {
                            b.append(" (in ").append(lines.get(j).strip()).append(" at ")
                                    .append(lines.get(j + 1).strip().replaceAll(" \\+0x[0-9a-f]+$", "").replaceAll(".*/", ""))
                                    .append(")");
                            break;
                        }
                    }
                    break;
                }
            }
        } catch (IOException e) {
            // no log to quote
        }
        return b.append("; its output: ").append(log).toString();
    }
}
