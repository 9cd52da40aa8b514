package org.netconform.adapters.usermodenat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.netconform.netlab.env.StaleSweeper;
import org.netconform.netlab.env.Tools;

/**
 * The user-mode labs of this JVM: before the first, netlab's sweep removes what killed runs left (of this
 * module's labs too: they carry netlab's names and owner markers); at exit, a lab a test left open is
 * closed and every environment destroyed, so no namespace, agent or NAT process outlives the JVM.
 */
final class UserModeLabs {
    private static final Set<UserModeLab> OPEN = new LinkedHashSet<>();
    private static boolean started;

    private UserModeLabs() {
    }

    static synchronized void sweepOnce() {
        if (started) {
            return;
        }
        started = true;
        StaleSweeper.sweep(Tools.require());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll();
            UserModeEnvironments.shutdown();
        }, "usermode-nat-shutdown"));
    }

    static synchronized UserModeLab track(UserModeLab lab) {
        OPEN.add(lab);
        lab.onClose(() -> forget(lab));
        return lab;
    }

    private static synchronized void forget(UserModeLab lab) {
        OPEN.remove(lab);
    }

    static void closeAll() {
        List<UserModeLab> labs;
        synchronized (UserModeLabs.class) {
            labs = List.copyOf(OPEN);
        }
        labs.forEach(UserModeLab::close);
    }
}
