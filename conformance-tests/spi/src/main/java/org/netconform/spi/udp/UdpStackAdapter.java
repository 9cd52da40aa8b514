package org.netconform.spi.udp;

import java.time.Duration;
import java.util.Set;
import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * The UDP connect adapter, at the model layer: it offers a {@link UdpStack} whose sockets are the
 * target's. Vendors implement {@link UdpStack} and {@link UdpEndpoint} from
 * {@code org.netconform.reference.udp} (the reference model implements the same interfaces):
 *
 * <ul>
 * <li>Each operation calls the library's own operation once and maps what it did onto a
 *     {@link UdpOutcome}: a value on success, the outcome named for the errno or exception
 *     otherwise (ECONNREFUSED / {@code PortUnreachableException} to {@code PORT_UNREACHABLE},
 *     {@code NotYetConnectedException} to {@code NOT_CONNECTED}, ...). Document the mapping per
 *     exception. Fix nothing up: no retries, no extra checks, no reordering of errors and datagrams.</li>
 * <li>{@link UdpEndpoint#receive(Duration)} waits at most the timeout it is given (the suite uses
 *     tens of milliseconds for "nothing arrives") and answers {@code WOULD_BLOCK} when nothing came.</li>
 * <li>A stack on this machine's kernel binds and sends on loopback only (127.0.0.0/8), and every
 *     socket it opens is released by {@link UdpEndpoint#close()}; the suite closes every endpoint it
 *     opened, whatever the test's result.</li>
 * </ul>
 *
 * Capabilities name operations a library genuinely lacks; a test that needs one the adapter does not
 * declare is UNSUPPORTED for it.
 */
public interface UdpStackAdapter extends AreaAdapter {
    /** Sets SO_REUSEPORT before bind ({@link UdpOption#REUSE_PORT}): UDP-REUSE-1..5. */
    String REUSE_PORT = "reuse-port";
    /** Sets SO_REUSEADDR before bind ({@link UdpOption#REUSE_ADDRESS}): UDP-REUSE-6, UDP-INFO-7. */
    String REUSE_ADDRESS = "reuse-address";
    /** Dissolves the association ({@link UdpEndpoint#disconnect()}): UDP-DISC-*, UDP-INFO-3. */
    String DISCONNECT = "disconnect";

    @Override
    default Layer layer() {
        return Layer.MODEL;
    }

    /**
     * A fresh stack for one test or one property try. For a stack on the real kernel, each call may
     * return a new view of the same host; for an in-process stack (a model) a new, empty world.
     */
    UdpStack stack();

    /**
     * True when {@link #stack()} is a world of its own that nothing outside reaches (an in-process
     * model): the suite then opens its helper sockets (peers, strangers, closed ports) on the same
     * stack. False, the default, for a stack on this machine's kernel: the suite opens its helpers
     * itself with plain JDK sockets on 127.0.0.1, independent of the target.
     */
    default boolean inProcess() {
        return false;
    }

    /** The capabilities a stack has by the options it supports, plus {@link #DISCONNECT}. */
    static Set<String> capabilitiesOf(Set<UdpOption> options, boolean disconnect) {
        java.util.Set<String> caps = new java.util.TreeSet<>();
        if (options.contains(UdpOption.REUSE_PORT)) {
            caps.add(REUSE_PORT);
        }
        if (options.contains(UdpOption.REUSE_ADDRESS)) {
            caps.add(REUSE_ADDRESS);
        }
        if (disconnect) {
            caps.add(DISCONNECT);
        }
        return Set.copyOf(caps);
    }
}
