package org.netconform.spi;

import java.util.Optional;
import java.util.Set;
import org.netconform.spec.Layer;

/**
 * One area at one layer of a target: the small interface a vendor implements, in the style of the
 * Reactive Streams TCK. Each area defines a sub-interface (e.g. {@code ByteOrderCodec}) whose factory
 * and operation methods the suites call; a suite test asks for it by parameter type.
 */
public interface AreaAdapter {

    /** The layer this adapter exercises. Requirements are judged only at declared layers. */
    Layer layer();

    /**
     * Optional features this adapter offers. A test that needs a capability the adapter does not
     * declare is UNSUPPORTED for this target, with the missing capability as the reason.
     */
    default Set<String> capabilities() {
        return Set.of();
    }

    /**
     * Why the adapter cannot run here at all (a native library that does not load, a missing
     * runtime). Present means every test that needs it is UNSUPPORTED with this reason.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * Whether the target answers at all, asked once per run before its first case (a live server's
     * opening handshake, say). Present means it does not: every case that needs this adapter is
     * ERROR with this one reason, at once, instead of each case timing out on its own.
     */
    default Optional<String> preflight() {
        return Optional.empty();
    }
}
