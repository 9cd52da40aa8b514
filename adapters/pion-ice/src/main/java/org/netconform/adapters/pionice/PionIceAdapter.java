package org.netconform.adapters.pionice;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netconform.spi.traversal.IceAgentAdapter;

/**
 * pion's ICE agent through ice-peer (src/main/go/icepeer): UDP over IPv4, host and server-reflexive
 * candidates gathered (peer-reflexive ones learnt in the checks), no mDNS. {@code useStun} false leaves
 * out the STUN server: host candidates only (the self-tests' broken configuration).
 */
final class PionIceAdapter implements IceAgentAdapter {
    private static final IcePeerBuild BUILD = new IcePeerBuild(Path.of("target/pion-ice"));
    private static IcePeerBuild.Result built;

    private final String description;
    private final boolean useStun;

    PionIceAdapter(String description, boolean useStun) {
        this.description = description;
        this.useStun = useStun;
    }

    /** Built once per JVM (and reused across JVMs while the source is unchanged). */
    private static synchronized IcePeerBuild.Result built() {
        if (built == null) {
            built = BUILD.build();
        }
        return built;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(built().unavailable());
    }

    @Override
    public List<String> command(Role role, String stunServer, Duration checks, Duration deadline) {
        IcePeerBuild.Result b = built();
        if (b.binary() == null) {
            throw new IllegalStateException("ice-peer is not available: " + b.unavailable());
        }
        List<String> argv = new ArrayList<>(List.of(b.binary().toString(), "-role", role == Role.CONTROLLING ? "controlling" : "controlled",
                "-checks", checks.toMillis() + "ms", "-deadline", deadline.toMillis() + "ms"));
        if (useStun) {
            argv.addAll(List.of("-stun", "stun:" + stunServer));
        }
        return argv;
    }
}
