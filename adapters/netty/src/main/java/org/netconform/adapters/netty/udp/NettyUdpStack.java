package org.netconform.adapters.netty.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.Errors;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetConnectedException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpStack;

/**
 * A Netty datagram channel as a {@link UdpStack}. A socket is a channel registered on a shared event
 * loop ({@code Bootstrap.register()}, unbound), with Netty's default options and one inbound handler
 * that queues what the pipeline delivers, in order: each {@link DatagramPacket} and each
 * {@code exceptionCaught} cause. {@link UdpEndpoint#receive} takes the next queued event. Operations
 * are the channel's own ({@code bind}, {@code connect}, {@code disconnect}, {@code writeAndFlush} of a
 * {@code ByteBuf} or a {@code DatagramPacket}, {@code close}), awaited; their futures' causes map:
 *
 * <table>
 * <caption>Cause to outcome</caption>
 * <tr><td>PortUnreachableException (write future or exceptionCaught)</td><td>PORT_UNREACHABLE</td></tr>
 * <tr><td>NotYetConnectedException (a write on an inactive channel, or unconnected)</td><td>NOT_CONNECTED</td></tr>
 * <tr><td>AlreadyConnectedException</td><td>ALREADY_CONNECTED</td></tr>
 * <tr><td>BindException</td><td>ADDRESS_IN_USE</td></tr>
 * <tr><td>AlreadyBoundException, IllegalArgumentException, IllegalStateException</td><td>INVALID</td></tr>
 * <tr><td>ClosedChannelException</td><td>CLOSED</td></tr>
 * <tr><td>Errors.NativeIoException by errno: EADDRINUSE, EDESTADDRREQ/ENOTCONN, EISCONN, ECONNREFUSED,
 *     EADDRNOTAVAIL, EMSGSIZE, EINVAL</td><td>ADDRESS_IN_USE, NOT_CONNECTED, ALREADY_CONNECTED,
 *     PORT_UNREACHABLE, ADDRESS_NOT_AVAILABLE, MESSAGE_TOO_LONG, INVALID</td></tr>
 * <tr><td>anything else</td><td>thrown (ERROR)</td></tr>
 * </table>
 */
final class NettyUdpStack implements UdpStack {
    enum Transport { NIO, EPOLL }

    private static final long AWAIT_MS = 2000;
    private static volatile EventLoopGroup nioGroup;
    private static volatile EventLoopGroup epollGroup;

    private final Transport transport;

    NettyUdpStack(Transport transport) {
        this.transport = transport;
    }

