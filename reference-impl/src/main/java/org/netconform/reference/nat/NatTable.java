package org.netconform.reference.nat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mappings of one NAT with the indexes a translation needs: by key (outbound), by external
 * endpoint (inbound; several mappings share one only with overloading or overlapping), by internal
 * endpoint, and the external ports freed recently (RFC 6888 REQ-8). Iteration is in creation order,
 * so everything built on it is deterministic.
 */
final class NatTable {

    /** An external transport address. */
    record ExternalKey(Transport transport, Endpoint external) {
    }

    /** A freed external port: who held it last and when it was freed. */
    record FreedPort(Endpoint lastInternal, long freedAt) {
    }

    private final Map<MappingKey, NatMapping> byKey = new LinkedHashMap<>();
    private final Map<ExternalKey, List<NatMapping>> byExternal = new LinkedHashMap<>();
    private final Map<ExternalKey, FreedPort> freed = new LinkedHashMap<>();
    /** Conntrack entries of packets no mapping admitted: (transport, external, remote) until a time. */
    private final Map<StrayKey, Long> strays = new LinkedHashMap<>();

    /** The tuple of a stray inbound packet. */
    record StrayKey(Transport transport, Endpoint external, Endpoint remote) {
    }

    NatMapping get(MappingKey key) {
        return byKey.get(key);
    }

    Collection<NatMapping> all() {
        return byKey.values();
    }

    void add(NatMapping m) {
        byKey.put(m.key, m);
        ExternalKey ext = new ExternalKey(m.transport(), m.external);
        byExternal.computeIfAbsent(ext, k -> new ArrayList<>()).add(m);
        freed.remove(ext);
    }

    /** Removes a mapping; its external port counts as freed at {@code freedAt} once nobody else holds it. */
    void remove(NatMapping m, long freedAt) {
        byKey.remove(m.key);
        ExternalKey ext = new ExternalKey(m.transport(), m.external);
        List<NatMapping> users = byExternal.get(ext);
        users.remove(m);
        if (users.isEmpty()) {
            byExternal.remove(ext);
            freed.put(ext, new FreedPort(m.internal(), freedAt));
        }
    }

    /** The mappings holding an external endpoint, newest first. */
    List<NatMapping> at(Transport transport, Endpoint external) {
        List<NatMapping> users = byExternal.get(new ExternalKey(transport, external));
        if (users == null) {
            return List.of();
        }
        List<NatMapping> newestFirst = new ArrayList<>(users);
        newestFirst.sort(Comparator.comparingLong((NatMapping m) -> m.id).reversed());
        return newestFirst;
    }

    /** The mappings of one internal endpoint, oldest first. */
    List<NatMapping> ofInternal(Transport transport, Endpoint internal) {
        List<NatMapping> found = new ArrayList<>();
        for (NatMapping m : byKey.values()) {
            if (m.transport() == transport && m.internal().equals(internal)) {
                found.add(m);
            }
        }
        return found;
    }

    /** How many mappings an internal address (a subscriber, RFC 6888) holds, over all transports. */
    int countOf(String internalAddress) {
        int n = 0;
        for (NatMapping m : byKey.values()) {
            if (m.internal().address().equals(internalAddress)) {
                n++;
            }
        }
        return n;
    }

    Optional<NatMapping> oldestOf(String internalAddress) {
        return byKey.values().stream().filter(m -> m.internal().address().equals(internalAddress)).findFirst();
    }

    Optional<FreedPort> freed(Transport transport, Endpoint external) {
        return Optional.ofNullable(freed.get(new ExternalKey(transport, external)));
    }

    /** Forgets freed ports whose reuse delay is over. */
    void forgetFreedBefore(long cutoff) {
        freed.values().removeIf(f -> f.freedAt() <= cutoff);
    }

    Map<ExternalKey, FreedPort> freedPorts() {
        return freed;
    }

    void addStray(Transport transport, Endpoint external, Endpoint remote, long until) {
        strays.merge(new StrayKey(transport, external, remote), until, Math::max);
    }

    boolean strayHolds(Transport transport, Endpoint external, Endpoint remote, long now) {
        Long until = strays.get(new StrayKey(transport, external, remote));
        return until != null && now < until;
    }

    void forgetStraysBefore(long now) {
        strays.values().removeIf(until -> until <= now);
    }

    Map<StrayKey, Long> strays() {
        return strays;
    }
}
