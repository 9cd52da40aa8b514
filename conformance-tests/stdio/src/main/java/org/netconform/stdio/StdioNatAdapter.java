package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.netconform.spec.Layer;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;

/**
 * {@link NatAdapter} over the stdio protocol, at the model layer in real time: each lab is a fresh
 * process of the target's program ({@link StdioNatLab}), so its NAT table starts empty and labs open at
 * once do not share one. The shared process of the session is never used for NAT: a program holds at
 * most one lab at a time.
 *
 * <p>Lab failures reach the suite as {@link org.netconform.spi.nat.NatLabException} (ERROR), not through
 * the session's fault journal, because labs may run outside any case (tries started ahead, learners).
 */
final class StdioNatAdapter extends StdioAdapter implements NatAdapter {
    /** How long a lab waits for a datagram before saying nothing arrived, unless the area says {@code deliveryWaitMs}. */
    static final Duration DEFAULT_DELIVERY_WAIT = Duration.ofMillis(150);

    StdioNatAdapter(Session session, TargetSpec.Area area) {
        super(session, area);
    }

    @Override
    public Layer layer() {
        return Layer.MODEL;
    }

    @Override
    public NatTopology topology() {
        return NatTopology.standard();
    }

    @Override
    public NatLab open(NatLabOptions options) {
        return StdioNatLab.open(session, this, options);
    }

    /**
     * The delivery wait: {@code deliveryWaitMs} of the target's declaration, else of the lab program's
     * hello ({@code helloArea}), else {@link #DEFAULT_DELIVERY_WAIT}.
     */
    Duration deliveryWait(JsonNode helloArea) {
        JsonNode own = area.declaration().get("deliveryWaitMs");
        JsonNode ms = own != null ? own : helloArea.get("deliveryWaitMs");
        return ms != null && ms.canConvertToLong() && ms.asLong() >= 0 ? Duration.ofMillis(ms.asLong()) : DEFAULT_DELIVERY_WAIT;
    }
}
