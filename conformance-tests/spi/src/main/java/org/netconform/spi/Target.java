package org.netconform.spi;

import java.util.List;
import java.util.Optional;

/**
 * An implementation under test. Registered with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/org.netconform.spi.Target}; selected with {@code -Dnetconform.target=ID}.
 * A target offers one adapter per area and layer it supports; the rest is UNSUPPORTED for it.
 */
public interface Target {

    /** Stable, lower-case ID used on the command line, in baselines and in the report. */
    String id();

    /** One line for the report: library and version, and how it is driven. */
    String description();

    /** The adapters this target offers. */
    List<AreaAdapter> adapters();

    /** The adapter of the given type, if this target offers one. */
    default <A extends AreaAdapter> Optional<A> adapter(Class<A> type) {
        return adapters().stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
