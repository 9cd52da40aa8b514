package org.netconform.reference.nat;

import java.util.Locale;

/** Formats virtual time (milliseconds) for logs and table dumps: {@code t=125.000s}. */
public final class VirtualTime {
    private VirtualTime() {
    }

    public static String format(long millis) {
        if (millis == Long.MAX_VALUE) {
            return "never";
        }
        return String.format(Locale.ROOT, "t=%d.%03ds", Math.floorDiv(millis, 1000), Math.floorMod(millis, 1000));
    }
}
