package org.netconform.adapters.netty.websocket;

import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/** Netty's WebSocket codec (netty-codec-http), driven in an {@code EmbeddedChannel}. */
public final class NettyWebSocketTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new NettyWebSocketCodec());

    @Override
    public String id() {
        return "netty-websocket";
    }

    @Override
    public String description() {
        return "Netty " + io.netty.util.Version.identify().getOrDefault("netty-codec-http",
                io.netty.util.Version.identify().values().iterator().next()).artifactVersion()
                + ": WebSocket08FrameDecoder + Utf8FrameValidator / WebSocket08FrameEncoder in an EmbeddedChannel";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }
}
