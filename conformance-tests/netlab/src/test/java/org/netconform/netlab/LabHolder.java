package org.netconform.netlab;

import org.netconform.netlab.nat.Masquerade;

/**
 * A JVM that opens a lab and never closes it, for {@link LabLifecycleTest}: prints the lab's prefix, then
 * either exits (the shutdown hook must clean up) or waits to be killed (the next sweep must).
 */
public final class LabHolder {
    public static void main(String[] args) throws Exception {
        NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults());
        System.out.println(lab.prefix());
        System.out.flush();
        if (args.length > 0 && args[0].equals("wait")) {
            Thread.sleep(120_000);
        }
        System.exit(0);
    }
}
