package org.netconform.spi.stun;

import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * An RFC 5780 discovery client under test (the {@code endpoint} layer): "run your tests against this
 * server and tell me what you found". The suite runs the server itself on 127.0.0.1 and 127.0.0.2,
 * watches every request the client sends, and can make the server answer as a NAT of a chosen
 * behaviour would let it; the adapter runs the client with its ordinary settings (its own binary,
 * its own API) and translates what the client reports into a {@link DiscoveryVerdict}, leaving out
 * what the client did not say. Fix nothing up: a wrong verdict must reach the suite as the client
 * gave it.
 *
 * <p>Capabilities name the tests the client has ({@link #MAPPING}, {@link #FILTERING},
 * {@link #HAIRPINNING}, {@link #LIFETIME}) and whether it can be told how long to wait for an
 * unanswered test ({@link #TIMEOUT}).
 *
 * <p>{@link #discover} may be called from several threads at once, each call with a server of its own
 * (the suite runs a client behind several emulated NATs side by side): keep no state between calls.
 */
public interface DiscoveryClientAdapter extends AreaAdapter {
    String MAPPING = "mapping";
    String FILTERING = "filtering";
    String HAIRPINNING = "hairpinning";
    String LIFETIME = "lifetime";
    String TIMEOUT = "timeout";

    @Override
    default Layer layer() {
        return Layer.ENDPOINT;
    }

    /** One line for the report: the client, its version and how it is run. */
    String description();

    /** Runs the client's tests; throws when the client could not be run or did not finish by the deadline. */
    DiscoveryVerdict discover(DiscoveryRequest request) throws Exception;
}
