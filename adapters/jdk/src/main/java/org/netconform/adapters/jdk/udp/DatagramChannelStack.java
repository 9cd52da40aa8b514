package org.netconform.adapters.jdk.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpStack;

/**
 * {@link DatagramChannel} (opened for {@link StandardProtocolFamily#INET}) as a {@link UdpStack}. Each
 * operation is one channel call:
 *
 * <table>
 * <caption>Exception to outcome</caption>
 * <tr><td>PortUnreachableException</td><td>PORT_UNREACHABLE</td></tr>
 * <tr><td>NotYetConnectedException</td><td>NOT_CONNECTED</td></tr>
 * <tr><td>AlreadyConnectedException</td><td>ALREADY_CONNECTED</td></tr>
 * <tr><td>BindException (EADDRINUSE)</td><td>ADDRESS_IN_USE</td></tr>
 * <tr><td>AlreadyBoundException, IllegalArgumentException, UnsupportedAddressTypeException,
 *     UnsupportedOperationException</td><td>INVALID</td></tr>
 * <tr><td>ClosedChannelException</td><td>CLOSED</td></tr>
 * <tr><td>SocketTimeoutException (blocking receive), no datagram by the deadline (non-blocking)</td><td>WOULD_BLOCK</td></tr>
 * <tr><td>any other IOException</td><td>thrown (the suite reports ERROR)</td></tr>
 * </table>
 *
 * Blocking mode: a blocking {@code DatagramChannel.receive} has no timeout, so a timed receive goes
 * through the channel's own socket adaptor ({@code channel.socket()} with SO_TIMEOUT), which receives
 * through the same channel implementation. Non-blocking mode: {@code receive} returns null when
 * nothing is queued; the adapter then waits on a Selector (OP_READ) until the deadline and tries again.
 * A local address with port 0 (or none) is reported as no local address.
 */
final class DatagramChannelStack implements UdpStack {
    private final boolean nonBlocking;

    DatagramChannelStack(boolean nonBlocking) {
        this.nonBlocking = nonBlocking;
    }

    @Override
    public String name() {
        return nonBlocking ? "jdk-datagramchannel-nb" : "jdk-datagramchannel";
    }

    @Override
    public UdpEndpoint open() {
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            Selector selector = null;
            if (nonBlocking) {
                ch.configureBlocking(false);
                selector = Selector.open();
                ch.register(selector, SelectionKey.OP_READ);
            }
            return new Endpoint(ch, selector);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<UdpOption> supportedOptions() {
        return EnumSet.allOf(UdpOption.class);
    }

    private static final class Endpoint implements UdpEndpoint {
        private final DatagramChannel ch;
        private final Selector selector;

        Endpoint(DatagramChannel ch, Selector selector) {
            this.ch = ch;
            this.selector = selector;
        }

        private interface Op<T> {
            T run() throws IOException;
        }

        static <T> UdpResult<T> call(Op<T> op) {
            try {
                return UdpResult.ok(op.run());
            } catch (PortUnreachableException e) {
                return UdpResult.error(UdpOutcome.PORT_UNREACHABLE);
            } catch (SocketTimeoutException e) {
                return UdpResult.error(UdpOutcome.WOULD_BLOCK);
            } catch (NotYetConnectedException e) {
                return UdpResult.error(UdpOutcome.NOT_CONNECTED);
            } catch (AlreadyConnectedException e) {
                return UdpResult.error(UdpOutcome.ALREADY_CONNECTED);
            } catch (BindException e) {
                return UdpResult.error(UdpOutcome.ADDRESS_IN_USE);
            } catch (AlreadyBoundException | IllegalArgumentException
                     | UnsupportedOperationException e) {
                return UdpResult.error(UdpOutcome.INVALID);
            } catch (ClosedChannelException e) {
                return UdpResult.error(UdpOutcome.CLOSED);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public UdpResult<Void> setOption(UdpOption option, boolean value) {
            return call(() -> {
                ch.setOption(option == UdpOption.REUSE_PORT ? StandardSocketOptions.SO_REUSEPORT
                        : StandardSocketOptions.SO_REUSEADDR, value);
                return null;
            });
        }

        @Override
        public UdpResult<Void> bind(UdpAddress local) {
            return call(() -> {
                ch.bind(local.toInetSocketAddress());
                return null;
            });
        }

        @Override
        public UdpResult<Void> connect(UdpAddress remote) {
            return call(() -> {
                ch.connect(remote.toInetSocketAddress());
                return null;
            });
        }

        @Override
        public UdpResult<Void> disconnect() {
            return call(() -> {
                ch.disconnect();
                return null;
            });
        }

        @Override
        public UdpResult<Integer> send(byte[] payload) {
            return call(() -> ch.write(ByteBuffer.wrap(payload)));
        }

        @Override
        public UdpResult<Integer> sendTo(UdpAddress destination, byte[] payload) {
            return call(() -> ch.send(ByteBuffer.wrap(payload), destination.toInetSocketAddress()));
        }

        @Override
        public UdpResult<Datagram> receive(Duration timeout) {
            return call(() -> selector != null ? receiveSelecting(timeout) : receiveBlocking(timeout));
        }

        private Datagram receiveBlocking(Duration timeout) throws IOException {
            java.net.DatagramSocket adaptor = ch.socket();
            adaptor.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
            adaptor.receive(p);
            return new Datagram(UdpAddress.from((InetSocketAddress) p.getSocketAddress()),
                    Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength()));
        }

        private Datagram receiveSelecting(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteBuffer buf = ByteBuffer.allocate(65_536);
            while (true) {
                SocketAddress from = ch.receive(buf);
                if (from != null) {
                    buf.flip();
                    byte[] payload = new byte[buf.remaining()];
                    buf.get(payload);
                    return new Datagram(UdpAddress.from((InetSocketAddress) from), payload);
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("nothing within " + timeout);
                }
                selector.select(left);
                selector.selectedKeys().clear();
            }
        }

        @Override
        public Optional<UdpAddress> localAddress() {
            try {
                return Addresses.local(ch.getLocalAddress());
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<UdpAddress> remoteAddress() {
            try {
                return Addresses.of(ch.getRemoteAddress());
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public UdpResult<Void> close() {
            return call(() -> {
                if (selector != null) {
                    selector.close();
                }
                ch.close();
                return null;
            });
        }
    }
}
