package org.netconform.spi;

import java.util.Optional;

/**
 * Makes targets that need no Java code from a selector such as a {@code ws://} URL. Registered with
 * {@link java.util.ServiceLoader}; asked for every selector that names no registered target.
 */
public interface TargetFactory {

    /** A target for this selector, or empty when the selector is not of this factory's kind. */
    Optional<Target> forSelector(String selector);
}
