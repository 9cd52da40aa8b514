package org.netconform.adapters.jetty.websocket;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.CloseException;
import org.eclipse.jetty.websocket.core.exception.WebSocketException;
import org.eclipse.jetty.websocket.core.internal.Generator;
import org.eclipse.jetty.websocket.core.internal.Parser;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/**
 * Jetty's codec: {@link Parser} (with auto-fragmentation off, so its frame limit applies) and
 * {@link Generator}. Jetty makes many RFC 6455 checks one layer up, in
 * {@code WebSocketCoreSession.onFrame} through {@code FrameValidation.assertValidIncoming} and
 * {@code FrameSequence}, and its outgoing checks in {@code FrameValidation.assertValidOutgoing}; those
 * capabilities are declared as not owned so the codec layer is UNSUPPORTED there, not FAIL.
 */
final class JettyWebSocketCodec implements WebSocketCodec {
    private static final String SESSION = "checked at session level (WebSocketCoreSession via ";

    @Override
    public Set<String> capabilities() {
        return Set.of(LIMITS, HANDSHAKE_ACCEPT);
    }

    @Override
    public Map<String, String> notOwned() {
        return Map.of(
                RSV_VALIDATION, SESSION + "FrameValidation.assertValidFrame: 'RSV1 not allowed to be set'), not by the Parser",
                MASK_POLICY, SESSION + "FrameValidation.assertValidIncoming: 'Client MUST mask all frames'), not by the Parser",
                CLOSE_PAYLOAD_VALIDATION, SESSION + "FrameValidation.assertValidIncoming: CloseStatus.getCloseStatus), not by the Parser",
                FRAGMENT_ASSEMBLY, SESSION + "FrameSequence: 'CONTINUATION after fin==true'), not by the Parser",
                UTF8_VALIDATION, "checked when a text message is assembled (MessageHandler / Utf8StringBuilder), not by the Parser",
                MESSAGE_LIMIT, "maxTextMessageSize / maxBinaryMessageSize are enforced by the message handler, not by the Parser",
                MASK_KEYS, "the masking key is chosen by WebSocketConnection.enqueueFrame from the Random it is given, not by the "
                        + "Generator; the adapter sets a SecureRandom key as the connection would",
                SEND_VALIDATION, SESSION + "FrameValidation.assertValidOutgoing), not by the Generator");
    }

    @Override
    public String describeLimits(Limits asked) {
        return "maxFrameSize " + asked.maxFramePayload() + " with autoFragment off (Jetty's default is maxFrameSize "
                + org.eclipse.jetty.websocket.core.WebSocketConstants.DEFAULT_MAX_FRAME_SIZE + " with autoFragment "
                + org.eclipse.jetty.websocket.core.WebSocketConstants.DEFAULT_AUTO_FRAGMENT + "); messages not limited by the Parser";
    }

    @Override
    public Optional<String> computeAccept(String key) {
        return Optional.of(WebSocketUtils.hashKey(key));
    }

    @Override
    public Receiver receiver(Role receivingAs, Limits limits) {
        Configuration.ConfigurationCustomizer config = new Configuration.ConfigurationCustomizer();
        config.setAutoFragment(false);
        config.setMaxFrameSize(limits.maxFramePayload());
        return new JettyReceiver(new Parser(ByteBufferPool.NON_POOLING, config));
    }

    @Override
    public Encoder encoder(Role sendingAs) {
        Generator generator = new Generator();
        SecureRandom random = new SecureRandom();
        return o -> {
            Frame frame = toJetty(o);
            if (sendingAs == Role.CLIENT) {
                byte[] mask = new byte[4];
                random.nextBytes(mask);
                frame.setMask(mask);
            }
            // Jetty buffers are in flush mode: BufferUtil.allocate gives an empty one the generator fills
            ByteBuffer out = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH + frame.getPayloadLength());
            generator.generateWholeFrame(frame, out);
            byte[] b = new byte[out.remaining()];
            out.get(b);
            return b;
        };
    }

    static Frame toJetty(Outgoing o) {
        return switch (o.opcode()) {
            case CodecEvent.TEXT -> new Frame(OpCode.TEXT, o.fin(), o.text());
            case CodecEvent.CLOSE -> o.closeCode().isPresent()
                    ? CloseStatus.toFrame(o.closeCode().getAsInt(), o.closeReason()) : new Frame(OpCode.CLOSE);
            default -> new Frame((byte) o.opcode(), o.fin(), ByteBuffer.wrap(o.payload()));
        };
    }

    static final class JettyReceiver implements Receiver {
        private final Parser parser;
        private boolean failed;

        JettyReceiver(Parser parser) {
            this.parser = parser;
        }

        @Override
        public List<CodecEvent> feed(byte[] chop) {
            if (failed) {
                return List.of();
            }
            List<CodecEvent> out = new ArrayList<>();
            // Parser.parse unmasks the caller's buffer in place: give it a copy
            ByteBuffer in = ByteBuffer.wrap(chop.clone());
            try {
                while (in.hasRemaining()) {
                    Frame.Parsed f = parser.parse(in);
                    if (f == null) {
                        break;
                    }
                    try {
                        out.add(event(f));
                    } finally {
                        f.close();
                    }
                }
            } catch (WebSocketException e) {
                failed = true;
                OptionalInt code = e instanceof CloseException c ? OptionalInt.of(c.getStatusCode()) : OptionalInt.empty();
                out.add(new CodecEvent.Failure(code, false, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            return out;
        }

        private static CodecEvent event(Frame f) {
            ByteBuffer p = f.getPayload();
            byte[] payload = new byte[p == null ? 0 : p.remaining()];
            if (p != null) {
                p.slice().get(payload);
            }
            int op = f.getOpCode();
            return switch (op) {
                case OpCode.TEXT, OpCode.BINARY, OpCode.CONTINUATION -> new CodecEvent.DataFrame(op, f.isFin(), payload);
                default -> new CodecEvent.Control(op, payload);
            };
        }
    }
}
