package org.netconform.spi.stun;

import java.util.Set;
import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * A live STUN server under test (the {@code endpoint} layer): the suite sends it crafted UDP
 * datagrams on loopback and judges what comes back, and from where. Start it lazily on the first
 * {@link #endpoints()} call, on 127.0.0.1 (primary) and 127.0.0.2 (alternate) with free ports, and
 * stop it on {@link #close()} or at JVM exit. A server that cannot run here (a binary that is not
 * installed) says why in {@link #unavailableReason()}.
 *
 * <p>Capabilities:
 * <ul>
 *   <li>{@link #CHANGE_REQUEST}: it runs on two addresses and two ports and honours CHANGE-REQUEST
 *       (RFC 5780 §7.2, or RFC 3489's);</li>
 *   <li>{@link #RFC5780}: it serves RFC 5780's behaviour-discovery usage (OTHER-ADDRESS,
 *       RESPONSE-ORIGIN, both mapped addresses) as well;</li>
 *   <li>{@link #SINGLE_ADDRESS}: it can also run with one address and port only
 *       ({@link #singleAddressEndpoints()}), where RFC 5780 §6 says what it must refuse.</li>
 * </ul>
 * Configure the server as its documentation says for that setup and fix nothing up.
 */
public interface StunServerAdapter extends AreaAdapter, AutoCloseable {
    String CHANGE_REQUEST = "change-request";
    String RFC5780 = "rfc5780";
    String SINGLE_ADDRESS = "single-address";

    @Override
    default Layer layer() {
        return Layer.ENDPOINT;
    }

    /** One line for the report: the server, its version and how it is run. */
    String description();

    /** The running server's addresses; starts it on first use. */
    StunServerEndpoints endpoints();

    /** With {@link #SINGLE_ADDRESS}: a second instance on one address and port, started on first use. */
    default StunServerEndpoints singleAddressEndpoints() {
        throw new UnsupportedOperationException(description() + " does not run with a single address");
    }

    @Override
    default Set<String> capabilities() {
        return Set.of();
    }

    /** Stops whatever this adapter started. */
    @Override
    default void close() {
    }
}
