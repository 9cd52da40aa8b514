package org.netconform.adapters.stunservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.stun.StunServerAdapter;
import org.netconform.spi.stun.StunServerEndpoints;

/**
 * The Vovida {@code stund} 0.97 (Debian package stun-server), an RFC 3489-era server: primary
 * 127.0.0.1 ({@code -h}), alternate 127.0.0.2 ({@code -a}), a free port ({@code -p}) and its
 * alternate ({@code -o}). It honours CHANGE-REQUEST as RFC 3489 defined it, with CHANGED-ADDRESS and
 * SOURCE-ADDRESS, and does not claim RFC 5780; it cannot run on one address (it then binds the
 * default alternate port 3479), so it declares neither {@code rfc5780} nor {@code single-address}.
 */
public final class StundTarget implements Target {
    static final String BINARY = "stund";
    private final List<AreaAdapter> adapters = List.of(new Adapter());

    @Override
    public String id() {
        return "stund";
    }

    @Override
    public String description() {
        return "stund " + Adapter.version() + " (Vovida, RFC 3489) on 127.0.0.1 and 127.0.0.2";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Adapter implements StunServerAdapter {
        private ProcessStunServer server;
        private StunServerEndpoints endpoints;

        static String version() {
            // stund has no version option; its usage text starts with "STUN server version 0.97"
            return Programs.find(BINARY).map(p -> Programs.version(List.of(p.toString(), "--help")))
                    .map(v -> v.replaceFirst("^STUN server version ", "")).orElse("(not installed)");
        }

        @Override
        public String description() {
            return "stund " + version();
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(CHANGE_REQUEST);
        }

        @Override
        public Optional<String> unavailableReason() {
            return Programs.missing(BINARY, "stun-server");
        }

        @Override
        public synchronized StunServerEndpoints endpoints() {
            if (endpoints == null) {
                try {
                    int[] ports = LoopbackPorts.freePair(false);
                    InetSocketAddress primary = new InetSocketAddress(LoopbackPorts.A1, ports[0]);
                    InetSocketAddress alternate = new InetSocketAddress(LoopbackPorts.A2, ports[1]);
                    server = ProcessStunServer.start("stund", List.of(Programs.find(BINARY).orElseThrow().toString(),
                            "-h", LoopbackPorts.A1, "-a", LoopbackPorts.A2, "-p", String.valueOf(ports[0]), "-o",
                            String.valueOf(ports[1])), List.of(primary, alternate));
                    endpoints = new StunServerEndpoints(primary, Optional.of(alternate));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start stund on 127.0.0.1 and 127.0.0.2", e);
                }
            }
            return endpoints;
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.close();
                server = null;
                endpoints = null;
            }
        }
    }
}
