package org.netconform.adapters.netty.wsserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsserver.LazyServerAdapter;

/**
 * Netty's WebSocket server ({@code netty-codec-http}): {@code WebSocketServerProtocolHandler} at /ws with
 * a 16 MiB frame limit, {@code WebSocketFrameAggregator} (16 MiB messages) and an echo handler.
 */
public final class NettyServerTarget implements Target {
    static final int LIMIT = 16 * 1024 * 1024;
    private final List<AreaAdapter> adapters = List.of(new Server());

    @Override
    public String id() {
        return "netty-server";
    }

    @Override
    public String description() {
        return "Netty " + io.netty.util.Version.identify().values().stream().findFirst()
                .map(v -> v.artifactVersion()).orElse("?") + " WebSocketServerProtocolHandler echo on 127.0.0.1";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Server extends LazyServerAdapter {
        private static final java.util.List<java.util.logging.Logger> QUIET = java.util.stream.Stream.of("io.netty")
                .map(java.util.logging.Logger::getLogger).toList();
        private EventLoopGroup group;
        private Channel channel;

        Server() {
            super("/ws", Set.of(LIMITS, RESOURCE_NAME));
        }

        @Override
        public String description() {
            return "Netty WebSocketServerProtocolHandler echo";
        }

        @Override
        public OptionalLong maxMessageSize() {
            return OptionalLong.of(LIMIT);
        }

        @Override
        public OptionalLong maxFramePayload() {
            return OptionalLong.of(LIMIT);
        }

        @Override
        protected int start(String path) throws Exception {
            if (!Boolean.getBoolean("netconform.ws.serverLog")) {
                QUIET.forEach(l -> l.setLevel(java.util.logging.Level.OFF));
            }
            group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder().websocketPath(path)
                    .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(LIMIT).build())
                    .build();
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new WebSocketServerProtocolHandler(config), new WebSocketFrameAggregator(LIMIT),
                                    new Echo(), new NotFound());
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        protected void stop() throws Exception {
            channel.close().sync();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Echoes whole messages; closes with 1009 when the aggregator refuses a message over the limit. */
    static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                ctx.writeAndFlush(frame.retainedDuplicate());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
                ctx.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(
                        io.netty.handler.codec.http.websocketx.WebSocketCloseStatus.MESSAGE_TOO_BIG))
                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
    }

    /** What a Netty application puts behind the WebSocket handler: 404 for any other HTTP request. */
    static final class NotFound extends SimpleChannelInboundHandler<io.netty.handler.codec.http.FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, io.netty.handler.codec.http.FullHttpRequest request) {
            io.netty.handler.codec.http.DefaultFullHttpResponse response = new io.netty.handler.codec.http.DefaultFullHttpResponse(
                    io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND);
            response.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }
}
