package org.netconform.suites.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
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
 * The suite's own helper sockets on this machine's kernel (peers, strangers, closed ports), with
 * plain {@link DatagramSocket}s on 127.0.0.0/8, independent of the target. Used for every target
 * whose stack runs on the kernel; an in-process target hosts the helpers itself.
 */
final class LoopbackHelpers implements UdpStack {

    @Override
    public String name() {
        return "suite helpers (java.net.DatagramSocket)";
    }

    @Override
    public UdpEndpoint open() {
        try {
            return new Helper(new DatagramSocket((SocketAddress) null));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<UdpOption> supportedOptions() {
        return EnumSet.allOf(UdpOption.class);
    }

    private static final class Helper implements UdpEndpoint {
        private final DatagramSocket socket;

        Helper(DatagramSocket socket) {
            this.socket = socket;
        }

        private interface Op<T> {
            T run() throws IOException;
        }

        private static <T> UdpResult<T> call(Op<T> op) {
            try {
                return UdpResult.ok(op.run());
            } catch (PortUnreachableException e) {
                return UdpResult.error(UdpOutcome.PORT_UNREACHABLE);
            } catch (SocketTimeoutException e) {
                return UdpResult.error(UdpOutcome.WOULD_BLOCK);
            } catch (BindException e) {
                return UdpResult.error(UdpOutcome.ADDRESS_IN_USE);
            } catch (IllegalArgumentException | SocketException e) {
                return UdpResult.error(socket_closed(e) ? UdpOutcome.CLOSED : UdpOutcome.INVALID);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static boolean socket_closed(Exception e) {
            return String.valueOf(e.getMessage()).toLowerCase().contains("closed");
        }

        @Override
        public UdpResult<Void> setOption(UdpOption option, boolean value) {
            return call(() -> {
                socket.setOption(option == UdpOption.REUSE_PORT ? StandardSocketOptions.SO_REUSEPORT
                        : StandardSocketOptions.SO_REUSEADDR, value);
                return null;
            });
        }

        @Override
        public UdpResult<Void> bind(UdpAddress local) {
            return call(() -> {
                socket.bind(local.toInetSocketAddress());
                return null;
            });
        }

        @Override
        public UdpResult<Void> connect(UdpAddress remote) {
            return call(() -> {
                socket.connect(remote.toInetSocketAddress());
                return null;
            });
        }

        @Override
        public UdpResult<Void> disconnect() {
            socket.disconnect();
            return UdpResult.ok();
        }

        @Override
        public UdpResult<Integer> send(byte[] payload) {
            return call(() -> {
                socket.send(new DatagramPacket(payload, payload.length));
                return payload.length;
            });
        }

        @Override
        public UdpResult<Integer> sendTo(UdpAddress destination, byte[] payload) {
            return call(() -> {
                socket.send(new DatagramPacket(payload, payload.length, destination.toInetSocketAddress()));
                return payload.length;
            });
        }

        @Override
        public UdpResult<Datagram> receive(Duration timeout) {
            return call(() -> {
                socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
                DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
                socket.receive(p);
                return new Datagram(UdpAddress.from((InetSocketAddress) p.getSocketAddress()),
                        Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength()));
            });
        }

        @Override
        public Optional<UdpAddress> localAddress() {
            if (socket.isClosed() || !socket.isBound()) {
                return Optional.empty();
            }
            return Optional.of(UdpAddress.from((InetSocketAddress) socket.getLocalSocketAddress()));
        }

        @Override
        public Optional<UdpAddress> remoteAddress() {
            SocketAddress r = socket.getRemoteSocketAddress();
            return r == null ? Optional.empty() : Optional.of(UdpAddress.from((InetSocketAddress) r));
        }

        @Override
        public UdpResult<Void> close() {
            socket.close();
            return UdpResult.ok();
        }
    }
}
