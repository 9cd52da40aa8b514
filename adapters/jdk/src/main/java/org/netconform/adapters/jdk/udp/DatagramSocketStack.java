package org.netconform.adapters.jdk.udp;

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
 * {@link DatagramSocket} as a {@link UdpStack}: {@code new DatagramSocket((SocketAddress) null)} is an
 * unbound socket; each operation is one call.
 *
 * <table>
 * <caption>Exception to outcome</caption>
 * <tr><td>PortUnreachableException</td><td>PORT_UNREACHABLE</td></tr>
 * <tr><td>SocketTimeoutException (receive with SO_TIMEOUT)</td><td>WOULD_BLOCK</td></tr>
 * <tr><td>BindException (EADDRINUSE)</td><td>ADDRESS_IN_USE</td></tr>
 * <tr><td>IllegalArgumentException ("Address not set" on an unconnected send, a packet to another
 *     address than the connected one)</td><td>INVALID</td></tr>
 * <tr><td>SocketException "Socket is closed"</td><td>CLOSED</td></tr>
 * <tr><td>any other SocketException ("already bound", ...)</td><td>INVALID</td></tr>
 * <tr><td>any other IOException</td><td>thrown (ERROR)</td></tr>
 * </table>
 */
final class DatagramSocketStack implements UdpStack {

    @Override
    public String name() {
        return "jdk-datagramsocket";
    }

    @Override
    public UdpEndpoint open() {
        try {
            return new Endpoint(new DatagramSocket((SocketAddress) null));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<UdpOption> supportedOptions() {
        return EnumSet.allOf(UdpOption.class);
    }

    private static final class Endpoint implements UdpEndpoint {
        private final DatagramSocket socket;

        Endpoint(DatagramSocket socket) {
            this.socket = socket;
        }

        private interface Op<T> {
            T run() throws IOException;
        }

        private <T> UdpResult<T> call(Op<T> op) {
            try {
                return UdpResult.ok(op.run());
            } catch (PortUnreachableException e) {
                return UdpResult.error(UdpOutcome.PORT_UNREACHABLE);
            } catch (SocketTimeoutException e) {
                return UdpResult.error(UdpOutcome.WOULD_BLOCK);
            } catch (BindException e) {
                return UdpResult.error(UdpOutcome.ADDRESS_IN_USE);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                return UdpResult.error(UdpOutcome.INVALID);
            } catch (SocketException e) {
                return UdpResult.error(socket.isClosed() ? UdpOutcome.CLOSED : UdpOutcome.INVALID);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
            return call(() -> {
                socket.disconnect();
                return null;
            });
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
            return socket.isClosed() ? Optional.empty() : Addresses.local(socket.getLocalSocketAddress());
        }

        @Override
        public Optional<UdpAddress> remoteAddress() {
            return Addresses.of(socket.getRemoteSocketAddress());
        }

        @Override
        public UdpResult<Void> close() {
            socket.close();
            return UdpResult.ok();
        }
    }
}
