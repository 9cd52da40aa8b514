package org.netconform.reference.traversal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@link PeerSocket} on a real UDP socket (a {@link DatagramChannel}), with a receive that waits at
 * most a given time: what runs a {@link UdpPeer} or a {@link RendezvousServer} in real time, on
 * loopback or between network namespaces.
 */
public final class ChannelPeerSocket implements PeerSocket, AutoCloseable {

    /** A datagram and where it came from. */
    public record Received(InetSocketAddress from, byte[] data) {
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(2048);

    private ChannelPeerSocket(DatagramChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    public static ChannelPeerSocket open(InetSocketAddress local) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(local);
        ch.configureBlocking(false);
        Selector sel = Selector.open();
        ch.register(sel, SelectionKey.OP_READ);
        return new ChannelPeerSocket(ch, sel);
    }

    @Override
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void send(InetSocketAddress to, byte[] data) throws IOException {
        channel.send(ByteBuffer.wrap(data), to);
    }

    /** The next datagram within {@code timeout}, or empty. */
    public Optional<Received> receive(Duration timeout) throws IOException {
        buffer.clear();
        SocketAddress from = channel.receive(buffer);
        if (from == null) {
            selector.selectedKeys().clear();
            selector.select(Math.max(1, timeout.toMillis()));
            buffer.clear();
            from = channel.receive(buffer);
        }
        if (from == null) {
            return Optional.empty();
        }
        buffer.flip();
        return Optional.of(new Received((InetSocketAddress) from, Arrays.copyOf(buffer.array(), buffer.limit())));
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
