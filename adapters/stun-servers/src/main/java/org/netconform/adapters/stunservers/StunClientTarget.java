package org.netconform.adapters.stunservers;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryRequest;
import org.netconform.spi.stun.DiscoveryVerdict;

/**
 * The {@code stun} client 0.97 (Vovida; Debian package stun-client), an RFC 3489 discovery client:
 * {@code stun HOST:PORT -v -i 127.0.0.1}. It always runs all its tests (RFC 3489's tests I, II, III,
 * I to the changed address, and a hairpinning probe) and has no timeout option.
 */
public final class StunClientTarget implements Target {
    static final String BINARY = "stun";
    private final List<AreaAdapter> adapters = List.of(new Adapter());

    @Override
    public String id() {
        return "stun-client";
    }

    @Override
    public String description() {
        return "stun client " + Adapter.version() + " (Vovida, RFC 3489), from 127.0.0.1";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Adapter implements DiscoveryClientAdapter {
        static String version() {
            // no version option; the first line of any run is "STUN client version 0.97"
            return Programs.find(BINARY).map(p -> Programs.version(List.of(p.toString(), "--version")))
                    .map(v -> v.replaceFirst("^STUN client version ", "")).orElse("(not installed)");
        }

        @Override
        public String description() {
            return "stun client " + version();
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(MAPPING, FILTERING, HAIRPINNING);
        }

        @Override
        public Optional<String> unavailableReason() {
            return Programs.missing(BINARY, "stun-client");
        }

        @Override
        public DiscoveryVerdict discover(DiscoveryRequest request) throws Exception {
            String server = request.server().getAddress().getHostAddress() + ":" + request.server().getPort();
            Programs.Finished f = Programs.run(List.of(Programs.find(BINARY).orElseThrow().toString(), server, "-v", "-i",
                    request.localAddress().getHostAddress()), request.deadline());
            return StunClientOutput.parse(f.output());
        }
    }
}
