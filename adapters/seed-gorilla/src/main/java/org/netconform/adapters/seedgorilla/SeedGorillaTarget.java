package org.netconform.adapters.seedgorilla;

import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/**
 * The seed's own Go echo server (gorilla/websocket, a text "heartbeat" every second from a goroutine of its
 * own, every Origin accepted), built from ../shared/seed exactly as written and run on the port it names,
 * 7777. Its baseline lists what it really does wrong; the reference echo server is the same program done
 * right. {@code seed-gorilla-no-heartbeat} ({@link SeedGorillaTargetFactory}) is the same program without
 * the heartbeat goroutine, to compare.
 */
public final class SeedGorillaTarget implements Target {
    private final boolean heartbeat;
    private final List<AreaAdapter> adapters;

    public SeedGorillaTarget() {
        this(true);
    }

    SeedGorillaTarget(boolean heartbeat) {
        this.heartbeat = heartbeat;
        this.adapters = List.of(new SeedGorillaAdapter(heartbeat));
    }

    @Override
    public String id() {
        return heartbeat ? "seed-gorilla" : "seed-gorilla-no-heartbeat";
    }

    @Override
    public String description() {
        return "the seed's Go echo server (gorilla/websocket" + (heartbeat ? ", text heartbeat every second"
                : ", its heartbeat goroutine removed") + "), built from ../shared/seed, on port 7777";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }
}
