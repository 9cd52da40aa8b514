package org.netconform.stdio;

import java.util.Optional;
import java.util.Set;
import org.netconform.spi.FaultReporting;

/** What every area's adapter shares: the program's session, the area's declaration, fault reporting. */
abstract class StdioAdapter implements FaultReporting {
    final Session session;
    final TargetSpec.Area area;

    StdioAdapter(Session session, TargetSpec.Area area) {
        this.session = session;
        this.area = area;
    }

    public Set<String> capabilities() {
        return area.capabilities();
    }

    public Optional<String> unavailableReason() {
        return session.unavailable();
    }

    @Override
    public Case openCase(String name) {
        return session.openCase(name);
    }
}
