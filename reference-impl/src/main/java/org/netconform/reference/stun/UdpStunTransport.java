package org.netconform.reference.stun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** {@link StunTransport} on this machine's kernel: non-blocking {@link DatagramChannel}s and one selector. */
public final class UdpStunTransport implements StunTransport {
    private final Selector selector;
    private final List<ChannelSocket> open = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);

    public UdpStunTransport() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized StunSocket open(InetSocketAddress local) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(local);
            ch.configureBlocking(false);
            ChannelSocket s = new ChannelSocket(ch, (InetSocketAddress) ch.getLocalAddress());
            s.key = ch.register(selector, 0, s);
            open.add(s);
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public synchronized Optional<Received> receive(Collection<? extends StunSocket> sockets, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        if (sockets.isEmpty()) {
            try {
                Thread.sleep(Math.max(0, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
        for (ChannelSocket s : open) {
            s.key.interestOps(sockets.contains(s) ? SelectionKey.OP_READ : 0);
        }
        while (true) {
            // a datagram already queued is read before waiting
            for (StunSocket s : sockets) {
                Optional<Received> r = tryRead((ChannelSocket) s);
                if (r.isPresent()) {
                    return r;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
        }
    }

    private Optional<Received> tryRead(ChannelSocket s) throws IOException {
        if (!s.channel.isOpen()) {
            return Optional.empty();
        }
        buffer.clear();
        SocketAddress from = s.channel.receive(buffer);
        if (from == null) {
            return Optional.empty();
        }
        buffer.flip();
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return Optional.of(new Received(s, new Datagram((InetSocketAddress) from, s.local, data)));
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public synchronized void close() {
        for (Iterator<ChannelSocket> it = open.iterator(); it.hasNext(); ) {
            it.next().closeChannel();
            it.remove();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private final class ChannelSocket implements StunSocket {
        final DatagramChannel channel;
        final InetSocketAddress local;
        SelectionKey key;

        ChannelSocket(DatagramChannel channel, InetSocketAddress local) {
            this.channel = channel;
            this.local = local;
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public void send(InetSocketAddress to, byte[] datagram) throws IOException {
            channel.send(ByteBuffer.wrap(datagram), to);
        }

        @Override
        public void close() {
            synchronized (UdpStunTransport.this) {
                closeChannel();
                open.remove(this);
            }
        }

        void closeChannel() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closed either way
            }
        }

        @Override
        public String toString() {
            return "udp " + local;
        }
    }
}
