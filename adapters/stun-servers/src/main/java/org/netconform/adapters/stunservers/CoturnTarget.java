package org.netconform.adapters.stunservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.stun.StunServerAdapter;
import org.netconform.spi.stun.StunServerEndpoints;

/**
 * coturn's {@code turnserver} (Debian package coturn) as a STUN server: {@code -n} (no configuration
 * file), {@code --stun-only}, UDP only (no TCP, TLS or DTLS listeners), no CLI, logging to stdout,
 * listening on 127.0.0.1 and 127.0.0.2 ({@code -L} twice, which is what turns RFC 5780 on) with a free
 * port and its alternate port ({@code --alt-listening-port}). The single-address instance listens on
 * 127.0.0.1 alone.
 */
public final class CoturnTarget implements Target {
    static final String BINARY = "turnserver";
    private final List<AreaAdapter> adapters = List.of(new Adapter());

    @Override
    public String id() {
        return "coturn";
    }

    @Override
    public String description() {
        return "coturn " + Adapter.version() + ": turnserver --stun-only on 127.0.0.1 and 127.0.0.2 (RFC 5780), UDP";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Adapter implements StunServerAdapter {
        private ProcessStunServer server;
        private ProcessStunServer single;
        private StunServerEndpoints endpoints;
        private StunServerEndpoints singleEndpoints;

        static String version() {
            return Programs.find(BINARY).map(p -> Programs.version(List.of(p.toString(), "--version"))).orElse("(not installed)");
        }

        @Override
        public String description() {
            return "coturn " + version() + " turnserver --stun-only";
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(CHANGE_REQUEST, RFC5780, SINGLE_ADDRESS);
        }

        @Override
        public Optional<String> unavailableReason() {
            return Programs.missing(BINARY, "coturn");
        }

        private static List<String> command(List<String> addresses, int port, Optional<Integer> alt) {
            List<String> c = new ArrayList<>(List.of(Programs.find(BINARY).orElseThrow().toString(), "-n", "--stun-only",
                    "--no-cli", "--no-tcp", "--no-tls", "--no-dtls", "--log-file", "stdout", "--simple-log",
                    "--listening-port", String.valueOf(port)));
            alt.ifPresent(a -> c.addAll(List.of("--alt-listening-port", String.valueOf(a))));
            for (String a : addresses) {
                c.addAll(List.of("--listening-ip", a));
            }
            return c;
        }

        @Override
        public synchronized StunServerEndpoints endpoints() {
            if (endpoints == null) {
                try {
                    int[] ports = LoopbackPorts.freePair(false);
                    InetSocketAddress primary = new InetSocketAddress(LoopbackPorts.A1, ports[0]);
                    InetSocketAddress alternate = new InetSocketAddress(LoopbackPorts.A2, ports[1]);
                    server = ProcessStunServer.start("coturn", command(List.of(LoopbackPorts.A1, LoopbackPorts.A2), ports[0],
                            Optional.of(ports[1])), List.of(primary, alternate));
                    endpoints = new StunServerEndpoints(primary, Optional.of(alternate));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start coturn on 127.0.0.1 and 127.0.0.2", e);
                }
            }
            return endpoints;
        }

        @Override
        public synchronized StunServerEndpoints singleAddressEndpoints() {
            if (singleEndpoints == null) {
                try {
                    int port = LoopbackPorts.free();
                    InetSocketAddress primary = new InetSocketAddress(LoopbackPorts.A1, port);
                    single = ProcessStunServer.start("coturn-single", command(List.of(LoopbackPorts.A1), port, Optional.empty()),
                            List.of(primary));
                    singleEndpoints = new StunServerEndpoints(primary, Optional.empty());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start coturn on 127.0.0.1", e);
                }
            }
            return singleEndpoints;
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.close();
                server = null;
                endpoints = null;
            }
            if (single != null) {
                single.close();
                single = null;
                singleEndpoints = null;
            }
        }
    }
}
