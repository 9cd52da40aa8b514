package org.netconform.adapters.javawebsocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.BinaryFrame;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.ContinuousFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.java_websocket.handshake.HandshakeImpl1Server;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/**
 * Java-WebSocket's codec: {@link Draft_6455#translateFrame} after {@code setParseMode(role)}, and
 * {@link Draft_6455#createBinaryFrame}. The fragment order, the UTF-8 of a fragmented text message and
 * the message limit are checked by {@code Draft_6455.processFrame}, which {@code WebSocketImpl} calls
 * for each frame of a live connection; those are declared not owned.
 */
final class JavaWebSocketCodec implements WebSocketCodec {

    @Override
    public Set<String> capabilities() {
        return Set.of(RSV_VALIDATION, MASK_POLICY, CLOSE_PAYLOAD_VALIDATION, LIMITS, MASK_KEYS, HANDSHAKE_ACCEPT);
    }

    @Override
    public Map<String, String> notOwned() {
        String process = "checked by Draft_6455.processFrame, which WebSocketImpl calls per frame on a connection, not by translateFrame";
        return Map.of(
                FRAGMENT_ASSEMBLY, process + " ('Continuous frame sequence was not started')",
                UTF8_VALIDATION, process + " (the UTF-8 of a fragmented text message is checked when its last fragment arrives)",
                MESSAGE_LIMIT, process + " (checkBufferLimit on the continuous frames)",
                SEND_VALIDATION, "WebSocketImpl.close validates a Close (CloseFrame.isValid) before sending it; "
                        + "createBinaryFrame writes any Framedata as given");
    }

    @Override
    public String describeLimits(Limits asked) {
        return "maxFrameSize " + asked.maxFramePayload() + " (Draft_6455 constructor; its default is Integer.MAX_VALUE); "
                + "no message limit in translateFrame";
    }

    static Draft_6455 draft(Role role, int maxFrameSize) {
        Draft_6455 d = new Draft_6455(Collections.emptyList(), maxFrameSize);
        d.setParseMode(role == Role.CLIENT ? org.java_websocket.enums.Role.CLIENT : org.java_websocket.enums.Role.SERVER);
        return d;
    }

    @Override
    public Optional<String> computeAccept(String key) {
        try {
            HandshakeImpl1Client request = new HandshakeImpl1Client();
            request.put("Sec-WebSocket-Key", key);
            HandshakeImpl1Server response = new HandshakeImpl1Server();
            draft(Role.SERVER, Integer.MAX_VALUE).postProcessHandshakeResponseAsServer(request, response);
            return Optional.ofNullable(response.getFieldValue("Sec-WebSocket-Accept"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Receiver receiver(Role receivingAs, Limits limits) {
        return new JwsReceiver(draft(receivingAs, limits.maxFramePayload()));
    }

    @Override
    public Encoder encoder(Role sendingAs) {
        Draft_6455 d = draft(sendingAs, Integer.MAX_VALUE);
        return o -> {
            ByteBuffer b = d.createBinaryFrame(toJws(d, o, sendingAs));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        };
    }

    static Framedata toJws(Draft_6455 d, Outgoing o, Role sender) {
        if (o.opcode() == CodecEvent.TEXT && o.fin()) {
            return d.createFrames(o.text(), sender == Role.CLIENT).get(0);
        }
        if (o.opcode() == CodecEvent.CLOSE) {
            CloseFrame c = new CloseFrame();
            if (o.closeCode().isPresent()) {
                c.setCode(o.closeCode().getAsInt());
                c.setReason(o.closeReason());
            } else {
                c.setCode(CloseFrame.NOCODE);
            }
            return c;
        }
        FramedataImpl1 f = switch (o.opcode()) {
            case CodecEvent.TEXT -> new TextFrame();
            case CodecEvent.BINARY -> new BinaryFrame();
            case CodecEvent.CONTINUATION -> new ContinuousFrame();
            case CodecEvent.PING -> new PingFrame();
            case CodecEvent.PONG -> new PongFrame();
            default -> throw new IllegalArgumentException("opcode " + o.opcode());
        };
        f.setPayload(ByteBuffer.wrap(o.opcode() == CodecEvent.TEXT ? o.text().getBytes(StandardCharsets.UTF_8) : o.payload()));
        f.setFin(o.fin());
        f.setTransferemasked(sender == Role.CLIENT);
        return f;
    }

    static final class JwsReceiver implements Receiver {
        private final Draft_6455 draft;
        private boolean failed;

        JwsReceiver(Draft_6455 draft) {
            this.draft = draft;
        }

        @Override
        public List<CodecEvent> feed(byte[] chop) {
            if (failed) {
                return List.of();
            }
            List<CodecEvent> out = new ArrayList<>();
            try {
                for (Framedata f : draft.translateFrame(ByteBuffer.wrap(chop.clone()))) {
                    out.add(event(f));
                }
            } catch (InvalidDataException e) {
                failed = true;
                out.add(new CodecEvent.Failure(OptionalInt.of(e.getCloseCode()), false,
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            return out;
        }

        private static CodecEvent event(Framedata f) {
            ByteBuffer p = f.getPayloadData();
            byte[] payload = new byte[p.remaining()];
            p.duplicate().get(payload);
            Opcode op = f.getOpcode();
            return switch (op) {
                case CONTINUOUS -> new CodecEvent.DataFrame(CodecEvent.CONTINUATION, f.isFin(), payload);
                case TEXT -> new CodecEvent.DataFrame(CodecEvent.TEXT, f.isFin(), payload);
                case BINARY -> new CodecEvent.DataFrame(CodecEvent.BINARY, f.isFin(), payload);
                case PING -> new CodecEvent.Control(CodecEvent.PING, payload);
                case PONG -> new CodecEvent.Control(CodecEvent.PONG, payload);
                case CLOSING -> {
                    CloseFrame c = (CloseFrame) f;
                    yield new CodecEvent.Control(CodecEvent.CLOSE, payload, c.getCloseCode() == CloseFrame.NOCODE
                            ? OptionalInt.empty() : OptionalInt.of(c.getCloseCode()), c.getMessage());
                }
            };
        }
    }
}
