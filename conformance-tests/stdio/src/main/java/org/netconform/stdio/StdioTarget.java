package org.netconform.stdio;

import java.util.ArrayList;
import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/**
 * A target whose implementation is a program in any language, spoken to over the stdio protocol
 * (docs/stdio-protocol.md). It offers one adapter per area its {@link TargetSpec} declares, each of
 * which forwards every call to the program; the program is started on first use.
 */
public class StdioTarget implements Target {
    private final TargetSpec spec;
    private final Session session;
    private final List<AreaAdapter> adapters;

    public StdioTarget(TargetSpec spec) {
        this(spec, new Session(spec));
    }

    StdioTarget(TargetSpec spec, Session session) {
        this.spec = spec;
        this.session = session;
        List<AreaAdapter> list = new ArrayList<>();
        for (TargetSpec.Area area : spec.areas().values()) {
            switch (area.name()) {
                case "byteorder" -> list.add(new StdioByteOrderCodec(session, area));
                case "udp" -> list.add(new StdioUdpStackAdapter(session, area));
                case "wscodec" -> list.add(new StdioWebSocketCodec(session, area));
                case "wsclient" -> list.add(new StdioWebSocketClient(session, area));
                case "nat" -> list.add(new StdioNatAdapter(session, area));
                default -> throw new IllegalArgumentException("area " + area.name() + " is not in version 1 of the protocol");
            }
        }
        this.adapters = List.copyOf(list);
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String description() {
        return spec.description();
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    /** The declaration this target was made from. */
    public TargetSpec spec() {
        return spec;
    }

    /** Stops the program if it runs (it is also stopped when the JVM exits). */
    public void stop() {
        session.stop();
    }
}
