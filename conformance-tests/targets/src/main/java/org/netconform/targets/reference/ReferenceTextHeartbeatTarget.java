package org.netconform.targets.reference;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.netconform.reference.websocket.OriginPolicy;
import org.netconform.reference.websocket.server.EchoServerConfig;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/**
 * The seed's program done right, beside {@code seed-gorilla}: the reference echo server sending the seed's text
 * "heartbeat" every second on its own (from the same selector thread that writes the echoes, so a heartbeat
 * never lands inside an echo frame and nothing writes at once), echoing every message with its own type, with
 * an Origin allow-list and 16 MiB limits. It has no baseline: the suite tells its heartbeat from the echoes.
 */
public final class ReferenceTextHeartbeatTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new ReferenceWsServerAdapter(EchoServerConfig.defaults()
            .withOriginPolicy(OriginPolicy.allowList(Set.of(ReferenceWsServerAdapter.ALLOWED_ORIGIN)))
            .withLimits(ReferenceWsServerAdapter.LIMIT, ReferenceWsServerAdapter.LIMIT)
            .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(2)).withTextHeartbeat(true)));

    @Override
    public String id() {
        return "reference-text-heartbeat";
    }

    @Override
    public String description() {
        return "netconform reference echo server with the seed's text heartbeat every second (the seed done right)";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }
}