    /** One event loop per transport for the whole run, daemon threads: sockets come and go, the loop stays. */
    private static synchronized EventLoopGroup group(Transport t) {
        if (t == Transport.NIO) {
            if (nioGroup == null) {
                nioGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netconform-nio-udp", true),
                        NioIoHandler.newFactory());
            }
            return nioGroup;
        }
        if (epollGroup == null) {
            epollGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netconform-epoll-udp", true),
                    EpollIoHandler.newFactory());
        }
        return epollGroup;
    }

    @Override
    public String name() {
        return transport == Transport.NIO ? "netty-nio-udp" : "netty-epoll-udp";
    }

    @Override
    public UdpEndpoint open() {
        BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
        Bootstrap b = new Bootstrap().group(group(transport))
                .channelFactory(() -> transport == Transport.NIO ? new NioDatagramChannel(SocketProtocolFamily.INET)
                        : new EpollDatagramChannel(SocketProtocolFamily.INET))
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof DatagramPacket p) {
                            ByteBuf content = p.content();
                            byte[] bytes = new byte[content.readableBytes()];
                            content.getBytes(content.readerIndex(), bytes);
                            inbound.add(new Datagram(UdpAddress.from(p.sender()), bytes));
                        }
                        ReferenceCountUtil.release(msg);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        inbound.add(cause);
                    }
                });
        ChannelFuture f = b.register();
        if (!f.awaitUninterruptibly(AWAIT_MS) || !f.isSuccess()) {
            f.channel().close();
            throw new IllegalStateException("cannot register a " + name() + " channel", f.cause());
        }
        return new Endpoint(f.channel(), inbound);
    }

    @Override
    public Set<UdpOption> supportedOptions() {
        return EnumSet.allOf(UdpOption.class);
    }

    static UdpOutcome outcomeOf(Throwable t) {
        if (t instanceof PortUnreachableException) {
            return UdpOutcome.PORT_UNREACHABLE;
        }
        if (t instanceof NotYetConnectedException) {
            return UdpOutcome.NOT_CONNECTED;
        }
        if (t instanceof AlreadyConnectedException) {
            return UdpOutcome.ALREADY_CONNECTED;
        }
        if (t instanceof BindException) {
            return UdpOutcome.ADDRESS_IN_USE;
        }
        if (t instanceof ClosedChannelException) {
            return UdpOutcome.CLOSED;
        }
        if (t instanceof Errors.NativeIoException n) {
            switch (-n.expectedErr()) {
                case 98: return UdpOutcome.ADDRESS_IN_USE;
                case 89: case 107: return UdpOutcome.NOT_CONNECTED;
                case 106: return UdpOutcome.ALREADY_CONNECTED;
                case 111: return UdpOutcome.PORT_UNREACHABLE;
                case 99: return UdpOutcome.ADDRESS_NOT_AVAILABLE;
                case 90: return UdpOutcome.MESSAGE_TOO_LONG;
                case 22: return UdpOutcome.INVALID;
                default: break;
            }
        }
        if (t instanceof AlreadyBoundException || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException) {
            return UdpOutcome.INVALID;
        }
        throw new IllegalStateException("unmapped Netty failure: " + t, t);
    }

    private final class Endpoint implements UdpEndpoint {
        private final Channel ch;
        private final BlockingQueue<Object> inbound;

        Endpoint(Channel ch, BlockingQueue<Object> inbound) {
            this.ch = ch;
            this.inbound = inbound;
        }

        private <T> UdpResult<T> await(ChannelFuture f, T value) {
            if (!f.awaitUninterruptibly(AWAIT_MS)) {
                throw new IllegalStateException(name() + ": no answer within " + AWAIT_MS + " ms");
            }
            return f.isSuccess() ? UdpResult.ok(value) : UdpResult.error(outcomeOf(f.cause()));
        }

        @Override
        public UdpResult<Void> setOption(UdpOption option, boolean value) {
            ChannelOption<Boolean> o;
            if (option == UdpOption.REUSE_ADDRESS) {
                o = ChannelOption.SO_REUSEADDR;
            } else {
                o = transport == Transport.EPOLL ? EpollChannelOption.SO_REUSEPORT
                        : NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
            }
            return ch.config().setOption(o, value) ? UdpResult.ok() : UdpResult.error(UdpOutcome.INVALID);
        }

        @Override
        public UdpResult<Void> bind(UdpAddress local) {
            return await(ch.bind(local.toInetSocketAddress()), null);
        }

        @Override
        public UdpResult<Void> connect(UdpAddress remote) {
            return await(ch.connect(remote.toInetSocketAddress()), null);
        }

        @Override
        public UdpResult<Void> disconnect() {
            return await(ch.disconnect(), null);
        }

        @Override
        public UdpResult<Integer> send(byte[] payload) {
            return await(ch.writeAndFlush(Unpooled.wrappedBuffer(payload)), payload.length);
        }

        @Override
        public UdpResult<Integer> sendTo(UdpAddress destination, byte[] payload) {
            return await(ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(payload),
                    destination.toInetSocketAddress())), payload.length);
        }

        @Override
        public UdpResult<Datagram> receive(Duration timeout) {
            Object next;
            try {
                next = inbound.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (next == null) {
                return ch.isOpen() ? UdpResult.error(UdpOutcome.WOULD_BLOCK) : UdpResult.error(UdpOutcome.CLOSED);
            }
            if (next instanceof Datagram d) {
                return UdpResult.ok(d);
            }
            return UdpResult.error(outcomeOf((Throwable) next));
        }

        @Override
        public Optional<UdpAddress> localAddress() {
            return address(ch.localAddress()).filter(a -> a.port() != 0);
        }

        @Override
        public Optional<UdpAddress> remoteAddress() {
            return address(ch.remoteAddress());
        }

        private Optional<UdpAddress> address(SocketAddress a) {
            if (!(a instanceof InetSocketAddress isa) || isa.getAddress() == null) {
                return Optional.empty();
            }
            return Optional.of(UdpAddress.from(isa));
        }

        @Override
        public UdpResult<Void> close() {
            ChannelFuture f = ch.close();
            f.awaitUninterruptibly(AWAIT_MS);
            inbound.clear();
            return UdpResult.ok();
        }
    }
}
