package org.netconform.suites.nat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a NAT property: how many tries it gets in virtual and in real time, and what it needs beyond the
 * adapter's declared capabilities. A try in virtual time costs microseconds; one in real time (between
 * namespaces, or a simulator driven in real time) costs a fraction of a second for every datagram that
 * does not arrive, and seconds where it waits for a timer, so one count cannot fit both.
 * {@link NatPropertyHook} applies the count for the target's clock ({@link NatClock}) and reports a
 * property whose needs are not met as UNSUPPORTED with the reason.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NatTries {
    /** Tries against a NAT whose labs run in virtual time (an in-process model). */
    int virtualTime();

    /** Tries against a NAT whose labs run in real time. */
    int realTime();

    /** What the property needs that no capability declares. */
    Need[] needs() default {};

    enum Need {
        /** A short mapping timer: {@code set-timers}, or virtual time (the default timer measured). */
        SHORT_TIMER,
        /** A reference NAT model to compare with ({@link NatModelFactory}). */
        REFERENCE_MODEL,
        /** UDP hairpin probes that can decide: the mapping or the filtering is endpoint-independent ({@link NatHairpinning}). */
        UDP_HAIRPIN_DECIDABLE,
        /**
         * Not a NAT that chooses its ports and lets hosts share them towards different destinations (port
         * overlapping): which random sequence meets a port another host holds towards its next destination is
         * then the NAT's dice, not the sequence, and a comparison's verdict a coin flip.
         */
        PORTS_NOT_SHARED_AT_RANDOM
    }
}
