package org.netconform.spec;

import java.util.Locale;

/** Where a requirement can be checked. A target is judged only at the layers its adapter declares. */
public enum Layer {
    /** Bytes to values and back, in process. */
    CODEC,
    /** Stateful semantics through an API. */
    MODEL,
    /** Live, over real sockets. */
    ENDPOINT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
