package org.netconform.harness;

import java.util.Collection;

/** A selector names no registered target and no factory makes one. */
public final class UnknownTargetException extends IllegalArgumentException {
    public UnknownTargetException(String selector, Collection<String> known) {
        super("unknown target '" + selector + "' in -D" + Targets.PROPERTY + "; known targets: "
                + String.join(", ", known) + " (or 'all', or a ws:// URL where a factory for it is on the classpath)");
    }
}
