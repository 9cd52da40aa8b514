package org.netconform.adapters.usermodenat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.netconform.netlab.LabSettings;

/**
 * The user-mode environments of this JVM: a closed lab's environment waits here for the next lab (when
 * {@code netconform.netlab.reuse} is on, as for netlab's own labs), and every one, idle or in use, is
 * destroyed by {@link #shutdown()}, which the JVM's shutdown hook runs ({@link UserModeLabs}). Labs that
 * run at once (a long observation beside the other checks) each get their own.
 */
final class UserModeEnvironments {
    private static final System.Logger LOG = System.getLogger(UserModeEnvironments.class.getName());
    private static final Deque<UserModeEnvironment> IDLE = new ArrayDeque<>();
    private static final Set<UserModeEnvironment> ALL = new LinkedHashSet<>();

    private UserModeEnvironments() {
    }

    static UserModeEnvironment acquire(LabSettings settings) {
        if (settings.reuse()) {
            synchronized (UserModeEnvironments.class) {
                while (!IDLE.isEmpty()) {
                    UserModeEnvironment e = IDLE.pop();
                    if (e.usable()) {
                        return e;
                    }
                    retire(e);
                }
            }
        }
        // built outside the lock: labs that open at once build theirs in parallel
        UserModeEnvironment env = UserModeEnvironment.create(settings);
        synchronized (UserModeEnvironments.class) {
            ALL.add(env);
        }
        return env;
    }

    /** Back from a lab whose NAT has ended: made fresh and kept, or destroyed when it cannot be trusted. */
    static void release(UserModeEnvironment env, LabSettings settings) {
        boolean keep = settings.reuse() && env.usable();
        if (keep) {
            try {
                env.reset();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "user-mode lab " + env.id() + " could not be reset, destroying it: "
                        + e.getMessage());
                keep = false;
            }
        }
        if (keep) {
            synchronized (UserModeEnvironments.class) {
                IDLE.push(env);
            }
        } else {
            retire(env);
        }
    }

    private static void retire(UserModeEnvironment env) {
        env.destroy();
        synchronized (UserModeEnvironments.class) {
            ALL.remove(env);
        }
    }

    /** Destroys every environment of this JVM; labs still open fail from now on with a lab error. */
    static void shutdown() {
        List<UserModeEnvironment> all;
        synchronized (UserModeEnvironments.class) {
            all = List.copyOf(ALL);
            ALL.clear();
            IDLE.clear();
        }
        all.forEach(UserModeEnvironment::destroy);
    }
}
