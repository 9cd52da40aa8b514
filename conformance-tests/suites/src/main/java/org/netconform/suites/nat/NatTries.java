package org.netconform.suites.nat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a NAT property: how many tries it gets at each layer, and what it needs beyond the adapter's
 * declared capabilities. A try in virtual time costs microseconds and one between namespaces costs
 * seconds, so one count cannot fit both; {@link NatPropertyHook} applies the count of the target's
 * layer and reports a property whose needs are not met as UNSUPPORTED with the reason.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NatTries {
    /** Tries against an in-process model in virtual time. */
    int model();

    /** Tries against a real NAT between namespaces. */
    int endpoint();

    /** What the property needs that no capability declares. */
    Need[] needs() default {};

    enum Need {
        /** A short mapping timer: {@code set-timers}, or virtual time (the default timer measured). */
        SHORT_TIMER,
        /** A reference NAT model to compare with ({@link NatModelFactory}). */
        REFERENCE_MODEL
    }
}
