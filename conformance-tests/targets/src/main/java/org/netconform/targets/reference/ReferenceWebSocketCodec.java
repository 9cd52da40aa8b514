package org.netconform.targets.reference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.netconform.reference.websocket.ClosePayload;
import org.netconform.reference.websocket.DecoderConfig;
import org.netconform.reference.websocket.Frame;
import org.netconform.reference.websocket.FrameDecoder;
import org.netconform.reference.websocket.FrameEncoder;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.Message;
import org.netconform.reference.websocket.MessageAssembler;
import org.netconform.reference.websocket.Opcode;
import org.netconform.reference.websocket.WebSocketProtocolException;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/**
 * The reference WebSocket codec: {@link FrameDecoder} feeding a {@link MessageAssembler} on the
 * receiving side, {@link FrameEncoder} on the sending side. It owns every codec-layer check.
 */
public class ReferenceWebSocketCodec implements WebSocketCodec {

    @Override
    public Set<String> capabilities() {
        return Set.of(UTF8_VALIDATION, FRAGMENT_ASSEMBLY, CLOSE_PAYLOAD_VALIDATION, MASK_POLICY, RSV_VALIDATION,
                LIMITS, MESSAGE_LIMIT, HANDSHAKE_ACCEPT, MASK_KEYS, SEND_VALIDATION);
    }

    @Override
    public Receiver receiver(Role receivingAs, Limits limits) {
        DecoderConfig config = DecoderConfig.receivingAs(receivingAs)
                .withMaxFramePayload(Math.min(limits.maxFramePayload(), DecoderConfig.MAX_ARRAY_PAYLOAD))
                .withMaxMessageSize(limits.maxMessageSize());
        return new ReferenceReceiver(new FrameDecoder(config), limits.maxMessageSize());
    }

    @Override
    public Encoder encoder(Role sendingAs) {
        FrameEncoder encoder = new FrameEncoder(sendingAs);
        return frame -> encoder.encode(toFrame(frame));
    }

    @Override
    public String describeLimits(Limits asked) {
        return "frame payload " + Math.min(asked.maxFramePayload(), DecoderConfig.MAX_ARRAY_PAYLOAD)
                + " octets, message " + asked.maxMessageSize() + " octets (as configured); fails on the header";
    }

    @Override
    public Optional<String> computeAccept(String secWebSocketKey) {
        return Optional.of(Handshake.computeAccept(secWebSocketKey));
    }

    static Frame toFrame(Outgoing o) {
        Opcode op = Opcode.of(o.opcode()).orElseThrow(() -> new IllegalArgumentException("opcode " + o.opcode()));
        byte[] payload = switch (op) {
            // String.getBytes replaces an unpaired surrogate with '?': the octets stay valid UTF-8
            case TEXT -> o.text().getBytes(StandardCharsets.UTF_8);
            case CLOSE -> (o.closeCode().isPresent() ? ClosePayload.of(o.closeCode().getAsInt(), o.closeReason())
                    : ClosePayload.EMPTY).encode();
            default -> o.payload();
        };
        return new Frame(o.fin(), op, payload);
    }

    /** Decoder plus assembler; protocol exceptions become the final {@link CodecEvent.Failure}. */
    static final class ReferenceReceiver implements Receiver {
        private final FrameDecoder decoder;
        private final MessageAssembler assembler;
        private final List<CodecEvent> out = new ArrayList<>();
        private boolean failed;

        ReferenceReceiver(FrameDecoder decoder, long maxMessageSize) {
            this.decoder = decoder;
            this.assembler = new MessageAssembler(maxMessageSize, new MessageAssembler.Listener() {
                @Override
                public void onMessage(Message message) {
                    out.add(new CodecEvent.Message(message.type().code(), message.payload()));
                }

                @Override
                public void onControl(Frame frame) {
                    out.add(control(frame));
                }
            });
        }

        @Override
        public List<CodecEvent> feed(byte[] chop) {
            if (failed) {
                return List.of();
            }
            out.clear();
            try {
                decoder.feed(chop, 0, chop.length, assembler::accept);
            } catch (WebSocketProtocolException e) {
                failed = true;
                out.add(new CodecEvent.Failure(OptionalInt.of(e.closeCode()), false, e.reason()));
            }
            return List.copyOf(out);
        }

        private static CodecEvent control(Frame frame) {
            if (frame.opcode() == Opcode.CLOSE) {
                ClosePayload close = ClosePayload.decode(frame.payload());
                return new CodecEvent.Control(CodecEvent.CLOSE, frame.payload(), close.code(), close.reason());
            }
            return new CodecEvent.Control(frame.opcode().code(), frame.payload());
        }
    }
}
