package org.netconform.netlab;

import java.util.Optional;
import org.netconform.netlab.env.Environment;
import org.netconform.netlab.env.EnvironmentPool;
import org.netconform.netlab.env.Prerequisites;

/**
 * Opens namespace labs.
 *
 * <pre>
 * try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
 *     lab.udp(Endpoint.of("198.51.100.10", 40000), Endpoint.of("203.0.113.100", 3478));
 * }
 * </pre>
 *
 * The first lab of a JVM builds the namespaces and starts the agents (about a second); later labs reuse
 * them after a reset, unless {@code -Dnetconform.netlab.reuse=false}. Everything is removed when the JVM
 * exits, and what a killed run left is swept when the next one starts.
 */
public final class NetLab {
    private NetLab() {
    }

    /** Why labs cannot run on this machine (not root, a tool missing), or empty when they can. */
    public static Optional<String> unavailableReason() {
        return Prerequisites.unavailableReason();
    }

    /** A lab of the standard layout with the given NAT, timers and the system-property settings. */
    public static NamespaceLab open(RouterNat nat, Timers timers) {
        return open(LabLayout.standard(), nat, timers, LabSettings.fromSystemProperties());
    }

    public static NamespaceLab open(LabLayout layout, RouterNat nat, Timers timers, LabSettings settings) {
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            throw new LabException(unavailable.get());
        }
        Environment env = EnvironmentPool.acquire(layout, settings);
        try {
            env.prepare(nat, timers);
        } catch (RuntimeException e) {
            env.markBroken();
            EnvironmentPool.release(env, settings);
            throw e;
        }
        return new NamespaceLab(env, settings, nat.describe());
    }

    /** Removes every namespace this JVM made now, rather than at exit. */
    public static void shutdown() {
        EnvironmentPool.shutdown();
    }
}
