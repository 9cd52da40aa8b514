package org.netconform.reference.websocket;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which Origin values a server accepts (RFC 6455 §4.2.2 step 4, §10.2). A refused origin gets
 * 403 Forbidden.
 *
 * <p>There is no default: a server must choose. Browsers send Origin so that a server can stop
 * other sites' scripts from using a user's cookies against it; silently allowing every origin is
 * the classic cross-site WebSocket hijacking hole, so {@link #allowAll()} exists only as an
 * explicit, visible decision.
 */
@FunctionalInterface
public interface OriginPolicy {

    /** @param origin the Origin header's value, or empty when the request had none (non-browser) */
    boolean allows(Optional<String> origin);

    /**
     * Allows exactly these origins (compared ASCII case-insensitively, as serialized origins are
     * lower-case schemes and hosts) and requests without an Origin, which come from non-browser
     * clients that cannot be tricked into sending ambient credentials.
     */
    static OriginPolicy allowList(Set<String> origins) {
        Set<String> lower = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        return origin -> origin.map(o -> lower.contains(o.toLowerCase(Locale.ROOT))).orElse(true);
    }

    /** Allows every origin. Only for servers that need no cookies or other ambient credentials. */
    static OriginPolicy allowAll() {
        return origin -> true;
    }
}
