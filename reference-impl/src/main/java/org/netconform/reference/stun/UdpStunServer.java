package org.netconform.reference.stun;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hosts a {@link StunDatagramHandler} on real UDP sockets: one channel per server endpoint (one, or
 * the four of RFC 5780), each bound to its exact address so the handler knows where a request
 * arrived, served by one selector thread. A response goes out through the channel bound at its
 * source; a response from an address the server does not hold is dropped and logged.
 *
 * <p>Port 0 in the requested addresses picks free ports: for two addresses, a port free on both.
 */
public final class UdpStunServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UdpStunServer.class.getName());

    /** Sees every datagram the server received and what it sent for it (for logs and test harnesses). */
    @FunctionalInterface
    public interface Listener {
        void exchanged(Datagram received, List<Datagram> sent);
    }

    private final ServerAddresses addresses;
    private final Map<InetSocketAddress, DatagramChannel> channels;
    private final Selector selector;
    private final StunDatagramHandler handler;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;

    private UdpStunServer(ServerAddresses addresses, Map<InetSocketAddress, DatagramChannel> channels,
                          StunDatagramHandler handler, Listener listener) throws IOException {
        this.addresses = addresses;
        this.channels = channels;
        this.handler = handler;
        this.listener = listener;
        this.selector = Selector.open();
        for (DatagramChannel ch : channels.values()) {
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
        }
        this.thread = new Thread(this::loop, "stun-server " + addresses.primary());
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the reference server core with this configuration. */
    public static UdpStunServer start(ServerAddresses requested, StunServerConfig config) throws IOException {
        return start(requested, a -> new StunServerCore(a, config), (r, s) -> { });
    }

    /**
     * Binds the endpoints of {@code requested} (port 0: free ports), makes the handler for the addresses
     * actually bound, and starts serving.
     */
    public static UdpStunServer start(ServerAddresses requested, Function<ServerAddresses, StunDatagramHandler> handler,
                                      Listener listener) throws IOException {
        Map<InetSocketAddress, DatagramChannel> channels = new LinkedHashMap<>();
        try {
            ServerAddresses bound = bind(requested, channels);
            return new UdpStunServer(bound, channels, handler.apply(bound), listener);
        } catch (IOException | RuntimeException e) {
            for (DatagramChannel ch : channels.values()) {
                ch.close();
            }
            throw e;
        }
    }

    private static ServerAddresses bind(ServerAddresses requested, Map<InetSocketAddress, DatagramChannel> out) throws IOException {
        InetAddress a1 = requested.primary().getAddress();
        if (requested.alternate().isEmpty()) {
            DatagramChannel ch = DatagramChannel.open().bind(requested.primary());
            InetSocketAddress at = (InetSocketAddress) ch.getLocalAddress();
            out.put(at, ch);
            return ServerAddresses.single(at);
        }
        InetAddress a2 = requested.alternate().get().getAddress();
        int p1 = bindPair(a1, a2, requested.primary().getPort(), -1, out);
        int p2 = bindPair(a1, a2, requested.alternate().get().getPort(), p1, out);
        ServerAddresses bound = ServerAddresses.pair(new InetSocketAddress(a1, p1), new InetSocketAddress(a2, p2));
        // keep the map in the order of ServerAddresses.endpoints()
        Map<InetSocketAddress, DatagramChannel> ordered = new LinkedHashMap<>();
        for (InetSocketAddress e : bound.endpoints()) {
            ordered.put(e, out.get(e));
        }
        out.clear();
        out.putAll(ordered);
        return bound;
    }

    /** Binds the same port on both addresses: the given one, or a free one (retrying collisions). */
    private static int bindPair(InetAddress a1, InetAddress a2, int port, int avoid,
                                Map<InetSocketAddress, DatagramChannel> out) throws IOException {
        for (int attempt = 0; attempt < 64; attempt++) {
            DatagramChannel c1 = DatagramChannel.open();
            int p;
            try {
                c1.bind(new InetSocketAddress(a1, port));
                p = ((InetSocketAddress) c1.getLocalAddress()).getPort();
            } catch (IOException e) {
                c1.close();
                throw e;
            }
            if (p == avoid) {
                c1.close();
                continue;
            }
            DatagramChannel c2 = DatagramChannel.open();
            try {
                c2.bind(new InetSocketAddress(a2, p));
            } catch (BindException e) {
                c2.close();
                c1.close();
                if (port != 0) {
                    throw e;
                }
                continue;
            }
            out.put(new InetSocketAddress(a1, p), c1);
            out.put(new InetSocketAddress(a2, p), c2);
            return p;
        }
        throw new BindException("no port free on both " + a1 + " and " + a2 + " after 64 attempts");
    }

    public ServerAddresses addresses() {
        return addresses;
    }

    private void loop() {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (running) {
            try {
                selector.select(500);
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
                    while (true) {
                        buf.clear();
                        InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
                        if (from == null) {
                            break;
                        }
                        buf.flip();
                        byte[] data = new byte[buf.remaining()];
                        buf.get(data);
                        serve(new Datagram(from, local, data));
                    }
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "STUN server at " + addresses + ": " + e, e);
                }
            }
        }
    }

    private void serve(Datagram received) {
        List<Datagram> sent = new ArrayList<>();
        List<Datagram> out;
        try {
            out = handler.handle(received);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handler failed on " + received + ": " + e, e);
            out = List.of();
        }
        for (Datagram d : out) {
            DatagramChannel ch = channels.get(d.source());
            if (ch == null) {
                LOG.warning("dropped a response from " + d.source() + ", which the server does not hold");
                continue;
            }
            try {
                ch.send(ByteBuffer.wrap(d.data()), d.destination());
                sent.add(d);
            } catch (IOException e) {
                LOG.log(Level.FINE, "send to " + d.destination() + " failed: " + e, e);
            }
        }
        try {
            listener.exchanged(received, sent);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener failed: " + e, e);
        }
    }

    /** The endpoint a channel of this server is bound to, if it holds {@code address}. */
    public Optional<InetSocketAddress> holds(InetSocketAddress address) {
        return channels.containsKey(address) ? Optional.of(address) : Optional.empty();
    }

    @Override
    public void close() {
        running = false;
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (DatagramChannel ch : channels.values()) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
