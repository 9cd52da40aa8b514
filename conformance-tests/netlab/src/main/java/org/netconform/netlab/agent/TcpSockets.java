package org.netconform.netlab.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.netlab.Arrival;
import org.netconform.netlab.Endpoint;

/**
 * The host's TCP listeners and connections. Every connection, accepted or connected, has a reader that
 * files each nonce line under the connection's local and remote endpoints, and answers the peer's FIN
 * with its own, so a close is a full FIN exchange.
 */
final class TcpSockets {
    private final Mailbox mailbox;
    private final Map<Endpoint, ServerSocketChannel> listeners = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<Long, PendingConnect> pending = new ConcurrentHashMap<>();
    private final AtomicLong handles = new AtomicLong();

    record Connection(Endpoint local, Endpoint remote, SocketChannel channel) {
    }

    TcpSockets(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    void listen(Endpoint local) throws IOException {
        synchronized (listeners) {
            if (listeners.containsKey(local)) {
                return;
            }
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
            try {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                server.bind(new InetSocketAddress(local.address(), local.port()), 64);
            } catch (IOException e) {
                server.close();
                throw new IOException("cannot listen on TCP " + local + ": " + e.getMessage(), e);
            }
            listeners.put(local, server);
            daemon("accept " + local, () -> acceptLoop(server));
        }
    }

    long start(Endpoint local, Endpoint to) throws IOException {
        long handle = handles.incrementAndGet();
        pending.put(handle, PendingConnect.start(local, to));
        return handle;
    }

    /** Finishes a connect; when established, sends {@code nonce} on it for the accepting side to file. */
    String[] finish(long handle, String nonce, long millis) throws IOException {
        PendingConnect p = pending.remove(handle);
        if (p == null) {
            throw new IOException("no pending connect " + handle);
        }
        String result = p.finish(millis);
        if (result.equals(PendingConnect.ESTABLISHED)) {
            p.channel.configureBlocking(true);
            Connection c = adopt(p.channel);
            c.channel.write(ByteBuffer.wrap(Payload.of(nonce)));
        }
        return new String[] {result, p.detail()};
    }

    /** Closes the connection from {@code local} to {@code remote}: FIN, or RST through SO_LINGER 0. */
    boolean close(Endpoint local, Endpoint remote, boolean reset) throws IOException {
        for (Connection c : connections) {
            if (c.local.equals(local) && c.remote.equals(remote)) {
                connections.remove(c);
                if (reset) {
                    c.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
                c.channel.close();
                return true;
            }
        }
        return false;
    }

    /** Everything closed, connections with RST so no TIME_WAIT is left behind for the next lab. */
    void closeAll() {
        for (ServerSocketChannel s : listeners.values()) {
            quietly(s::close);
        }
        listeners.clear();
        for (Connection c : connections) {
            quietly(() -> c.channel.setOption(StandardSocketOptions.SO_LINGER, 0));
            quietly(c.channel::close);
        }
        connections.clear();
        for (PendingConnect p : pending.values()) {
            quietly(p.channel::close);
        }
        pending.clear();
    }

    private void acceptLoop(ServerSocketChannel server) {
        while (server.isOpen()) {
            try {
                adopt(server.accept());
            } catch (IOException e) {
                if (server.isOpen()) {
                    System.err.println("accept: " + e);
                }
            }
        }
    }

    private Connection adopt(SocketChannel ch) throws IOException {
        Connection c = new Connection(UdpSockets.endpointOf((InetSocketAddress) ch.getLocalAddress()),
                UdpSockets.endpointOf((InetSocketAddress) ch.getRemoteAddress()), ch);
        connections.add(c);
        daemon("read " + c.local + "<-" + c.remote, () -> readLoop(c));
        return c;
    }

    private void readLoop(Connection c) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c.channel),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                String nonce = Payload.nonceIn(line);
                if (nonce != null) {
                    mailbox.put("tcp " + nonce, new Arrival(c.local, c.remote));
                }
            }
        } catch (IOException e) {
            // reset by the peer, or closed here: either way the connection is over
        } finally {
            connections.remove(c);
            quietly(c.channel::close);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void quietly(IoAction action) {
        try {
            action.run();
        } catch (IOException ignored) {
            // cleanup: nothing useful to do with the failure
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
