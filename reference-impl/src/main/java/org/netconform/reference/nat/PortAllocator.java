package org.netconform.reference.nat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Picks the external endpoint of a new mapping (RFC 4787 section 4.2): the internal port first when
 * preserving, else a port from the internal port's range (REQ-3a) with its parity (REQ-4), at random
 * (RFC 7857 section 9) or in sequence. A port is free when no mapping holds it, or, with port
 * overlapping, when no mapping holding it talks to the same destination (RFC 7857 section 3); a freed
 * port stays unusable for another internal endpoint during the reuse delay (RFC 6888 REQ-8). The same
 * internal endpoint may get its old port back at once: no session can be redirected to a different
 * host that way, which is the collision REQ-8 guards against (REQ-8 allows such exceptions).
 */
final class PortAllocator {
    /** Random draws before falling back to a scan from a random start (keeps a nearly full range cheap). */
    private static final int RANDOM_DRAWS = 32;

    private final NatConfig config;
    private final NatTable table;
    private final SplittableRandom random;
    private final Map<String, Integer> sequentialCursor = new HashMap<>();

    PortAllocator(NatConfig config, NatTable table, SplittableRandom random) {
        this.config = config;
        this.table = table;
        this.random = random;
    }

    Optional<Endpoint> allocate(Transport transport, Endpoint internal, Endpoint remote, List<String> addresses,
                                long now) {
        if (config.portPreservation() && config.externalPorts().contains(internal.port())) {
            for (String address : addresses) {
                if (usable(transport, address, internal.port(), internal, remote, true, now)) {
                    return Optional.of(new Endpoint(address, internal.port()));
                }
            }
        }
        PortRange range = rangeFor(internal.port());
        for (String address : addresses) {
            int parity = config.portParity() ? internal.port() & 1 : -1;
            int port = pick(transport, address, range, parity, internal, remote, now);
            if (port == 0 && parity >= 0) {
                // No port of the right parity is free: a port of the other parity beats no mapping at all.
                port = pick(transport, address, range, -1, internal, remote, now);
            }
            if (port != 0) {
                return Optional.of(new Endpoint(address, port));
            }
        }
        return Optional.empty();
    }

    /** RFC 4787 REQ-3a: 1-1023 stays in 1-1023 and 1024-65535 in 1024-65535, within the configured ports. */
    PortRange rangeFor(int internalPort) {
        if (!config.keepPortRanges()) {
            return config.externalPorts();
        }
        PortRange own = internalPort < 1024 ? PortRange.WELL_KNOWN : PortRange.NOT_WELL_KNOWN;
        PortRange both = own.intersect(config.externalPorts());
        return both != null ? both : config.externalPorts();
    }

    private int pick(Transport transport, String address, PortRange range, int parity, Endpoint internal,
                     Endpoint remote, long now) {
        int first = parity < 0 || (range.first() & 1) == parity ? range.first() : range.first() + 1;
        int step = parity < 0 ? 1 : 2;
        if (first > range.last()) {
            return 0;
        }
        int count = (range.last() - first) / step + 1;
        if (config.portAllocation() == PortAllocation.RANDOM) {
            for (int i = 0; i < RANDOM_DRAWS; i++) {
                int port = first + step * random.nextInt(count);
                if (usable(transport, address, port, internal, remote, false, now)) {
                    return port;
                }
            }
            int start = random.nextInt(count);
            for (int i = 0; i < count; i++) {
                int port = first + step * ((start + i) % count);
                if (usable(transport, address, port, internal, remote, false, now)) {
                    return port;
                }
            }
            return 0;
        }
        String cursorKey = transport + " " + address + " " + range + " from " + first + " by " + step;
        int last = sequentialCursor.getOrDefault(cursorKey, -1);
        for (int i = 1; i <= count; i++) {
            int index = Math.floorMod(last + i, count);
            int port = first + step * index;
            if (usable(transport, address, port, internal, remote, false, now)) {
                sequentialCursor.put(cursorKey, index);
                return port;
            }
        }
        return 0;
    }

    private boolean usable(Transport transport, String address, int port, Endpoint internal, Endpoint remote,
                           boolean preserving, long now) {
        Endpoint external = new Endpoint(address, port);
        if (table.strayHolds(transport, external, remote, now)) {
            return false; // Linux: a conntrack entry of a refused inbound packet already has this tuple
        }
        List<NatMapping> holders = table.at(transport, external);
        if (!holders.isEmpty()) {
            if (preserving && config.portOverloading()) {
                return true; // RFC 4787 section 4.2.1 "port overloading": preservation even on collision
            }
            if (config.portOverlapping()) {
                return holders.stream().noneMatch(m -> m.sessions.containsKey(remote));
            }
            return false;
        }
        Optional<NatTable.FreedPort> freed = table.freed(transport, external);
        return freed.isEmpty() || freed.get().lastInternal().equals(internal)
                || now >= freed.get().freedAt() + config.portReuseDelay().toMillis();
    }
}
