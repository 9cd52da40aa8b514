package org.netconform.adapters.pionice;

import java.time.Duration;
import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.traversal.IceAgentAdapter;

/**
 * An ICE "agent" that dies at once without a word: the real-NAT suite must report ERROR with that as
 * its reason, never a verdict (no peer answered, so there is nothing to judge). Test resources only.
 */
public class DeadIceTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new IceAgentAdapter() {
        @Override
        public String description() {
            return "a shell that exits 3 at once";
        }

        @Override
        public List<String> command(Role role, String stunServer, Duration checks, Duration deadline) {
            return List.of("sh", "-c", "exit 3");
        }
    });

    @Override
    public String id() {
        return "broken-ice-dead-peer";
    }

    @Override
    public String description() {
        return "an ICE peer program that exits at once without output (a self-test's broken stack)";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }
}
