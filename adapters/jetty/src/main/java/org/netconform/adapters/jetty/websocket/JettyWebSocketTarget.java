package org.netconform.adapters.jetty.websocket;

import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/** Jetty 12's WebSocket frame parser and generator (jetty-websocket-core-common), in process. */
public final class JettyWebSocketTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new JettyWebSocketCodec());

    @Override
    public String id() {
        return "jetty-websocket";
    }

    @Override
    public String description() {
        return "Jetty " + org.eclipse.jetty.util.Jetty.VERSION
                + ": websocket-core internal Parser / Generator (session-level FrameValidation not included)";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }
}
