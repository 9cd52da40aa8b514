package org.netconform.suites.nat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netconform.harness.CurrentTarget;
import org.netconform.spec.Layer;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabOptions;

/**
 * Whether a target's labs run in virtual time, which decides how every timer check waits. The layer
 * alone does not say it: a model is usually in-process and virtual, but a simulator driven in real time
 * (pion's vnet through its shim) is a model too, and waiting out a model's default timer or a 60 s
 * "short" timer in real time costs minutes per check. An endpoint-layer lab is real time by the vendor
 * interface's contract; a model-layer adapter is asked once per target, through a lab of its own.
 */
final class NatClock {
    private static final Map<String, Boolean> VIRTUAL = new ConcurrentHashMap<>();

    private NatClock() {
    }

    static boolean virtual(NatAdapter nat) {
        if (nat.layer() != Layer.MODEL) {
            return false;
        }
        String key = CurrentTarget.get().id() + "/" + nat.getClass().getName();
        Boolean known = VIRTUAL.get(key);
        if (known != null) {
            return known;
        }
        boolean virtual;
        try (NatLab lab = nat.open(NatLabOptions.defaults())) {
            virtual = lab.virtualTime();
        }
        VIRTUAL.put(key, virtual);
        return virtual;
    }
}
