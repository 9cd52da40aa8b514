package org.netconform.adapters.stunservers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A STUN server program running as a child process on loopback, started by the adapter and stopped
 * when it closes (or at JVM exit). It is ready once it answers a Binding request on every endpoint
 * it should serve; a program that dies or stays silent fails the start with what it printed.
 */
final class ProcessStunServer implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Process process;
    private final Programs.Output output;
    private final String name;

    private ProcessStunServer(String name, Process process) {
        this.name = name;
        this.process = process;
        this.output = new Programs.Output(process.getInputStream());
    }

    /** Starts {@code command} and waits until each of {@code endpoints} answers a Binding request. */
    static ProcessStunServer start(String name, List<String> command, List<InetSocketAddress> endpoints) throws IOException {
        Path dir = Files.createTempDirectory("netconform-" + name);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        ProcessStunServer s = new ProcessStunServer(name, p);
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "netconform-stop-" + name));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (InetSocketAddress e : endpoints) {
            while (!answers(e)) {
                if (!p.isAlive()) {
                    throw new IOException(name + " exited with " + p.exitValue() + " before it answered on " + e + ": "
                            + s.output.now().strip());
                }
                if (System.nanoTime() > deadline) {
                    s.close();
                    throw new IOException(name + " did not answer a Binding request on " + e + " within 15 s: " + s.output.now().strip());
                }
            }
        }
        return s;
    }

    /** Sends a plain Binding request to {@code endpoint} and waits 200 ms for anything back. */
    static boolean answers(InetSocketAddress endpoint) throws IOException {
        byte[] req = new byte[20];
        req[1] = 0x01;
        ByteBuffer.wrap(req, 4, 4).putInt(0x2112A442);
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        System.arraycopy(id, 0, req, 8, 12);
        try (DatagramChannel ch = DatagramChannel.open(); Selector sel = Selector.open()) {
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            ch.send(ByteBuffer.wrap(req), endpoint);
            if (sel.select(200) == 0) {
                return false;
            }
            SocketAddress from = ch.receive(ByteBuffer.allocate(2048));
            return from != null;
        } catch (java.net.PortUnreachableException e) {
            return false;
        }
    }

    /** What the program printed so far. */
    String output() {
        return output.now();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    static Optional<String> firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
    }
}
