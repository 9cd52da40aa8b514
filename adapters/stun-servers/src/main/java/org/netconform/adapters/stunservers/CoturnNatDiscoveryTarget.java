package org.netconform.adapters.stunservers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryRequest;
import org.netconform.spi.stun.DiscoveryVerdict;

/**
 * coturn's RFC 5780 discovery client {@code turnutils_natdiscovery} (Debian package coturn):
 * {@code -m} (mapping), {@code -f} (filtering), {@code -H} (hairpinning), sending from the local
 * address the suite names ({@code -L}), to the server's primary address and port. It has no option for
 * its receive timeout (about 3 s, one transmission) and its lifetime test ({@code -t -T}) prints no
 * verdict, so it declares neither {@code timeout} nor {@code lifetime}.
 */
public final class CoturnNatDiscoveryTarget implements Target {
    static final String BINARY = "turnutils_natdiscovery";
    private final List<AreaAdapter> adapters = List.of(new Adapter());

    @Override
    public String id() {
        return "coturn-natdiscovery";
    }

    @Override
    public String description() {
        return "coturn " + CoturnTarget.Adapter.version() + " turnutils_natdiscovery -m -f -H, from 127.0.0.1";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Adapter implements DiscoveryClientAdapter {
        @Override
        public String description() {
            return "turnutils_natdiscovery (coturn " + CoturnTarget.Adapter.version() + ")";
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(MAPPING, FILTERING, HAIRPINNING);
        }

        @Override
        public Optional<String> unavailableReason() {
            return Programs.missing(BINARY, "coturn");
        }

        @Override
        public DiscoveryVerdict discover(DiscoveryRequest request) throws Exception {
            List<String> c = new ArrayList<>(List.of(Programs.find(BINARY).orElseThrow().toString()));
            if (request.tests().contains(MAPPING)) {
                c.add("-m");
            }
            if (request.tests().contains(FILTERING)) {
                c.add("-f");
            }
            if (request.tests().contains(HAIRPINNING)) {
                c.add("-H");
            }
            c.addAll(List.of("-L", request.localAddress().getHostAddress(), "-p", String.valueOf(request.server().getPort()),
                    request.server().getAddress().getHostAddress()));
            Programs.Finished f = Programs.run(c, request.deadline());
            return NatDiscoveryOutput.parse(f.output());
        }
    }
}
