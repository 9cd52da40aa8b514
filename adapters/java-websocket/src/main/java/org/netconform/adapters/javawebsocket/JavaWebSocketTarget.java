package org.netconform.adapters.javawebsocket;

import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/** TooTallNate Java-WebSocket's RFC 6455 draft (Draft_6455), driven in process. */
public final class JavaWebSocketTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new JavaWebSocketCodec());

    @Override
    public String id() {
        return "java-websocket";
    }

    @Override
    public String description() {
        Package p = org.java_websocket.drafts.Draft_6455.class.getPackage();
        String v = p == null || p.getImplementationVersion() == null ? "1.6.0" : p.getImplementationVersion();
        return "Java-WebSocket " + v + ": Draft_6455.translateFrame / createBinaryFrame (WebSocketImpl not included)";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }
}
