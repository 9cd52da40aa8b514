package org.netconform.netlab.env;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.netconform.netlab.LabLayout;
import org.netconform.netlab.LabSettings;

/**
 * The environments of this JVM. A closed lab's environment waits here for the next lab (when reuse is
 * on); every environment, idle or in use, is destroyed by {@link #shutdown()}, which a JVM shutdown
 * hook also runs. The first use sweeps what killed runs left behind.
 */
public final class EnvironmentPool {
    private static final System.Logger LOG = System.getLogger(EnvironmentPool.class.getName());
    private static final Deque<Environment> IDLE = new ArrayDeque<>();
    private static final Set<Environment> ALL = new LinkedHashSet<>();
    private static final Set<String> IDS = new LinkedHashSet<>();
    private static boolean started;

    private EnvironmentPool() {
    }

    /** An environment for a new lab: an idle one of the same layout when reuse is on, else a new one. */
    public static Environment acquire(LabLayout layout, LabSettings settings) {
        Tools tools = Tools.require();
        synchronized (EnvironmentPool.class) {
            if (!started) {
                started = true;
                List<String> swept = StaleSweeper.sweep(tools);
                if (!swept.isEmpty()) {
                    LOG.log(System.Logger.Level.INFO, "swept stale labs " + swept);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(EnvironmentPool::shutdown, "netlab-shutdown"));
            }
            if (settings.reuse()) {
                for (Environment e : IDLE) {
                    if (e.layout().equals(layout)) {
                        IDLE.remove(e);
                        return e;
                    }
                }
            }
        }
        // built outside the lock: another thread may build or take one meanwhile
        Environment env = Environment.create(layout, settings, tools);
        synchronized (EnvironmentPool.class) {
            ALL.add(env);
            IDS.add(env.names().id());
        }
        return env;
    }

    /** Back from a lab: its sockets closed, then kept for the next lab or destroyed. */
    public static void release(Environment env, LabSettings settings) {
        boolean keep = settings.reuse() && env.usable();
        if (keep) {
            try {
                env.resetAgents();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "lab " + env.names().id() + " could not be reset, destroying it: " + e.getMessage());
                keep = false;
            }
        }
        if (keep) {
            synchronized (EnvironmentPool.class) {
                IDLE.push(env);
            }
        } else {
            env.destroy();
            synchronized (EnvironmentPool.class) {
                ALL.remove(env);
            }
        }
    }

    /** Destroys every environment of this JVM. Labs still open fail from now on with a lab error. */
    public static void shutdown() {
        List<Environment> all;
        synchronized (EnvironmentPool.class) {
            all = List.copyOf(ALL);
            ALL.clear();
            IDLE.clear();
        }
        all.forEach(Environment::destroy);
    }

    /** The ids of every environment this JVM built, for checks that nothing of them is left. */
    public static synchronized Set<String> idsBuilt() {
        return Set.copyOf(IDS);
    }
}
