package org.netconform.spi.stun;

import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * An RFC 5780 discovery client at the {@code model} layer: it runs its tests over a
 * {@link DatagramTransport} the suite provides (an in-process network behind a NAT of known
 * behaviour), so its verdict can be compared with what the NAT really is (discovery accuracy).
 * Capabilities as {@link DiscoveryClientAdapter}: {@code mapping}, {@code filtering},
 * {@code hairpinning}. Translate what the client says into a {@link DiscoveryVerdict}; fix nothing up.
 */
public interface ModelDiscoveryClientAdapter extends AreaAdapter {

    @Override
    default Layer layer() {
        return Layer.MODEL;
    }

    /** One line for the report: the client and how it is run. */
    String description();

    /**
     * Runs the client's tests from {@code request.localAddress()} against the server at
     * {@code request.server()}, every datagram through {@code transport}.
     */
    DiscoveryVerdict discover(DiscoveryRequest request, DatagramTransport transport) throws Exception;
}
