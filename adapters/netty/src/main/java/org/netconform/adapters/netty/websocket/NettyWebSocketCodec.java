package org.netconform.adapters.netty.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/**
 * Netty's codec as a server or client pipeline would hold it: {@link WebSocket08FrameDecoder}
 * (configured strictly: masks by role, no extensions, close on protocol violation) followed by
 * {@link Utf8FrameValidator}; {@link WebSocket08FrameEncoder} masking as a client. Frames are reported
 * as frames: Netty reassembles messages only with a {@code WebSocketFrameAggregator}, which is not part
 * of the codec.
 */
final class NettyWebSocketCodec implements WebSocketCodec {

    @Override
    public Set<String> capabilities() {
        return Set.of(UTF8_VALIDATION, FRAGMENT_ASSEMBLY, CLOSE_PAYLOAD_VALIDATION, MASK_POLICY, RSV_VALIDATION, LIMITS,
                HANDSHAKE_ACCEPT, MASK_KEYS, SEND_VALIDATION);
    }

    @Override
    public Map<String, String> notOwned() {
        return Map.of(MESSAGE_LIMIT, "WebSocket08FrameDecoder limits frames only; a message is limited by "
                + "WebSocketFrameAggregator, one handler up, not by the codec");
    }

    @Override
    public String describeLimits(Limits asked) {
        return "maxFramePayloadLength " + asked.maxFramePayload() + " (as configured), no message limit in the codec; "
                + "Netty's default maxFramePayloadLength is " + WebSocketDecoderConfig.newBuilder().build().maxFramePayloadLength();
    }

    @Override
    public Receiver receiver(Role receivingAs, Limits limits) {
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(receivingAs == Role.SERVER)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .maxFramePayloadLength(limits.maxFramePayload())
                .closeOnProtocolViolation(true)
                .withUTF8Validator(true)
                .build();
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameDecoder(config), new Utf8FrameValidator(true));
        return new NettyReceiver(ch);
    }

    @Override
    public Encoder encoder(Role sendingAs) {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameEncoder(sendingAs == Role.CLIENT));
        return frame -> {
            ch.writeOutbound(toNetty(frame));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Object o; (o = ch.readOutbound()) != null; ) {
                ByteBuf b = (ByteBuf) o;
                out.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            return out.toByteArray();
        };
    }

    static WebSocketFrame toNetty(Outgoing o) {
        ByteBuf data = Unpooled.wrappedBuffer(o.payload());
        return switch (o.opcode()) {
            case CodecEvent.TEXT -> new TextWebSocketFrame(o.fin(), 0, o.text());
            case CodecEvent.BINARY -> new BinaryWebSocketFrame(o.fin(), 0, data);
            case CodecEvent.CONTINUATION -> new ContinuationWebSocketFrame(o.fin(), 0, data);
            case CodecEvent.PING -> new PingWebSocketFrame(o.fin(), 0, data);
            case CodecEvent.PONG -> new PongWebSocketFrame(o.fin(), 0, data);
            case CodecEvent.CLOSE -> o.closeCode().isPresent()
                    ? new CloseWebSocketFrame(o.closeCode().getAsInt(), o.closeReason()) : new CloseWebSocketFrame();
            default -> throw new IllegalArgumentException("opcode " + o.opcode());
        };
    }

    @Override
    public Optional<String> computeAccept(String key) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        req.headers().set("Host", "localhost").set("Upgrade", "websocket").set("Connection", "Upgrade")
                .set("Sec-WebSocket-Key", key).set("Sec-WebSocket-Version", "13");
        FullHttpResponse res = new Handshaker().response(req);
        try {
            return Optional.ofNullable(res.headers().get("Sec-WebSocket-Accept"));
        } finally {
            res.release();
            req.release();
        }
    }

    /** Exposes the response Netty's RFC 6455 server handshaker builds. */
    private static final class Handshaker extends WebSocketServerHandshaker13 {
        Handshaker() {
            super("ws://localhost/", null, WebSocketDecoderConfig.newBuilder().build());
        }

        FullHttpResponse response(FullHttpRequest req) {
            return newHandshakeResponse(req, new DefaultHttpHeaders());
        }
    }

    static final class NettyReceiver implements Receiver {
        private final EmbeddedChannel ch;
        private boolean failed;

        NettyReceiver(EmbeddedChannel ch) {
            this.ch = ch;
        }

        @Override
        public List<CodecEvent> feed(byte[] chop) {
            if (failed) {
                return List.of();
            }
            List<CodecEvent> out = new ArrayList<>();
            Throwable error = null;
            try {
                ch.writeInbound(Unpooled.wrappedBuffer(chop.clone()));
            } catch (RuntimeException e) {
                error = e;
            }
            for (Object o; (o = ch.readInbound()) != null; ) {
                try {
                    out.add(event((WebSocketFrame) o));
                } finally {
                    ReferenceCountUtil.release(o);
                }
            }
            if (error == null && !ch.isOpen()) {
                error = new IllegalStateException("channel closed by the codec");
            }
            if (error != null) {
                failed = true;
                OptionalInt sentCode = OptionalInt.empty();
                boolean sent = false;
                for (Object o; (o = ch.readOutbound()) != null; ) {
                    if (o instanceof CloseWebSocketFrame c) {
                        sent = true;
                        sentCode = c.statusCode() < 0 ? OptionalInt.empty() : OptionalInt.of(c.statusCode());
                    }
                    ReferenceCountUtil.release(o);
                }
                OptionalInt code = error instanceof CorruptedWebSocketFrameException c && c.closeStatus() != null
                        ? OptionalInt.of(c.closeStatus().code()) : sentCode;
                out.add(new CodecEvent.Failure(code, sent, error.getClass().getSimpleName() + ": " + error.getMessage()));
            }
            return out;
        }

        private static CodecEvent event(WebSocketFrame f) {
            byte[] payload = ByteBufUtil.getBytes(f.content());
            if (f instanceof TextWebSocketFrame) {
                return new CodecEvent.DataFrame(CodecEvent.TEXT, f.isFinalFragment(), payload);
            } else if (f instanceof BinaryWebSocketFrame) {
                return new CodecEvent.DataFrame(CodecEvent.BINARY, f.isFinalFragment(), payload);
            } else if (f instanceof ContinuationWebSocketFrame) {
                return new CodecEvent.DataFrame(CodecEvent.CONTINUATION, f.isFinalFragment(), payload);
            } else if (f instanceof PingWebSocketFrame) {
                return new CodecEvent.Control(CodecEvent.PING, payload);
            } else if (f instanceof PongWebSocketFrame) {
                return new CodecEvent.Control(CodecEvent.PONG, payload);
            } else if (f instanceof CloseWebSocketFrame c) {
                int code = c.statusCode();
                return new CodecEvent.Control(CodecEvent.CLOSE, payload, code < 0 ? OptionalInt.empty() : OptionalInt.of(code),
                        code < 0 ? "" : c.reasonText());
            }
            throw new IllegalStateException("unknown frame type " + f.getClass());
        }
    }
}
