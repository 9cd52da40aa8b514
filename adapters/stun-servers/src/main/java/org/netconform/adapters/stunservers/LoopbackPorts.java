package org.netconform.adapters.stunservers;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Two UDP ports free on both 127.0.0.1 and 127.0.0.2, for a server that must bind them itself. The
 * ports are found by binding and releasing them, so another program could take one before the
 * server does; the adapter then sees the server fail to start, and the run says so.
 */
final class LoopbackPorts {
    static final String A1 = "127.0.0.1";
    static final String A2 = "127.0.0.2";

    private LoopbackPorts() {
    }

    /** A pair (p, p2) free on both addresses; p2 = p + 1 when {@code adjacent}. */
    static int[] freePair(boolean adjacent) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<DatagramChannel> held = new ArrayList<>();
            try {
                int p = bind(held, A1, 0);
                bind(held, A2, p);
                int p2 = bind(held, A1, adjacent ? p + 1 : 0);
                bind(held, A2, p2);
                return new int[] {p, p2};
            } catch (BindException e) {
                // taken on one of the addresses: try another
            } finally {
                for (DatagramChannel ch : held) {
                    ch.close();
                }
            }
        }
        throw new BindException("no two ports free on both " + A1 + " and " + A2);
    }

    /** A port free on 127.0.0.1. */
    static int free() throws IOException {
        try (DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(A1, 0))) {
            return ((InetSocketAddress) ch.getLocalAddress()).getPort();
        }
    }

    private static int bind(List<DatagramChannel> held, String address, int port) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        held.add(ch);
        ch.bind(new InetSocketAddress(address, port));
        return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }
}
